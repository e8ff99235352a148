package io.github.credentialprocess.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runs of {@code counting-helper.sh}, which appends a line to the file its {@code RUNS_FILE}
 * names each time it runs.
 *
 * @param file the file, absent until the first run
 */
record HelperRuns(Path file) {

	/** The helper, relative to the sample's directory (where its tests run). */
	static final String COUNTING_HELPER = "src/test/resources/io/github/credentialprocess/sample/counting-helper.sh";

	/**
	 * How many times the helper has run.
	 * @return the number of runs so far
	 */
	int count() {
		try {
			return Files.exists(this.file) ? Files.readAllLines(this.file).size() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

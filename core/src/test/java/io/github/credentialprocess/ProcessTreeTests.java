package io.github.credentialprocess;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreeTests {

	@TempDir
	Path folder;

	@Test
	void killIsNotTakenFromThePath() throws Exception {
		Path hanging = new Scripts(this.folder).script("exec sleep 300");
		PlantedPathProbe.Result result = PlantedPathProbe.run(this.folder, List.of("kill"), "argv", hanging.toString());
		assertThat(result.outcome()).isEqualTo("PROBE TIMEOUT");
		assertThat(result.plantedRuns()).as("planted programs that ran").isEmpty();
	}

}

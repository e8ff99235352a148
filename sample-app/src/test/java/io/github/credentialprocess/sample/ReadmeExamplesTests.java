package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example in the README and the docs is checked: each Java block is the text of a file that is
 * compiled (and, for a test, run) in this build, named by the {@code <!-- tested: path -->} line
 * above it; each YAML block parses and every key under {@code aws.credential-process} in it binds
 * to a property of this starter; each Maven dependency names this project's version.
 */
class ReadmeExamplesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern BLOCK = Pattern.compile("(?:<!-- tested: (\\S+) -->\\n)?```(\\w+)\\n(.*?)\\n```",
			Pattern.DOTALL);

	private static final List<String> DOCUMENTS = List.of("README.md", "docs/configuration.md",
			"docs/observability.md", "docs/engine.md", "docs/several-identities.md", "CHANGELOG.md");

	@Test
	void everyJavaExampleIsTheTextOfACompiledFileNamedAboveIt() throws IOException {
		List<Block> java = blocks("java");
		assertThat(java).isNotEmpty();
		for (Block block : java) {
			assertThat(block.testedBy()).as("%s: a Java block needs a '<!-- tested: path -->' line above it",
					block.document())
				.isNotNull();
			Path file = ROOT.resolve(block.testedBy());
			assertThat(file).as("%s names %s", block.document(), file).isRegularFile();
			assertThat(Collections.indexOfSubList(meaningfulLines(Files.readString(file)), meaningfulLines(block.text())))
				.as("%s: the Java block is not (or no longer) the text of %s:%n%s", block.document(), file,
						block.text())
				.isNotNegative();
		}
	}

	@Test
	void everyYamlExampleBindsToThePropertiesOfThisStarter() throws IOException {
		List<Block> yaml = blocks("yaml");
		assertThat(yaml).isNotEmpty();
		for (Block block : yaml) {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(block.document(),
					new ByteArrayResource(block.text().getBytes()));
			Binder binder = new Binder(ConfigurationPropertySources.from(sources));
			BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
			binder.bind("aws.credential-process", Bindable.of(CredentialProcessProperties.class), strict);
		}
	}

	@Test
	void everyDependencyExampleNamesThisProjectsVersion() throws IOException {
		Matcher parent = Pattern.compile("<artifactId>credential-process-spring-boot-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(ROOT.resolve("pom.xml")));
		assertThat(parent.find()).isTrue();
		List<Block> xml = blocks("xml");
		assertThat(xml).isNotEmpty();
		for (Block block : xml) {
			assertThat(block.text()).as(block.document()).contains("<version>" + parent.group(1) + "</version>");
		}
	}

	private static List<Block> blocks(String language) throws IOException {
		List<Block> blocks = new ArrayList<>();
		for (String document : DOCUMENTS) {
			Matcher matcher = BLOCK.matcher(Files.readString(ROOT.resolve(document)));
			while (matcher.find()) {
				if (matcher.group(2).equals(language)) {
					blocks.add(new Block(document, matcher.group(1), matcher.group(3)));
				}
			}
		}
		return blocks;
	}

	/** Lines without their indentation, blank lines left out: tabs in the code, spaces in the README. */
	private static List<String> meaningfulLines(String text) {
		return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private record Block(String document, String testedBy, String text) {
	}

}

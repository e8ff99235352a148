package io.github.credentialprocess.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints this module declares, loaded as Spring AOT loads them (from
 * {@code META-INF/spring/aot.factories}), cover every class it reaches by name or reflection.
 */
class CredentialProcessRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	CredentialProcessRuntimeHintsTests() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		registrars.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void theClassTheEngineLooksUpByNameBeforeReadingAProfileIsKept() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(CredentialProcessRuntimeHints.PROFILE_FILE)))
			.accepts(this.hints);
		// A real class of the AWS SDK: a name that no longer exists would keep nothing.
		assertThat(Class.forName(CredentialProcessRuntimeHints.PROFILE_FILE)).isNotNull();
	}

	@Test
	void classesSpringBootCreatesFromSpringFactoriesCanBeConstructed() throws java.io.IOException {
		// Every class of ours that a spring.factories file names, read from the files themselves.
		List<String> types = new java.util.ArrayList<>();
		for (java.net.URL url : java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
			java.util.Properties factories = new java.util.Properties();
			try (java.io.InputStream in = url.openStream()) {
				factories.load(in);
			}
			factories.values().forEach((names) -> java.util.Arrays.stream(names.toString().split(","))
				.map(String::strip)
				.filter((name) -> name.startsWith("io.github.credentialprocess."))
				.forEach(types::add));
		}
		assertThat(types).contains("io.github.credentialprocess.autoconfigure.CredentialProcessBindFailureAnalyzer");
		for (String type : types) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(type))
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type).accepts(this.hints);
		}
	}

	@Test
	void classesTheConfigImportChecksForByNameAreKept() {
		for (String type : List.of("io.awspring.cloud.autoconfigure.config.AbstractAwsConfigDataLocationResolver",
				"software.amazon.awssdk.auth.credentials.AwsCredentialsProvider")) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).as(type).accepts(this.hints);
		}
	}

}

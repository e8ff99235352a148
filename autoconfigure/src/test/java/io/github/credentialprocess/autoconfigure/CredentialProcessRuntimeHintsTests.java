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
	void classesSpringBootCreatesFromSpringFactoriesCanBeConstructed() {
		for (String type : List.of("io.github.credentialprocess.autoconfigure.CredentialProcessFailureAnalyzer",
				"io.github.credentialprocess.configdata.CredentialProcessConfigImportRegistrar",
				"io.github.credentialprocess.configdata.BootstrapFailureCleanup")) {
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

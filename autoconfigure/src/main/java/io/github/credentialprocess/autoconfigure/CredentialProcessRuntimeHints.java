package io.github.credentialprocess.autoconfigure;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs to keep for the provider and its auto-configuration, beyond what Spring
 * AOT finds by itself (beans, configuration properties, endpoints): the class whose presence the
 * engine checks by name before it reads a profile of the AWS config file, and the failure analyzer
 * that Spring Boot creates from {@code spring.factories}. The engine itself uses no reflection: its
 * JSON is read with Jackson's streaming parser.
 */
class CredentialProcessRuntimeHints implements RuntimeHintsRegistrar {

	/** Looked up with {@code Class.forName} by {@code CredentialProcessProvider.Builder.profile}. */
	static final String PROFILE_FILE = "software.amazon.awssdk.profiles.ProfileFile";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerType(TypeReference.of(PROFILE_FILE));
		hints.reflection()
			.registerType(CredentialProcessFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.registerType(CredentialProcessBindFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

}

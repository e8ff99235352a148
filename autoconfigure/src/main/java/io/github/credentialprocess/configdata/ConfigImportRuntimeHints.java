package io.github.credentialprocess.configdata;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs for the Spring Cloud AWS config import: the classes whose presence the
 * registrar checks by name, and the two classes Spring Boot creates from {@code spring.factories}
 * before any bean exists.
 */
class ConfigImportRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of(CredentialProcessConfigImportRegistrar.SPRING_CLOUD_AWS_RESOLVER))
			.registerType(TypeReference.of(CredentialProcessConfigImportRegistrar.AWS_SDK_CREDENTIALS_PROVIDER))
			.registerType(CredentialProcessConfigImportRegistrar.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.registerType(BootstrapFailureCleanup.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
	}

}

package io.github.credentialprocess.awssdk.autoconfigure;

import io.github.credentialprocess.autoconfigure.AwsClientType;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.Ordered;

/**
 * What a native image needs for {@code aws.credential-process.clients}: the JDK proxy of each client
 * type's customizer interface that {@link ClientCredentialsCustomizer} creates (a native image knows
 * only the proxies declared at build time), for every type whose module is on the class path, and
 * the classes {@link AwsClientType#isPresent} looks up by name. Loads no AWS SDK class: it runs at
 * build time whatever is on the class path.
 */
class ClientCustomizerRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (AwsClientType type : AwsClientType.values()) {
			hints.reflection().registerType(TypeReference.of(type.customizer())).registerType(TypeReference.of(type.builder()));
			if (type.isPresent(classLoader)) {
				// The interfaces of ClientCredentialsCustomizer's proxy, in its order (checked by a test).
				hints.proxies().registerJdkProxy(TypeReference.of(type.customizer()), TypeReference.of(Ordered.class));
			}
		}
	}

}

package io.github.credentialprocess.configdata;

import java.util.List;
import java.util.Optional;

import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Makes Spring Cloud AWS's config import sign with the process credentials. Spring Cloud AWS's
 * config-data resolvers build their clients in the bootstrap phase, before any bean exists, with
 * the {@code AwsCredentialsProvider} of the bootstrap registry, or else the default chain.
 * <p>
 * Boot asks every {@link ConfigDataLocationResolver} in order whether it resolves a location; this
 * one comes first, never claims a location, and when it sees an {@code aws-} location it registers
 * in the bootstrap registry the default provider and its AWS SDK adapter, and the customizers that
 * make the import's clients mapped under {@code aws.credential-process.clients} sign with a named
 * provider ({@link BootstrapClientMappings}), each built lazily from {@code aws.credential-process.*}
 * as bound at that moment, when the files that declare the import ({@code application.yml}
 * included) are already read. A {@code BootstrapRegistryInitializer} could
 * not do that: it runs before any configuration file is read. Nothing happens when Spring Cloud AWS
 * or the AWS SDK is absent, when {@code enabled} is {@code false}, when no provider is configured,
 * or when nothing is imported from AWS; the default provider steps aside for a provider or
 * {@code AwsCredentialsProvider} the user registered in the bootstrap registry.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class CredentialProcessConfigImportRegistrar implements ConfigDataLocationResolver<ConfigDataResource> {

	/** The base of Spring Cloud AWS's config-data resolvers, which read the bootstrap registry. */
	static final String SPRING_CLOUD_AWS_RESOLVER = "io.awspring.cloud.autoconfigure.config.AbstractAwsConfigDataLocationResolver";

	static final String AWS_SDK_CREDENTIALS_PROVIDER = "software.amazon.awssdk.auth.credentials.AwsCredentialsProvider";

	/** Spring Cloud AWS's locations: aws-s3:, aws-parameterstore:, aws-secretsmanager:, aws-appconfig:. */
	private static final String AWS_LOCATION_PREFIX = "aws-";

	private final boolean applicable;

	private final ClassLoader classLoader;

	/**
	 * Creates the registrar; Boot calls this.
	 * @param resourceLoader whose class loader tells whether Spring Cloud AWS and the AWS SDK are
	 * present
	 */
	public CredentialProcessConfigImportRegistrar(ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		this.classLoader = classLoader;
		this.applicable = ClassUtils.isPresent(SPRING_CLOUD_AWS_RESOLVER, classLoader)
				&& ClassUtils.isPresent(AWS_SDK_CREDENTIALS_PROVIDER, classLoader);
	}

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		if (this.applicable && location.getValue().startsWith(AWS_LOCATION_PREFIX)) {
			Optional<CredentialProcessProperties> properties = CredentialProcessProviderFactory
				.bindIfConfigured(context.getBinder());
			if (properties.isPresent()) {
				BootstrapClientMappings.register(context.getBootstrapContext(), properties.get(), this.classLoader);
			}
			else {
				// Nothing to sign with yet; a provider configured in a file read later must not go unnoticed.
				ImportedIdentities.checkUnconfiguredOnClose(context.getBootstrapContext(), this.classLoader);
			}
		}
		return false;
	}

	@Override
	public List<ConfigDataResource> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return List.of();
	}

	boolean isApplicable() {
		return this.applicable;
	}

}

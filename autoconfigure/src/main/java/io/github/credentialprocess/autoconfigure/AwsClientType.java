package io.github.credentialprocess.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

/**
 * The Spring Cloud AWS client types {@code aws.credential-process.clients.<type>} maps to a
 * provider, each with the per-client customizer of Spring Cloud AWS that carries the mapping and
 * the AWS SDK builder whose presence says the client's module is on the class path.
 */
public enum AwsClientType {

	/** Spring Cloud AWS S3 ({@code S3Client}, {@code S3TransferManager}, the {@code aws-s3:} import). */
	S3("s3", "io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer", "software.amazon.awssdk.services.s3.S3ClientBuilder",
			true),

	/** Spring Cloud AWS SQS ({@code SqsAsyncClient}). */
	SQS("sqs", "io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer",
			"software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder", false),

	/** Spring Cloud AWS SNS ({@code SnsClient}). */
	SNS("sns", "io.awspring.cloud.autoconfigure.sns.SnsClientCustomizer",
			"software.amazon.awssdk.services.sns.SnsClientBuilder", false),

	/** Spring Cloud AWS SES ({@code SesClient}). */
	SES("ses", "io.awspring.cloud.autoconfigure.ses.SesClientCustomizer",
			"software.amazon.awssdk.services.ses.SesClientBuilder", false),

	/** Spring Cloud AWS DynamoDB ({@code DynamoDbClient}). */
	DYNAMODB("dynamodb", "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer",
			"software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder", false),

	/** Spring Cloud AWS CloudWatch metrics ({@code CloudWatchAsyncClient}). */
	CLOUDWATCH("cloudwatch", "io.awspring.cloud.autoconfigure.metrics.CloudWatchAsyncClientCustomizer",
			"software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder", false),

	/** The {@code aws-parameterstore:} config import ({@code SsmClient}). */
	PARAMETER_STORE("parameter-store", "io.awspring.cloud.autoconfigure.config.parameterstore.SsmClientCustomizer",
			"software.amazon.awssdk.services.ssm.SsmClientBuilder", true),

	/** The {@code aws-secretsmanager:} config import ({@code SecretsManagerClient}). */
	SECRETS_MANAGER("secrets-manager",
			"io.awspring.cloud.autoconfigure.config.secretsmanager.SecretsManagerClientCustomizer",
			"software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder", true),

	/** The {@code aws-appconfig:} config import ({@code AppConfigDataClient}). */
	APP_CONFIG("app-config", "io.awspring.cloud.autoconfigure.config.appconfig.AppConfigClientCustomizer",
			"software.amazon.awssdk.services.appconfigdata.AppConfigDataClientBuilder", true);

	private final String key;

	private final String customizer;

	private final String builder;

	private final boolean builtByConfigImport;

	AwsClientType(String key, String customizer, String builder, boolean builtByConfigImport) {
		this.key = key;
		this.customizer = customizer;
		this.builder = builder;
		this.builtByConfigImport = builtByConfigImport;
	}

	/**
	 * The key under {@code aws.credential-process.clients}.
	 * @return the key, such as {@code parameter-store}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Spring Cloud AWS's customizer interface of this client type.
	 * @return the interface's class name
	 */
	public String customizer() {
		return this.customizer;
	}

	/**
	 * The AWS SDK builder of this client type, present when its module is.
	 * @return the builder's class name
	 */
	public String builder() {
		return this.builder;
	}

	/**
	 * The AWS SDK client of this type, named after its builder.
	 * @return the client interface's class name, such as {@code software.amazon.awssdk.services.ssm.SsmClient}
	 */
	public String client() {
		return this.builder.substring(0, this.builder.length() - "Builder".length());
	}

	/**
	 * Whether Spring Cloud AWS's config import builds a client of this type in the bootstrap phase,
	 * with the customizer it finds in the bootstrap registry ({@code aws-s3:},
	 * {@code aws-parameterstore:}, {@code aws-secretsmanager:}, {@code aws-appconfig:}).
	 * @return whether the mapping must reach the bootstrap phase too
	 */
	public boolean isBuiltByConfigImport() {
		return this.builtByConfigImport;
	}

	/**
	 * Whether this type's Spring Cloud AWS module and AWS SDK module are both on a class path.
	 * @param classLoader the class loader to look in
	 * @return whether a client of this type can be customized
	 */
	public boolean isPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(this.customizer, classLoader) && ClassUtils.isPresent(this.builder, classLoader);
	}

	/**
	 * The type a key names, in any spelling relaxed binding accepts ({@code parameter-store},
	 * {@code parameterstore}, {@code parameter_store}).
	 * @param key the key under {@code aws.credential-process.clients}
	 * @return the type, or empty when Spring Cloud AWS has no such client type
	 */
	public static Optional<AwsClientType> of(String key) {
		String canonical = key.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((type) -> type.key.replace("-", "").equals(canonical)).findFirst();
	}

	static String keys() {
		return Arrays.stream(values()).map(AwsClientType::key).collect(Collectors.joining(", "));
	}

}

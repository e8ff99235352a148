/**
 * Spring Cloud AWS config import ({@code spring.config.import=aws-s3:...},
 * {@code aws-parameterstore:...}, {@code aws-secretsmanager:...}, {@code aws-appconfig:...}) with
 * the process credentials, and the hand-over of the provider built for it to the application
 * context.
 */
package io.github.credentialprocess.configdata;

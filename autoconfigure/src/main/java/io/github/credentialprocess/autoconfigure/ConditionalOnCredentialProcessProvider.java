package io.github.credentialprocess.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the bean factory holds a {@link CredentialProcessProvider} bean of any kind: the
 * default one, the user's own, or a named one. Unlike {@code @ConditionalOnBean}, which ignores
 * beans that are not default candidates, it sees the named providers, so that an application with
 * only named providers still gets health, metrics and the endpoint.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnCredentialProcessProviderCondition.class)
public @interface ConditionalOnCredentialProcessProvider {

}

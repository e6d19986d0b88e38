package io.qwengateway.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Only with {@code REDIS_URL} ({@code gateway.cluster.redis-url}) set: the condition of {@link ClusterConfiguration}
 * itself, decided from the property alone, so that a bean using {@link SharedState} does not depend on the order in
 * which configuration classes are read (as {@code @ConditionalOnBean} would).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnExpression("!'${gateway.cluster.redis-url:}'.isBlank()")
public @interface ConditionalOnSharedState {
}

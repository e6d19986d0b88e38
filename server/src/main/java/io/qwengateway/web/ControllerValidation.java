package io.qwengateway.web;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.validation.beanvalidation.MethodValidationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.stereotype.Controller;

/**
 * Validation of the generated controllers once, by Spring MVC, not twice. The generator marks every {@code *Api}
 * interface {@code @Validated}, which makes Spring Boot's method-validation post-processor wrap each controller in an
 * AOP proxy that validates the arguments again (after MVC's binding already did: {@code @Valid} bodies and the
 * constraints on parameters, whose failures {@code ApiExceptionHandler} renders) and the returned
 * {@code ResponseEntity}, on every call: about a third of a handler call in JFR (docs/performance.md). Boot's own
 * extension point leaves controllers out; every other {@code @Validated} bean is proxied as before.
 */
@Configuration(proxyBeanMethods = false)
public class ControllerValidation {

    /** Infrastructure, like Boot's own filters: the post-processor takes it before the other post-processors run. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static MethodValidationExcludeFilter controllersAreValidatedByMvc() {
        return MethodValidationExcludeFilter.byAnnotation(Controller.class);
    }
}

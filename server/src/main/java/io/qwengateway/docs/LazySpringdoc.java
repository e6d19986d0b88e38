package io.qwengateway.docs;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.MethodMetadata;

/**
 * springdoc's beans are made when Swagger UI is first asked for, not at every start. They serve pages an operator
 * opens now and then, yet building them at the start loaded ~750 classes (swagger-core's models and the Jackson 2
 * mapper it brings among them): 6 % of the classes of a start, ~0.15 s of a 2.8 s start on Java 25
 * (docs/performance.md, "Startup"). Spring MVC maps a lazy controller by its type and creates it at its first
 * request; beans that others need at the start (Spring MVC's configurers, post-processors) are still made then.
 */
@Configuration(proxyBeanMethods = false)
public class LazySpringdoc {

    static final String SPRINGDOC = "org.springdoc.";

    @Bean
    static BeanFactoryPostProcessor lazySpringdocBeans() {
        return factory -> {
            for (String name : factory.getBeanDefinitionNames()) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                if (isSpringdoc(definition)) {
                    definition.setLazyInit(true);
                }
            }
        };
    }

    /** A springdoc class, or a bean made by a {@code @Bean} method of one. */
    static boolean isSpringdoc(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null && definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata method = annotated.getFactoryMethodMetadata();
            type = method == null ? null : method.getDeclaringClassName();
        }
        return type != null && type.startsWith(SPRINGDOC);
    }
}

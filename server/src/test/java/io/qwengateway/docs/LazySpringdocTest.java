package io.qwengateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.conditions.MultipleOpenApiSupportCondition;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;

class LazySpringdocTest {

    @Test
    void springdocBeansAreMadeWhenFirstNeededAndOthersAtTheStart() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(LazySpringdoc.class);
            context.registerBeanDefinition("springdocBean", new RootBeanDefinition(MultipleOpenApiSupportCondition.class));
            context.registerBeanDefinition("ours", new RootBeanDefinition(StringBuilder.class));
            context.refresh();

            assertThat(context.getBeanFactory().getBeanDefinition("springdocBean").isLazyInit()).isTrue();
            assertThat(context.getBeanFactory().containsSingleton("springdocBean")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("ours")).isTrue();
            assertThat(context.getBean("springdocBean")).isInstanceOf(MultipleOpenApiSupportCondition.class);
        }
    }

    @Test
    void aBeanMadeByASpringdocBeanMethodIsSpringdocsWhateverItsType() {
        MethodMetadata springdocMethod = AnnotationMetadata.introspect(SpringDocConfiguration.class)
                .getAnnotatedMethods(Bean.class.getName()).iterator().next();
        MethodMetadata ourMethod = AnnotationMetadata.introspect(LazySpringdoc.class)
                .getAnnotatedMethods(Bean.class.getName()).iterator().next();

        assertThat(LazySpringdoc.isSpringdoc(new AnnotatedGenericBeanDefinition(
                AnnotationMetadata.introspect(SpringDocConfiguration.class), springdocMethod))).isTrue();
        assertThat(LazySpringdoc.isSpringdoc(new AnnotatedGenericBeanDefinition(
                AnnotationMetadata.introspect(LazySpringdoc.class), ourMethod))).isFalse();
    }
}

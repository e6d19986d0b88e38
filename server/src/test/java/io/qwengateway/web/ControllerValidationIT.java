package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Controller;

import io.qwengateway.support.GatewayIntegrationTest;

/** The generated controllers are validated by Spring MVC alone: no validating proxy around them, same 400s. */
class ControllerValidationIT extends GatewayIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noControllerIsWrappedInAMethodValidationProxy() {
        assertThat(context.getBeansWithAnnotation(Controller.class)).isNotEmpty()
                .allSatisfy((name, bean) -> assertThat(AopUtils.isAopProxy(bean)).as(name).isFalse());
    }

    @Test
    void aBodyThatBreaksTheContractIsStillA400InOpenAisEnvelope() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", "{\"model\":\"coder-model\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"invalid_request_error\"").contains("messages");
    }
}

package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

class TomcatConnectionBuffersTest {

    @Test
    void eachConnectionGetsTheSmallerSocketBuffers() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new TomcatConnectionBuffers().customize(factory);
        Connector connector = new Connector(HeaderTimeoutProtocol.class.getName());

        factory.getConnectorCustomizers().forEach(customizer -> customizer.customize(connector));

        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("4096");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("4096");
    }
}

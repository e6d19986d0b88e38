package io.qwengateway.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What the embedded Tomcat needs so that no request, however malformed, gets an HTML page or puts a header value in
 * the log, and so that a slow client cannot hold a connection by trickling its headers:
 * <ul>
 * <li>the connector is {@link HeaderTimeoutProtocol} with {@code gateway.web.header-timeout};</li>
 * <li>the host's error report valve is {@link JsonErrorReportValve}, in place of the HTML one (Spring Boot's
 * included);</li>
 * <li>Tomcat's "user data" log messages are switched off: the one for an invalid header quotes the whole header line
 * at INFO, {@code Authorization: Bearer <key>} included.</li>
 * </ul>
 * Runs after Spring Boot's own Tomcat customizer, whose error report valve it replaces.
 */
@Component
public class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** Read by each Tomcat processor as it is created: NONE suppresses those messages at every log level. */
    static final String USER_DATA_LOGGING = "org.apache.juli.logging.UserDataHelper.CONFIG";

    private final WebProperties properties;

    public TomcatHardening(WebProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        System.setProperty(USER_DATA_LOGGING, "NONE");
        factory.setProtocol(HeaderTimeoutProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof HeaderTimeoutProtocol protocol) {
                protocol.setHeaderTimeout(properties.headerTimeout());
            }
        });
        factory.addContextCustomizers(context -> useJsonErrorReports((Host) context.getParent()));
    }

    private static void useJsonErrorReports(Host host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (host instanceof org.apache.catalina.core.StandardHost standardHost) {
            // The host adds a valve of this class when it starts, if it has none: make that ours too.
            standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
        }
        host.getPipeline().addValve(new JsonErrorReportValve());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

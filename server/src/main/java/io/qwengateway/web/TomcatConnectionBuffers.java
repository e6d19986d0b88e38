package io.qwengateway.web;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller socket buffers for each client connection: Tomcat keeps an 8 KiB read and an 8 KiB write buffer per
 * connection and sizes each request processor's input buffer as the header limit plus the read buffer, all kept for
 * reuse. A gateway holds hundreds of mostly idle streaming connections, whose frames are a few hundred bytes, so the
 * defaults cost ~24 KiB of heap per connection for nothing (docs/performance.md, "Footprint and startup").
 *
 * <p>The bytes on the wire do not change: these buffers sit between the socket and Tomcat's own output buffer, which
 * decides the HTTP chunks and whether a response gets a Content-Length (its 8 KiB is left as it is). A read or a
 * write larger than them goes through in more system calls of this size.
 */
@Component
public class TomcatConnectionBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Bytes of each connection's socket read buffer and write buffer (Tomcat: 8,192 each). */
    static final int SOCKET_BUFFER_BYTES = 4096;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?>) {
                connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
                connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            }
        });
    }
}

package io.qwengateway.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.modeler.NoDescriptorRegistry;
import org.apache.tomcat.util.modeler.Registry;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO connector with a deadline for receiving a request's line and headers.
 *
 * <p>Tomcat's {@code connectionTimeout} bounds the wait for each read, not for the whole header: a client that
 * trickles one header byte at a time (slowloris) restarts it with every byte and holds its connection for as long as
 * it likes. Tomcat 11 has no setting for this, so a watchdog looks at the open connections every so often and closes
 * those still waiting for the rest of a request's line or headers longer than {@code headerTimeout} after the
 * request's first byte. Idle keep-alive connections (no byte of a next request yet) are left to Tomcat's
 * {@code keepAliveTimeout}; so are bodies, which have {@code connectionTimeout} per read.
 */
public class HeaderTimeoutProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(HeaderTimeoutProtocol.class);

    private volatile Duration headerTimeout = Duration.ZERO;
    private ScheduledExecutorService watchdog;

    public HeaderTimeoutProtocol() {
        // Tomcat's handler, but without registering a JMX name per new connection under one global lock while the
        // MBean registry is off (UnregisteredProcessors says why).
        UnregisteredProcessors<NioChannel> handler = new UnregisteredProcessors<>(this);
        getEndpoint().setHandler(handler);
        setHandler(handler);
    }

    /** Zero or negative: no deadline (Tomcat's own behaviour). */
    public void setHeaderTimeout(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    public Duration getHeaderTimeout() {
        return headerTimeout;
    }

    @Override
    public void start() throws Exception {
        super.start();
        Duration timeout = headerTimeout;
        if (!timeout.isNegative() && !timeout.isZero()) {
            // Checking four times per bound closes a slow connection between 1 and 1.25 bounds after its first byte.
            long periodMillis = Math.max(50, timeout.toMillis() / 4);
            watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "header-timeout-" + getPort());
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleWithFixedDelay(this::closeSlowRequests, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() throws Exception {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        super.stop();
    }

    private void closeSlowRequests() {
        try {
            long now = System.nanoTime();
            long limit = headerTimeout.toNanos();
            for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
                closeIfSlow(connection, now, limit);
            }
        } catch (RuntimeException e) {
            // Never let one failure end the watchdog: later checks must still run.
            log.warn("The header-timeout check failed: {}", e.toString());
        }
    }

    private static void closeIfSlow(SocketWrapperBase<?> connection, long now, long limit) {
        // A worker holding the lock is serving the connection right now (reading a body, writing an answer): it is
        // not waiting for header bytes.
        if (!connection.getLock().tryLock()) {
            return;
        }
        try {
            if (connection.getCurrentProcessor() instanceof Http11Processor processor
                    && waitingForHeadersFor(processor, now) > limit) {
                log.debug("Closing a connection that sent no complete request header within the header timeout");
                // Releases the processor and closes the socket, as Tomcat's poller does when a read times out; under
                // the connection's lock, so that no worker starts on it meanwhile.
                connection.close();
            }
        } finally {
            connection.getLock().unlock();
        }
    }

    /**
     * How long an idle connection has been inside its current request; negative when it is not inside one. Tomcat
     * keeps a processor on a connection between reads only while a request is under way: between requests it
     * releases the processor, and a streaming (async) or upgraded connection is not reading a request at all. So a
     * processor parked on an idle connection, neither async nor upgraded, is one waiting for the rest of a request
     * line or its headers (body reads block a worker instead, which holds the lock).
     */
    private static long waitingForHeadersFor(Http11Processor processor, long now) {
        if (processor.isAsync() || processor.isUpgrade() || processor.getRequest() == null) {
            return -1;
        }
        long started = processor.getRequest().getStartTimeNanos();
        return started == -1 ? -1 : now - started;
    }

    /**
     * Tomcat's connection handler, without the per-processor JMX registration when the MBean registry is off (Spring
     * Boot's default, {@code server.tomcat.mbeanregistry.enabled: false}).
     *
     * <p>Tomcat registers every new request processor (one per connection it has no cached processor for) under one
     * lock for the whole connector, even with the registry off, where the registration does nothing. With 1,000
     * clients connecting at once that lock became a convoy: thread dumps during ProcessBenchmark's 1,000-stream phase
     * showed 500-600 of the 1,000 request threads waiting for it (on Java 25 virtual threads, each woken in turn
     * through the scheduler's queue; on Java 17, 274 of 400 platform threads). The registration only names the
     * processor's statistics for JMX, which nothing reads with the registry off; with it on, Tomcat's own behaviour
     * is kept. Nested here because Tomcat's handler class is visible to protocol subclasses only.
     */
    static final class UnregisteredProcessors<S> extends ConnectionHandler<S> {

        /** Decided on first use: Spring Boot switches the registry off before it creates the connector. */
        private volatile Boolean registryOff;

        UnregisteredProcessors(AbstractProtocol<S> protocol) {
            super(protocol);
        }

        @Override
        protected void register(Processor processor) {
            if (!registryOff()) {
                super.register(processor);
            }
        }

        @Override
        protected void unregister(Processor processor) {
            if (!registryOff()) {
                super.unregister(processor);
            }
        }

        private boolean registryOff() {
            Boolean off = registryOff;
            if (off == null) {
                off = Registry.getRegistry(null) instanceof NoDescriptorRegistry;
                registryOff = off;
            }
            return off;
        }
    }
}

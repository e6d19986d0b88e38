package io.qwengateway.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import io.qwengateway.threads.ThreadPerTask;

/**
 * Threads for streams: each relay blocks on its upstream body, so each gets a thread of its own: a virtual thread on
 * Java 21+, a pooled platform thread on Java 17 (never a bounded pool, which would queue streams behind each other).
 */
@Configuration(proxyBeanMethods = false)
public class StreamingConfiguration {

    @Bean
    Executor streamRelayExecutor() {
        return ThreadPerTask.named("stream-");
    }

    /**
     * The streams' heartbeat and idle timers ({@link StreamWatchdog}): one thread is enough, since a wake-up only
     * compares two timestamps and hands any write to a relay thread. Cancelled wake-ups (every stream that ends
     * cancels one) leave the queue at once instead of waiting there for their time.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService streamTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "stream-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** The relay's frames go to the client as they are; first, so that no other converter is asked about them. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer preFramedEvents() {
        return builder -> builder.addCustomConverter(new PreFramedEventsConverter());
    }

    /**
     * {@link EmitterInResponseEntityHandler} goes before Spring's own handlers (a {@code WebMvcConfigurer} could only
     * add it after them), once the adapter has built its list.
     */
    @Bean
    static BeanPostProcessor emitterInResponseEntityFirst() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerAdapter adapter) {
                    List<HandlerMethodReturnValueHandler> spring = adapter.getReturnValueHandlers();
                    List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(spring.size() + 1);
                    handlers.add(new EmitterInResponseEntityHandler(spring));
                    handlers.addAll(spring);
                    adapter.setReturnValueHandlers(handlers);
                }
                return bean;
            }
        };
    }
}

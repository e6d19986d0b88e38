package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;

class EmitterInResponseEntityHandlerTest {

    ResponseEntity<Object> json() {
        return ResponseEntity.ok("{}");
    }

    ResponseEntity<Object> other() {
        return ResponseEntity.ok("{}");
    }

    @Test
    void aJsonEntityGoesToTheHandlerSpringWouldChooseAskedOncePerMethod() throws Exception {
        CountingHandler refusing = new CountingHandler(false);
        CountingHandler entities = new CountingHandler(true);
        CountingHandler later = new CountingHandler(true);
        EmitterInResponseEntityHandler handler = new EmitterInResponseEntityHandler(List.of(refusing, emitterHandler(),
                entities, later));
        NativeWebRequest request = new ServletWebRequest(new MockHttpServletRequest(), new MockHttpServletResponse());

        for (int i = 0; i < 3; i++) {
            handler.handleReturnValue(json(), returnType("json"), new ModelAndViewContainer(), request);
        }
        handler.handleReturnValue(other(), returnType("other"), new ModelAndViewContainer(), request);

        assertThat(entities.handled).hasValue(4);
        assertThat(later.handled).hasValue(0);
        assertThat(refusing.handled).hasValue(0);
        assertThat(entities.asked).as("asked once for each of the two methods").hasValue(2);
        assertThat(refusing.asked).hasValue(2);
    }

    @Test
    void aJsonEntityIsNotAnAsyncValue() throws Exception {
        EmitterInResponseEntityHandler handler = new EmitterInResponseEntityHandler(List.of(emitterHandler()));

        assertThat(handler.isAsyncReturnValue(json(), returnType("json"))).isFalse();
        assertThat(handler.isAsyncReturnValue(ResponseEntity.ok(new RelayEmitterForTest()), returnType("json")))
                .isTrue();
        assertThat(handler.supportsReturnType(returnType("json"))).isTrue();
    }

    @Test
    void goesBeforeSpringsOwnHandlersWhichKeepTheirOrder() throws Exception {
        RequestMappingHandlerAdapter adapter = new RequestMappingHandlerAdapter();
        adapter.setApplicationContext(new StaticWebApplicationContext());
        adapter.afterPropertiesSet();
        List<HandlerMethodReturnValueHandler> spring = new ArrayList<>(adapter.getReturnValueHandlers());

        StreamingConfiguration.emitterInResponseEntityFirst().postProcessAfterInitialization(adapter, "adapter");

        List<HandlerMethodReturnValueHandler> handlers = adapter.getReturnValueHandlers();
        assertThat(handlers.get(0)).isInstanceOf(EmitterInResponseEntityHandler.class);
        assertThat(handlers.subList(1, handlers.size())).containsExactlyElementsOf(spring);
    }

    private static ResponseBodyEmitterReturnValueHandler emitterHandler() {
        return new ResponseBodyEmitterReturnValueHandler(List.of(new StringHttpMessageConverter()));
    }

    private static MethodParameter returnType(String name) throws NoSuchMethodException {
        Method method = EmitterInResponseEntityHandlerTest.class.getDeclaredMethod(name);
        return new MethodParameter(method, -1);
    }

    /** An emitter the handler must treat as one (never started here). */
    private static final class RelayEmitterForTest
            extends org.springframework.web.servlet.mvc.method.annotation.SseEmitter {
    }

    private static final class CountingHandler implements HandlerMethodReturnValueHandler {
        final boolean supports;
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger handled = new AtomicInteger();

        CountingHandler(boolean supports) {
            this.supports = supports;
        }

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            asked.incrementAndGet();
            return supports;
        }

        @Override
        public void handleReturnValue(Object returnValue, MethodParameter returnType,
                ModelAndViewContainer container, NativeWebRequest request) {
            handled.incrementAndGet();
        }
    }
}

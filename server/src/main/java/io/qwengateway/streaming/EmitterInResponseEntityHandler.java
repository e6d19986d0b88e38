package io.qwengateway.streaming;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The generated chat interface returns {@code ResponseEntity<Object>}: a JSON body, or for {@code stream=true} an
 * emitter. This handler recognises an emitter inside the entity at run time and hands it to Spring's own
 * {@link ResponseBodyEmitterReturnValueHandler}, telling the {@link RelayEmitter} once Spring has started it.
 *
 * <p>It is the first of the adapter's handlers ({@link StreamingConfiguration}), so every {@code ResponseEntity}
 * comes here; any other body goes to the handler Spring itself would have chosen for the method, looked up once per
 * method. Spring's composite asks each handler in turn for every call, and the emitter handler before the entity
 * handler computes the method's generic return type each time: 3.4 % of a warm gateway's CPU (docs/performance.md).
 */
public class EmitterInResponseEntityHandler implements AsyncHandlerMethodReturnValueHandler {

    private final List<HandlerMethodReturnValueHandler> springHandlers;
    private final HandlerMethodReturnValueHandler emitterHandler;
    private final Map<Executable, HandlerMethodReturnValueHandler> chosen = new ConcurrentHashMap<>();

    /** {@code springHandlers}: the adapter's own handlers, in Spring's order, without this one. */
    public EmitterInResponseEntityHandler(List<HandlerMethodReturnValueHandler> springHandlers) {
        this.springHandlers = List.copyOf(springHandlers);
        this.emitterHandler = this.springHandlers.stream()
                .filter(ResponseBodyEmitterReturnValueHandler.class::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Spring MVC has no ResponseBodyEmitter handler"));
    }

    @Override
    public boolean isAsyncReturnValue(Object returnValue, MethodParameter returnType) {
        return returnValue instanceof ResponseEntity<?> entity && entity.getBody() instanceof ResponseBodyEmitter;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return ResponseEntity.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer container,
            NativeWebRequest request) throws Exception {
        if (!isAsyncReturnValue(returnValue, returnType)) {
            springsChoice(returnType).handleReturnValue(returnValue, returnType, container, request);
            return;
        }
        RelayEmitter relayed = ((ResponseEntity<?>) returnValue).getBody() instanceof RelayEmitter emitter
                ? emitter : null;
        boolean started = false;
        try {
            emitterHandler.handleReturnValue(returnValue, returnType, container, request);
            started = true;
        } finally {
            if (relayed != null) {
                // Spring's handler has initialised the emitter: the relay may end the response itself. If it
                // failed, the stream ends through Spring as before.
                relayed.handedOver(started ? asyncContextOf(request) : null);
            }
        }
        // When the stream completes, Spring resumes the request with a null result typed as the declared body type
        // (Object), which no handler claims; marking the request handled now makes that resume a no-op instead of
        // a view lookup.
        container.setRequestHandled(true);
    }

    /**
     * The handler Spring's composite would pick: the first that supports the return type. Its answer depends only on
     * the method's declared return type, so it is asked once per method.
     */
    private HandlerMethodReturnValueHandler springsChoice(MethodParameter returnType) {
        return chosen.computeIfAbsent(returnType.getExecutable(), method -> springHandlers.stream()
                .filter(handler -> handler.supportsReturnType(returnType))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No return value handler for " + returnType)));
    }

    private static AsyncContext asyncContextOf(NativeWebRequest request) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        return servletRequest != null && servletRequest.isAsyncStarted() ? servletRequest.getAsyncContext() : null;
    }
}

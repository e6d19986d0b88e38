package io.qwengateway.streaming;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.AsyncHandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The generated chat interface returns {@code ResponseEntity<Object>}: a JSON body, or for {@code stream=true} an
 * emitter. Spring picks the emitter handler from the declared type only, so this handler recognises an emitter inside
 * the entity at run time and hands it to Spring's own {@link ResponseBodyEmitterReturnValueHandler}.
 */
public class EmitterInResponseEntityHandler implements AsyncHandlerMethodReturnValueHandler {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private volatile HandlerMethodReturnValueHandler emitterHandler;

    public EmitterInResponseEntityHandler(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        this.adapter = adapter;
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
        RelayEmitter relayed = ((ResponseEntity<?>) returnValue).getBody() instanceof RelayEmitter emitter
                ? emitter : null;
        boolean started = false;
        try {
            emitterHandler().handleReturnValue(returnValue, returnType, container, request);
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

    private static AsyncContext asyncContextOf(NativeWebRequest request) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        return servletRequest != null && servletRequest.isAsyncStarted() ? servletRequest.getAsyncContext() : null;
    }

    private HandlerMethodReturnValueHandler emitterHandler() {
        HandlerMethodReturnValueHandler handler = emitterHandler;
        if (handler == null) {
            handler = adapter.getObject().getReturnValueHandlers().stream()
                    .filter(ResponseBodyEmitterReturnValueHandler.class::isInstance)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Spring MVC has no ResponseBodyEmitter handler"));
            emitterHandler = handler;
        }
        return handler;
    }
}

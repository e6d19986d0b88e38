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
        emitterHandler().handleReturnValue(returnValue, returnType, container, request);
        // When the stream completes, Spring resumes the request with a null result typed as the declared body type
        // (Object), which no handler claims; marking the request handled now makes that resume a no-op instead of
        // a view lookup.
        container.setRequestHandled(true);
        if (((ResponseEntity<?>) returnValue).getBody() instanceof RelayEmitter relayed) {
            HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
            relayed.handedOver(servletRequest != null && servletRequest.isAsyncStarted()
                    ? servletRequest.getAsyncContext() : null);
        }
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

package io.qwengateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Optional;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.JsonErrorMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the JSON tree of each request body exactly as the client sent it.
 *
 * <p>The generated contract models validate and document a request, but re-serialising them would drop fields the
 * contract does not list and add schema defaults and nulls the client never sent. So the body is read once here, the
 * tree is kept for forwarding ({@link #currentBody()}), and the contract binding binds from that tree
 * ({@link CapturedJsonBody}).
 */
@ControllerAdvice
public class JsonBodyCapture extends RequestBodyAdviceAdapter {

    private static final String ATTRIBUTE = JsonBodyCapture.class.getName() + ".tree";
    private static final String BYTES = JsonBodyCapture.class.getName() + ".bytes";

    private final ObjectMapper json;
    private final long limitBytes;

    public JsonBodyCapture(ObjectMapper json, WebProperties properties) {
        this.json = json;
        this.limitBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.getPackageName().equals(StrictContractBinding.MODEL_PACKAGE);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = readAtMostLimit(message.getBody());
        JsonNode tree = parse(body);
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.invalidRequest("The request body must be a JSON object, not "
                    + (tree.isArray() ? "an array" : tree.isNull() ? "null" : "a single value") + ".", null);
        }
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        attributes.setAttribute(ATTRIBUTE, object, RequestAttributes.SCOPE_REQUEST);
        attributes.setAttribute(BYTES, body, RequestAttributes.SCOPE_REQUEST); // for debug files: no copy, no cost
        return new CapturedJsonBody(body, object, message.getHeaders());
    }

    /** No body at all where one is required: Spring MVC would otherwise refuse it naming the handler method. */
    @Override
    public Object handleEmptyBody(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestBody annotation = parameter.getParameterAnnotation(RequestBody.class);
        if (body == null && annotation != null && annotation.required() && !parameter.isOptional()) {
            throw emptyBody();
        }
        return body;
    }

    /** Chunked bodies announce no length: stop reading one byte past the limit rather than buffer any size. */
    private byte[] readAtMostLimit(InputStream in) throws IOException {
        byte[] body;
        try {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limitBytes + 1));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Tomcat's chunked decoder throws these, not an IOException, for more than 8 trailer fields.
            throw ApiException.invalidRequest("The chunked request body is malformed (too many trailer fields, or "
                    + "a broken chunk).", null);
        }
        if (body.length > limitBytes) {
            throw new RequestTooLargeException(limitBytes);
        }
        return body;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw emptyBody();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw JsonErrorMessages.syntax(e);
        }
    }

    private static ApiException emptyBody() {
        return ApiException.invalidRequest("The request body is empty; send a JSON object with "
                + "'Content-Type: application/json'.", null);
    }

    /** The body of the request being served as the client sent it, if one was captured (for error messages). */
    public static Optional<ObjectNode> capturedBody() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object tree = attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return tree instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    }

    /** The bytes of the request body being served, as they arrived; null when none was read. */
    public static byte[] capturedBytes() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object bytes = attributes == null ? null : attributes.getAttribute(BYTES, RequestAttributes.SCOPE_REQUEST);
        return bytes instanceof byte[] body ? body : null;
    }

    /** The body of the request being served, as the client sent it. Callers may modify it: it is theirs alone. */
    public static ObjectNode currentBody() {
        Object tree = RequestContextHolder.currentRequestAttributes().getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (tree instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException("No JSON body was captured for this request");
    }
}

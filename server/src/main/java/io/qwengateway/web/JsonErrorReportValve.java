package io.qwengateway.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorBodies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word, in OpenAI's envelope instead of an HTML page. It answers what Tomcat refuses before Spring MVC
 * sees the request (an encoded slash in the path, oversized or malformed headers, a bad Content-Length, an unknown
 * Transfer-Encoding, CONNECT, an unsupported HTTP version) and anything else that left an error status with nothing
 * written. Errors that reach the servlet's error dispatch are answered by {@code OpenAiErrorController} first.
 *
 * <p>The message is chosen by status alone: Tomcat's exception text can quote the offending header line, a secret
 * included, so it is neither sent nor logged.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ApiException error = errorFor(status);
        String id = RequestIdFilter.newId();
        log.debug("Refused a request the container could not serve: {} ({})", status, id);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (response.getHeader(RequestIdFilter.HEADER) == null) {
                response.setHeader(RequestIdFilter.HEADER, id);
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(ErrorBodies.of(error.getMessage(), error.type(), null, error.code())));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: there is nobody left to tell.
            log.debug("Could not write the container's error response: {}", e.toString());
        }
    }

    static ApiException errorFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus resolved = known == null ? HttpStatus.BAD_REQUEST : known;
        String message = switch (status) {
            case 400 -> "The gateway could not parse this HTTP request: a malformed request line, header, URL "
                    + "(an encoded '/' or '\\' in the path, say) or body framing (Content-Length, chunked encoding), "
                    + "or more or larger headers than the gateway accepts.";
            case 404 -> "Invalid URL.";
            case 408 -> "The request was not received in time.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URL is too long.";
            case 431 -> "The request headers are too large.";
            case 501 -> "The gateway does not implement this request: CONNECT and transfer codings other than "
                    + "'chunked' are not supported.";
            case 505 -> "HTTP version not supported: send HTTP/1.1.";
            default -> resolved.getReasonPhrase() + ".";
        };
        String type = resolved.is5xxServerError() && status != 501 && status != 505
                ? "server_error" : "invalid_request_error";
        String code = resolved.name().toLowerCase(java.util.Locale.ROOT);
        return new ApiException(resolved, type, code, message);
    }
}

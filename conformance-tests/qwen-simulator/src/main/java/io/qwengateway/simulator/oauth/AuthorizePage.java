package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The page a person opens to approve a device login ({@code verification_uri_complete} points here, so a QR code
 * leads somewhere real), with a button that approves it.
 */
public final class AuthorizePage {

    private final DeviceAuthorizations devices;

    public AuthorizePage(DeviceAuthorizations devices) {
        this.devices = devices;
    }

    public void registerOn(Router router) {
        router.add("GET", "/authorize", this::show);
        router.add("POST", "/authorize/approve", this::approve);
    }

    private void show(SimExchange exchange) throws IOException {
        Optional<String> userCode = exchange.queryParameter("user_code");
        if (userCode.isEmpty()) {
            exchange.respondHtml(400, page("Missing user code", "<p>Open the link your client showed you.</p>"));
            return;
        }
        String code = escape(userCode.get());
        exchange.respondHtml(200, page("Authorize qwen-code",
                "<p>A device asks to sign in with code <strong>" + code + "</strong>.</p>"
                        + "<form method=\"post\" action=\"/authorize/approve?user_code="
                        + escape(URLEncoder.encode(userCode.get(), StandardCharsets.UTF_8)) + "\">"
                        + "<button type=\"submit\">Approve</button></form>"));
    }

    private void approve(SimExchange exchange) throws IOException {
        Optional<String> userCode = exchange.queryParameter("user_code");
        if (userCode.isEmpty()) {
            exchange.respondHtml(400, page("Missing user code", "<p>Nothing to approve.</p>"));
        } else if (devices.approve(userCode.get())) {
            exchange.respondHtml(200, page("Approved", "<p>You can close this window and return to your client.</p>"));
        } else {
            exchange.respondHtml(404, page("Unknown code",
                    "<p>No pending login has code " + escape(userCode.get()) + ".</p>"));
        }
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + " - Qwen simulator</title>"
                + "</head><body><h1>" + title + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

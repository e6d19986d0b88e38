package io.qwengateway.auth;

import java.time.Duration;

/**
 * The OAuth server's answer to a device authorization request (RFC 8628 section 3.2), without {@code interval}: the
 * Qwen server sends none.
 *
 * @param verificationUriComplete the URL with the user code in it: what the QR code encodes
 */
public record DeviceCode(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
        Duration expiresIn) {

    /** The device code is a bearer secret for the login until it is redeemed: keep it out of logs. */
    @Override
    public String toString() {
        return "DeviceCode[userCode=" + userCode + ", expiresIn=" + expiresIn + "]";
    }
}

package io.qwengateway.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

import io.qwengateway.api.AuthApiDelegate;
import io.qwengateway.api.model.AuthInitiateRequest;
import io.qwengateway.api.model.AuthPollRequest;
import io.qwengateway.api.model.AuthPollResponse;
import io.qwengateway.api.model.DeviceAuthorization;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.errors.ApiException;
import io.qwengateway.web.CurrentRequest;

/**
 * The login over HTTP: {@code POST /auth/initiate} starts a device login and answers its codes and the URL of its QR
 * code, {@code POST /auth/poll} reports its progress, {@code GET /auth/qr/{device_code}.png} draws the QR code. The
 * PKCE verifier and the tokens never appear in an answer; every failure is an OpenAI error envelope.
 */
@Service
public class AuthDelegate implements AuthApiDelegate {

    private final PendingLogins logins;
    private final QrCodes qrCodes;
    private final QwenOAuthProperties oauth;
    private final Clock clock;

    public AuthDelegate(PendingLogins logins, QrCodes qrCodes, QwenOAuthProperties oauth, Clock clock) {
        this.logins = logins;
        this.qrCodes = qrCodes;
        this.oauth = oauth;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<DeviceAuthorization> initiateAuth(AuthInitiateRequest request) {
        Path credentialsFile = credentialsFileFor(request == null ? null : request.getAccount());
        DeviceLogin login;
        try {
            login = logins.start(credentialsFile, CurrentRequest.caller());
        } catch (DeviceFlowException e) {
            throw ApiException.serverError(HttpStatus.BAD_GATEWAY, "oauth_server_error", e.getMessage());
        }
        DeviceCode code = login.code();
        return ResponseEntity.ok(new DeviceAuthorization(code.deviceCode(), code.userCode(), code.verificationUri(),
                code.verificationUriComplete(), Math.toIntExact(code.expiresIn().toSeconds()),
                login.interval().wholeSeconds(),
                "/auth/qr/" + UriUtils.encodePathSegment(code.deviceCode(), StandardCharsets.UTF_8)
                        + ".png"));
    }

    @Override
    public ResponseEntity<AuthPollResponse> pollAuth(AuthPollRequest request) {
        DeviceLogin login = logins.find(request.getDeviceCode()).orElseThrow(() -> failed(HttpStatus.BAD_REQUEST,
                "invalid_device_code", "No login in progress has this device_code (unknown, or expired and "
                        + "forgotten); start one with POST /auth/initiate."));
        LoginProgress progress = login.poll(clock.instant());
        return switch (progress.state()) {
            case PENDING -> ResponseEntity.ok(new AuthPollResponse("pending")
                    .interval(progress.interval().wholeSeconds()));
            case SUCCESS -> ResponseEntity.ok(new AuthPollResponse("success")
                    .expiryDate(progress.tokenExpiry().toEpochMilli()));
            case OAUTH_SERVER_UNAVAILABLE -> throw ApiException.serverError(HttpStatus.BAD_GATEWAY,
                    "oauth_server_unavailable", progress.message() + ". The login is still pending: poll again.");
            case DENIED -> throw failed(HttpStatus.BAD_REQUEST, "access_denied", progress.message());
            case EXPIRED -> throw failed(HttpStatus.BAD_REQUEST, "expired_token", progress.message());
            case REFUSED -> throw failed(HttpStatus.BAD_REQUEST, "login_refused", progress.message());
            case NOT_SAVED -> throw ApiException.serverError(HttpStatus.INTERNAL_SERVER_ERROR,
                    "credentials_not_saved", progress.message());
        };
    }

    @Override
    public ResponseEntity<Resource> getAuthQrCode(String deviceCode) {
        DeviceLogin login = logins.find(deviceCode).orElseThrow(() -> ApiException.notFound("invalid_device_code",
                "No login in progress has this device code; start one with POST /auth/initiate."));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(new ByteArrayResource(qrCodes.png(login.code().verificationUriComplete())));
    }

    /** The named account's file, or the file the gateway serves when the request names none. */
    private Path credentialsFileFor(String account) {
        if (account == null || account.isBlank()) {
            return oauth.credentialsFile();
        }
        try {
            return CredentialFiles.pathFor(oauth.home(), account);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage(), "account");
        }
    }

    private static ApiException failed(HttpStatus status, String code, String message) {
        return new ApiException(status, "invalid_request_error", code, "device_code", message, null);
    }
}

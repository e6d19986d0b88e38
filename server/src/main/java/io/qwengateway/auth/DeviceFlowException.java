package io.qwengateway.auth;

/** The OAuth server did not start a device login (unreachable, or it refused the request). */
public class DeviceFlowException extends Exception {

    public DeviceFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}

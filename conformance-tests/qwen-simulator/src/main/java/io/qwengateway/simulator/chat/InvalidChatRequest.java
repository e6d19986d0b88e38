package io.qwengateway.simulator.chat;

/** A chat request the model API refuses with 400 before any behaviour applies. */
final class InvalidChatRequest extends Exception {

    InvalidChatRequest(String message) {
        super(message, null, false, false);
    }
}

package io.qwengateway.conformance.recording;

/** Runs a call that the scenario makes fail, and insists that it does fail. */
final class ExpectedFailure {

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private ExpectedFailure() {
    }

    static void of(Call call) {
        try {
            call.run();
        } catch (Exception expected) {
            System.out.println("  expected failure: " + expected);
            return;
        }
        throw new IllegalStateException("the scenario should have failed");
    }
}

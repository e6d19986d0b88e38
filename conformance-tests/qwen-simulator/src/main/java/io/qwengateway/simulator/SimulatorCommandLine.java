package io.qwengateway.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The standalone simulator's arguments, parsed into options. */
record SimulatorCommandLine(SimulatorOptions options, Optional<Path> credentialsDirectory, boolean helpRequested) {

    static final String USAGE = String.join("\n",
            "Usage: java -jar qwen-simulator-standalone.jar [options]",
            "  --port N                 port to listen on (default 18080; 0 picks a free one)",
            "  --host ADDRESS           address to listen on (default 127.0.0.1)",
            "  --write-credentials DIR  write DIR/oauth_creds.json for this simulator, and DIR/gateway.env with",
            "                           what the gateway needs to stay on it (QWEN_HOME, QWEN_OAUTH_BASE_URL)",
            "  --accept-any-bearer      no token check on the model API",
            "  --api-key KEY            accept KEY as a bearer token (repeatable)",
            "  --chunks N               content chunks per streamed answer (default 16)",
            "  --chunk-delay-ms N       pause between stream events (default 0)",
            "  --header-delay-ms N      pause before every chat answer's headers (default 0)",
            "  --help                   this text");

    static final int DEFAULT_PORT = 18080;

    /** @throws IllegalArgumentException with a message fit for the user when an argument is wrong */
    static SimulatorCommandLine parse(String... args) {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(DEFAULT_PORT);
        Optional<Path> credentialsDirectory = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new SimulatorCommandLine(options, credentialsDirectory, true);
                }
                case "--accept-any-bearer" -> options = options.withAcceptAnyBearer(true);
                case "--port" -> options = options.withPort(number(arg, valueAfter(args, i++)));
                case "--host" -> options = options.withHost(valueAfter(args, i++));
                case "--write-credentials" -> credentialsDirectory = Optional.of(Path.of(valueAfter(args, i++)));
                case "--api-key" -> options = options.withApiKey(valueAfter(args, i++));
                case "--chunks" -> options = options.withStreamChunks(number(arg, valueAfter(args, i++)));
                case "--chunk-delay-ms" -> options = options.withChunkDelay(millis(arg, valueAfter(args, i++)));
                case "--header-delay-ms" -> options = options.withHeaderDelay(millis(arg, valueAfter(args, i++)));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new SimulatorCommandLine(options, credentialsDirectory, false);
    }

    private static String valueAfter(String[] args, int optionIndex) {
        if (optionIndex + 1 >= args.length) {
            throw new IllegalArgumentException(args[optionIndex] + " needs a value");
        }
        return args[optionIndex + 1];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    private static Duration millis(String option, String value) {
        return Duration.ofMillis(number(option, value));
    }
}

package io.qwengateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads an event stream to its end: the number of data events before [DONE], or -1 if it ended otherwise. */
final class StreamCheck {

    private StreamCheck() {
    }

    static int readToDone(BufferedReader body) throws IOException {
        int events = 0;
        String line;
        while ((line = body.readLine()) != null) {
            if (line.equals("data: [DONE]")) {
                // Read to the end like a well-behaved client, so the connection goes back to the pool.
                body.transferTo(java.io.Writer.nullWriter());
                return events;
            }
            if (line.startsWith("data: ")) {
                if (line.contains("\"error\"")) {
                    return -1;
                }
                events++;
            }
        }
        return -1;
    }
}

package io.qwengateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads event streams as the benchmarks' clients do. */
final class StreamCheck {

    private StreamCheck() {
    }

    static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Nanoseconds from sending {@code request} to its first data line; the stream is then read to its end. */
    static long timeToFirstEvent(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = reader(response)) {
            String first = body.readLine();
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200 || first == null || !first.startsWith("data: ")) {
                throw new IllegalStateException("Bad stream from " + request.uri() + ": " + response.statusCode());
            }
            readToDone(body);
            return elapsed;
        }
    }

    /** The number of data events before [DONE], or -1 if the stream ended otherwise. */
    static int readToDone(BufferedReader body) throws IOException {
        return readToDone(body, null);
    }

    /**
     * As {@link #readToDone(BufferedReader)}; {@code doneToEnd}, if not null, gets the time from the {@code [DONE]}
     * line to the end of the body (a server that ends the body late looks like one that hangs to a client).
     */
    static int readToDone(BufferedReader body, Samples doneToEnd) throws IOException {
        int events = 0;
        String line;
        while ((line = body.readLine()) != null) {
            if (line.equals("data: [DONE]")) {
                // Read to the end like a well-behaved client, so the connection goes back to the pool.
                long done = System.nanoTime();
                body.transferTo(java.io.Writer.nullWriter());
                if (doneToEnd != null) {
                    doneToEnd.add(System.nanoTime() - done);
                }
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

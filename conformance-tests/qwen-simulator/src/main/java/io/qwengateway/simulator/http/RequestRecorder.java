package io.qwengateway.simulator.http;

import io.qwengateway.simulator.RecordedRequest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the most recent requests for assertions. Bounded so that a long benchmark against a standalone simulator
 * cannot exhaust its memory; the oldest recordings go first.
 */
public final class RequestRecorder {

    private final int capacity;
    private final Deque<RecordedRequest> recordings = new ArrayDeque<>();

    public RequestRecorder(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(RecordedRequest request) {
        if (recordings.size() == capacity) {
            recordings.removeFirst();
        }
        recordings.addLast(request);
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(recordings);
    }

    public synchronized List<RecordedRequest> withPath(String path) {
        return recordings.stream().filter(request -> request.path().equals(path)).toList();
    }

    public synchronized int size() {
        return recordings.size();
    }

    public synchronized void clear() {
        recordings.clear();
    }
}

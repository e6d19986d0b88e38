package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The behaviours tests queued, consumed one per chat request, first in first out. */
public final class BehaviourQueue {

    private final Queue<ChatBehaviour> queue = new ConcurrentLinkedQueue<>();

    public void addAll(List<ChatBehaviour> behaviours) {
        queue.addAll(behaviours);
    }

    /** The next queued behaviour, or {@link ChatBehaviour#ok()} when nothing is queued. */
    ChatBehaviour next() {
        ChatBehaviour next = queue.poll();
        return next == null ? ChatBehaviour.ok() : next;
    }

    public int size() {
        return queue.size();
    }

    public void clear() {
        queue.clear();
    }
}

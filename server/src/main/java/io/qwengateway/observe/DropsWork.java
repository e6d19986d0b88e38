package io.qwengateway.observe;

/** An observer that drops work rather than wait: how much it dropped, for the metrics. */
public interface DropsWork {

    /** What is dropped, as the metric's {@code observer} tag says it ({@code request_line}, {@code debug_file}). */
    String droppedKind();

    long dropped();
}

package dev.srt.backend;

import dev.srt.ir.Policy;

/** Lowers the IR to one target. Implementations build a typed value first and render it once. */
public interface Backend {
    Target target();

    Lowered lower(Policy policy);
}

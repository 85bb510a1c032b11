package dev.srt.backend;

import dev.srt.ir.Span;

/**
 * How one target enforces one policy rule: exactly, approximately (with how), or not at all.
 * Shown by {@code srtc explain} and {@code srtc compile --report}.
 */
public record Enforcement(Span rule, String ruleText, Target target, Level level, String how) {
    public enum Level {
        EXACT, APPROXIMATE, NONE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

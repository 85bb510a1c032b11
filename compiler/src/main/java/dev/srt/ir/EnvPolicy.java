package dev.srt.ir;

import java.util.List;

/**
 * Environment rules. A variable is set when a {@code set} names it; otherwise removed when an
 * {@code unset} pattern matches; otherwise passed when {@code pass} lists are empty (inherit
 * everything) or one of them matches. Patterns use {@code *} and {@code ?}.
 */
public record EnvPolicy(List<Pattern> pass, List<Pattern> unset, List<Assignment> set) {
    public EnvPolicy {
        pass = List.copyOf(pass);
        unset = List.copyOf(unset);
        set = List.copyOf(set);
    }

    /** A name pattern and where it was written. */
    public record Pattern(String pattern, Span span) implements Comparable<Pattern> {
        public boolean matches(String name) {
            return Glob.segmentMatches(pattern, name);
        }

        @Override
        public int compareTo(Pattern o) {
            int c = pattern.compareTo(o.pattern);
            return c != 0 ? c : span.compareTo(o.span);
        }
    }

    /** {@code set "NAME" = "value"}; the value may use run-time variables. */
    public record Assignment(String name, String value, Span span) implements Comparable<Assignment> {
        @Override
        public int compareTo(Assignment o) {
            return name.compareTo(o.name);
        }
    }
}

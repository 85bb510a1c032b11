package dev.srt.runner.net;

import dev.srt.ir.IgnoreRule;
import java.util.List;

/**
 * The stderr summary printed when the command exits: one line per distinct violation that no
 * {@code violations { ignore ... }} rule hides. An ignore rule hides a violation when its
 * command glob matches the whole command and its text glob occurs in the violation's
 * description ({@code *} matches any run of characters, {@code ?} one character).
 */
public final class ViolationSummary {
    private ViolationSummary() {
    }

    /** The summary text, empty when nothing is left to report. */
    public static String format(ViolationLog log, List<IgnoreRule> ignores) {
        String s = format(log.entries(), ignores);
        if (log.dropped() == 0) return s;
        return s + "srt: " + log.dropped() + " further refused connections were not recorded\n";
    }

    public static String format(List<ViolationLog.Entry> entries, List<IgnoreRule> ignores) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (ViolationLog.Entry e : entries) {
            Violation v = e.first();
            if (ignored(v, ignores)) continue;
            shown++;
            b.append("srt: blocked ").append(v.description());
            if (!v.where().isEmpty()) b.append(" (").append(v.where()).append(')');
            if (e.count() > 1) b.append(" x").append(e.count());
            b.append('\n');
        }
        if (shown == 0) return "";
        return "srt: " + shown + " network connection" + (shown == 1 ? " was" : "s were") + " refused:\n" + b;
    }

    public static boolean ignored(Violation v, List<IgnoreRule> ignores) {
        for (IgnoreRule r : ignores) {
            if (glob(r.command(), v.command()) && glob("*" + r.violation() + "*", v.description())) return true;
        }
        return false;
    }

    /** Whole-string glob with {@code *} and {@code ?}; iterative, linear backtracking. */
    static boolean glob(String pattern, String text) {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }
}

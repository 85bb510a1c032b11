package dev.srt.runner.macos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run's Seatbelt violations, deduplicated (same target refused by the same rule counts
 * once, with a count) and bounded like the proxies' log, and the stderr summary printed when
 * the command exits, in the proxies' format ({@link dev.srt.runner.net.ViolationSummary}).
 * Ignore rules are applied before violations get here ({@link ViolationMapper#map}).
 */
public final class MacViolationLog implements Consumer<Violation> {
    private final Map<String, Violation> firsts = new LinkedHashMap<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private long dropped;

    @Override
    public synchronized void accept(Violation v) {
        String key = v.target() + "\u0000" + v.rule() + "\u0000" + v.where();
        long[] c = counts.get(key);
        if (c != null) {
            c[0]++;
        } else if (firsts.size() >= dev.srt.runner.net.ViolationLog.MAX_DISTINCT) {
            dropped++;
        } else {
            firsts.put(key, v);
            counts.put(key, new long[] {1});
        }
    }

    /** The summary text, empty when nothing was refused. Targets are made printable (paths come from the command). */
    public synchronized String summary() {
        if (firsts.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        int n = firsts.size();
        b.append("srt: ").append(n).append(" operation").append(n == 1 ? " was" : "s were").append(" refused by the sandbox:\n");
        for (Map.Entry<String, Violation> e : firsts.entrySet()) {
            Violation v = e.getValue();
            b.append("srt: blocked ").append(dev.srt.runner.net.Violation.printable(v.description()));
            if (!v.where().isEmpty()) b.append(" (").append(v.where()).append(')');
            long count = counts.get(e.getKey())[0];
            if (count > 1) b.append(" x").append(count);
            b.append('\n');
        }
        if (dropped > 0) b.append("srt: ").append(dropped).append(" further refused operations were not recorded\n");
        return b.toString();
    }
}

package dev.srt.runner.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The run's violation stream, deduplicated: listeners hear each distinct violation once, when
 * first seen; {@link #entries()} gives every distinct violation with how often it happened.
 * At most {@link #MAX_DISTINCT} distinct violations are kept (a program trying random names
 * must not grow the runner's memory without bound); beyond that they are only counted.
 */
public final class ViolationLog {
    public static final int MAX_DISTINCT = 10_000;
    private long dropped;

    /** A distinct violation and its number of occurrences. */
    public record Entry(Violation first, long count) {
    }

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, Violation> firsts = new LinkedHashMap<>();
    private final List<Consumer<Violation>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener that is told about each new distinct violation (on the calling thread). */
    public void subscribe(Consumer<Violation> listener) {
        listeners.add(listener);
    }

    public void record(Violation v) {
        boolean fresh;
        synchronized (this) {
            long[] c = counts.get(v.key());
            fresh = c == null;
            if (fresh && firsts.size() >= MAX_DISTINCT) {
                dropped++;
                return;
            }
            if (fresh) {
                counts.put(v.key(), new long[] {1});
                firsts.put(v.key(), v);
            } else {
                c[0]++;
            }
        }
        if (fresh) for (Consumer<Violation> l : listeners) l.accept(v);
    }

    /** Violations not kept because {@link #MAX_DISTINCT} distinct ones were already recorded. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Violation> e : firsts.entrySet()) out.add(new Entry(e.getValue(), counts.get(e.getKey())[0]));
        return out;
    }
}

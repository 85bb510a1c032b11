package dev.srt.runner.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Writes each new distinct violation as one JSON object per line (JSON Lines), flushed at once
 * so the file is complete up to the last refusal even if the run is killed:
 * {@code {"time":"2026-11-28T17:00:00Z","command":"curl ...","target":"example.com:443","rule":"deny \"example.com\"","where":"policy.srt:4:3"}}.
 */
public final class ViolationJsonWriter implements Consumer<Violation> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;

    public ViolationJsonWriter(Writer out) {
        this.out = out;
    }

    public static String line(Violation v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", v.time().toString());
        n.put("kind", "network");
        n.put("command", v.command());
        n.put("target", v.target());
        n.put("rule", v.rule());
        n.put("where", v.where());
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void accept(Violation v) {
        try {
            out.write(line(v));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

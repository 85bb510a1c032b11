package dev.srt.ir;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** An operation a sandboxed program may attempt: what the evaluator and {@code expect} decide on. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Probe.Read.class, name = "read"),
    @JsonSubTypes.Type(value = Probe.Write.class, name = "write"),
    @JsonSubTypes.Type(value = Probe.Connect.class, name = "connect"),
    @JsonSubTypes.Type(value = Probe.Unix.class, name = "unix"),
    @JsonSubTypes.Type(value = Probe.Bind.class, name = "bind"),
    @JsonSubTypes.Type(value = Probe.Syscall.class, name = "syscall")
})
public sealed interface Probe {
    String render();

    /** Read a path; {@code path} may use {@code ~}, variables or be relative to the working directory. */
    record Read(String path) implements Probe {
        public String render() {
            return "read \"" + path + "\"";
        }
    }

    record Write(String path) implements Probe {
        public String render() {
            return "write \"" + path + "\"";
        }
    }

    /** Connect to {@code host:port} (host may be a name or an IP literal in any accepted form). */
    record Connect(String host, int port) implements Probe {
        public String render() {
            return "connect \"" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "\"";
        }
    }

    record Unix(String path) implements Probe {
        public String render() {
            return "unix \"" + path + "\"";
        }
    }

    record Bind(int port) implements Probe {
        public String render() {
            return "bind " + port;
        }
    }

    /** A system call by name with up to six arguments (missing ones are 0). */
    record Syscall(String name, List<Long> args) implements Probe {
        public Syscall {
            args = List.copyOf(args);
        }

        public long[] argArray() {
            long[] a = new long[6];
            for (int i = 0; i < args.size() && i < 6; i++) a[i] = args.get(i);
            return a;
        }

        public String render() {
            StringBuilder b = new StringBuilder("syscall ").append(name).append('(');
            for (int i = 0; i < args.size(); i++) b.append(i > 0 ? ", " : "").append(ArgCondition.hex(args.get(i)));
            return b.append(')').toString();
        }
    }
}

package dev.srt.backend.bwrap;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed bubblewrap arguments. Paths may be symbolic (${home}, ${cwd}, ...); {@link #render}
 * is the one place where arguments become strings, substituting run-time values.
 * See bwrap(1) for each option.
 */
public final class BwrapArgs {
    private BwrapArgs() {
    }

    /** One bwrap option with its operands. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Flag.class, name = "flag"),
        @JsonSubTypes.Type(value = Bind.class, name = "bind"),
        @JsonSubTypes.Type(value = Tmpfs.class, name = "tmpfs"),
        @JsonSubTypes.Type(value = RemountRo.class, name = "remount-ro"),
        @JsonSubTypes.Type(value = Proc.class, name = "proc"),
        @JsonSubTypes.Type(value = Dev.class, name = "dev"),
        @JsonSubTypes.Type(value = Fd.class, name = "fd"),
        @JsonSubTypes.Type(value = Chdir.class, name = "chdir"),
        @JsonSubTypes.Type(value = Opt.class, name = "opt"),
        @JsonSubTypes.Type(value = Symlink.class, name = "symlink")
    })
    public sealed interface Arg permits Flag, Bind, Tmpfs, RemountRo, Proc, Dev, Fd, Chdir, Opt, Symlink {
    }

    /** An option without operand, e.g. {@code --unshare-pid}. */
    public record Flag(String name) implements Arg {
        public Flag {
            if (!name.startsWith("--")) throw new IllegalArgumentException(name);
        }
    }

    /** {@code --bind}, {@code --ro-bind} of {@code source} onto {@code dest}. */
    public record Bind(boolean writable, String source, String dest) implements Arg {
    }

    /** {@code [--perms P] --tmpfs DEST}; perms null for bwrap's default (0755). */
    public record Tmpfs(String perms, String dest) implements Arg {
    }

    /** {@code --remount-ro DEST} (not recursive). */
    public record RemountRo(String dest) implements Arg {
    }

    /** {@code --proc DEST}, a new procfs for the new PID namespace. */
    public record Proc(String dest) implements Arg {
    }

    /** {@code --dev DEST}, a minimal private /dev. */
    public record Dev(String dest) implements Arg {
    }

    /** An option taking a descriptor number: {@code --seccomp}, {@code --json-status-fd}. */
    public record Fd(String name, int fd) implements Arg {
    }

    /** {@code --chdir DIR}. */
    public record Chdir(String dir) implements Arg {
    }

    /** An option with one literal (non-path) operand, e.g. {@code --cap-drop ALL}. */
    public record Opt(String name, String value) implements Arg {
    }

    /** {@code --symlink TARGET DEST}: creates a symbolic link inside the sandbox only. */
    public record Symlink(String target, String dest) implements Arg {
    }

    /** Renders arguments to bwrap's argv, substituting run-time values with {@code ctx}. */
    public static List<String> render(List<Arg> args, RuntimeContext ctx) {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            if (a instanceof Flag) {
                out.add(((Flag) a).name());
            } else if (a instanceof Bind) {
                Bind b = (Bind) a;
                out.add(b.writable() ? "--bind" : "--ro-bind");
                out.add(path(b.source(), ctx));
                out.add(path(b.dest(), ctx));
            } else if (a instanceof Tmpfs) {
                Tmpfs t = (Tmpfs) a;
                if (t.perms() != null) {
                    out.add("--perms");
                    out.add(t.perms());
                }
                out.add("--tmpfs");
                out.add(path(t.dest(), ctx));
            } else if (a instanceof RemountRo) {
                out.add("--remount-ro");
                out.add(path(((RemountRo) a).dest(), ctx));
            } else if (a instanceof Proc) {
                out.add("--proc");
                out.add(path(((Proc) a).dest(), ctx));
            } else if (a instanceof Dev) {
                out.add("--dev");
                out.add(path(((Dev) a).dest(), ctx));
            } else if (a instanceof Fd) {
                out.add(((Fd) a).name());
                out.add(Integer.toString(((Fd) a).fd()));
            } else if (a instanceof Chdir) {
                out.add("--chdir");
                out.add(path(((Chdir) a).dir(), ctx));
            } else if (a instanceof Symlink) {
                out.add("--symlink");
                out.add(((Symlink) a).target());
                out.add(path(((Symlink) a).dest(), ctx));
            } else if (a instanceof Opt) {
                out.add(((Opt) a).name());
                out.add(((Opt) a).value());
            } else {
                throw new IllegalStateException(a.toString());
            }
        }
        return out;
    }

    private static String path(String p, RuntimeContext ctx) {
        return p.contains("${") ? Paths.normalize(ctx.substitute(p)) : p;
    }

    /** Shell-like quoting for showing a command line to a person (never executed). */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

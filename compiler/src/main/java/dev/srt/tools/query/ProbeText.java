package dev.srt.tools.query;

import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.diag.Diagnostic;
import dev.srt.ir.Probe;
import dev.srt.syntax.PolicyWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a probe as the command line gives it ({@code read ~/.ssh/id_rsa},
 * {@code syscall socket(AF_UNIX, SOCK_STREAM, 0)}) with exactly the rules of an {@code expect}
 * line: the text becomes a one-line policy that the front end checks, so constants, host forms
 * and errors are the language's own.
 */
public final class ProbeText {
    private ProbeText() {
    }

    /** The probe, or the reason the text is not one. */
    public record Parsed(Probe probe, String error) {
    }

    public static final java.util.List<String> OPS = java.util.List.of("read", "write", "connect", "unix", "bind", "syscall");

    public static Parsed parse(String op, String target) {
        String o = op.toLowerCase(Locale.ROOT);
        if (!OPS.contains(o)) return new Parsed(null, "unknown operation " + op + " (one of " + String.join(", ", OPS) + ")");
        if (target.indexOf('\n') >= 0 || target.indexOf('\r') >= 0) return new Parsed(null, "the target may not contain a line break");
        String operand;
        switch (o) {
            case "bind":
            case "syscall":
                operand = target;
                break;
            default:
                operand = PolicyWriter.quote(target);
        }
        String text = "srt 1\nexpect allow " + o + " " + operand + "\n";
        Frontend.Result r = Frontend.compile(Loader.Input.text("query", text, Path.of("/nonexistent")));
        Optional<Diagnostic> err = r.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (err.isPresent()) {
            Diagnostic d = err.get();
            return new Parsed(null, "not a valid " + o + " target: " + d.message() + (d.help() != null ? " (" + d.help() + ")" : ""));
        }
        return new Parsed(r.policy().expectations().get(0).probe(), null);
    }
}

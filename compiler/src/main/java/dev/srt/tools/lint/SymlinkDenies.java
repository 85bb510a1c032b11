package dev.srt.tools.lint;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.FsRule;
import dev.srt.ir.Policy;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * L0109: a read deny of a path under a directory that is commonly a symlink (or the target of
 * one) says nothing about the same file reached through the other name, e.g. a deny of
 * {@code /var/run/secrets} leaves {@code /run/secrets} readable. The check asks the evaluator
 * about the other name and warns when it is readable.
 */
final class SymlinkDenies {
    /** Common aliases: Linux (/var/run -> /run, merged /usr) and macOS (/tmp, /var, /etc -> /private/...). */
    static final Map<String, String> ALIASES = Map.ofEntries(
        Map.entry("/var/run", "/run"), Map.entry("/run", "/var/run"),
        Map.entry("/var/lock", "/run/lock"),
        Map.entry("/bin", "/usr/bin"), Map.entry("/sbin", "/usr/sbin"), Map.entry("/lib", "/usr/lib"),
        Map.entry("/lib64", "/usr/lib64"),
        Map.entry("/tmp", "/private/tmp"), Map.entry("/private/tmp", "/tmp"),
        Map.entry("/var", "/private/var"), Map.entry("/private/var", "/var"),
        Map.entry("/etc", "/private/etc"), Map.entry("/private/etc", "/etc"));

    private SymlinkDenies() {
    }

    static List<Diagnostic> check(Policy p, Evaluator eval) {
        List<Diagnostic> out = new ArrayList<>();
        for (FsRule r : p.filesystem().rules()) {
            if (r.access() != Access.READ || r.effect() != Effect.DENY || r.because() != null) continue;
            if (r.span().file().startsWith("std:")) continue;
            String prefix;
            try {
                prefix = new dev.srt.ir.PathPattern(r.path().literalPrefix()).resolve(RuntimeContext.TEST);
            } catch (RuntimeException e) {
                continue;
            }
            String best = null;
            for (String alias : ALIASES.keySet()) {
                if ((prefix.equals(alias) || prefix.startsWith(alias + "/")) && (best == null || alias.length() > best.length())) best = alias;
            }
            if (best == null) continue;
            String other = ALIASES.get(best) + prefix.substring(best.length());
            if (!eval.read(other).allowed()) continue;
            out.add(Diagnostic.warning("L0109", "read deny \"" + r.path().text() + "\" can be bypassed through the symlink: "
                    + other + " is the same file on common systems and stays readable", r.span(),
                "deny both names (\"" + prefix + "\" and \"" + other + "\"); " + LintCheck.JUSTIFY));
        }
        return out;
    }
}

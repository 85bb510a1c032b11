package dev.srt.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a path as written in a policy (after constants are substituted) into its canonical
 * {@link PathPattern} text: {@code ~} becomes {@code ${home}}, a relative path is relative to
 * {@code ${cwd}}, a leading {@code **} means anywhere ({@code /**}), {@code .} and repeated
 * slashes go, {@code ..} is resolved where it can be, and a trailing {@code /**} is dropped
 * (a rule on a directory already covers its whole tree).
 */
public final class PathSyntax {
    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*");

    private PathSyntax() {
    }

    /** The canonical text, or an error message. */
    public record Result(String canonical, String error, String help) {
        public boolean ok() {
            return error == null;
        }

        static Result error(String message, String help) {
            return new Result(null, message, help);
        }
    }

    public static Result canonicalize(String raw) {
        if (raw.isEmpty()) return Result.error("empty path", "write a path such as \"~/.ssh\" or \"./build\"");
        if (raw.indexOf('\0') >= 0) return Result.error("path contains a NUL character", "remove it");
        Matcher m = VAR.matcher(raw);
        while (m.find()) {
            String v = m.group(1);
            boolean known = v.equals("home") || v.equals("cwd") || v.equals("tmp") || v.equals("uid")
                || v.equals("user") || ENV.matcher(v).matches();
            if (!known) {
                return Result.error("unknown variable ${" + v + "}",
                    "use ${home}, ${cwd}, ${tmp}, ${uid}, ${user}, ${env:NAME} or a constant defined with let");
            }
            boolean rootOnly = v.equals("home") || v.equals("cwd") || v.equals("tmp");
            if (rootOnly && m.start() != 0) {
                return Result.error("${" + v + "} may only begin a path", "write \"${" + v + "}/...\"");
            }
        }
        if (raw.startsWith("${env:") && raw.indexOf('}') > 0) {
            // an environment variable that begins a path must hold an absolute path; checked at run time
        }
        String text;
        if (raw.equals("~") || raw.startsWith("~/")) text = "${home}" + raw.substring(1);
        else if (raw.startsWith("~")) return Result.error("~user paths are not supported", "write the absolute path instead");
        else if (raw.startsWith("/") || raw.startsWith("${")) text = raw;
        else if (raw.startsWith("**")) text = "/" + raw;
        else text = "${cwd}/" + raw;
        if (text.startsWith("${") && !(text.startsWith("${home}") || text.startsWith("${cwd}")
            || text.startsWith("${tmp}") || text.startsWith("${env:"))) {
            return Result.error("a path cannot begin with " + text.substring(0, text.indexOf('}') + 1),
                "begin it with /, ~, ${home}, ${cwd}, ${tmp} or ${env:NAME}");
        }
        boolean rooted = text.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String s : PathPattern.split(text)) {
            if (s.equals(".")) continue;
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    if (!rooted) return Result.error("path climbs above its variable", "remove the ..");
                    continue;
                }
                String last = out.get(out.size() - 1);
                boolean lastIsRootVar = out.size() == 1 && !rooted;
                if (lastIsRootVar || last.equals("..")) {
                    out.add("..");
                } else if (last.equals("**")) {
                    return Result.error(".. after ** is ambiguous", "write the path without ..");
                } else {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            if (s.contains("**") && !s.equals("**")) {
                return Result.error("** must be a whole path segment", "write \"**/" + s.replace("**", "*") + "\" or use *");
            }
            if (!out.isEmpty() && s.equals("**") && out.get(out.size() - 1).equals("**")) continue;
            String bad = badClass(s);
            if (bad != null) return Result.error(bad, "close the bracket or escape it as \\[");
            out.add(s);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).equals("**") && (rooted || out.size() > 1)) out.remove(out.size() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            if (i > 0 || rooted) b.append('/');
            b.append(out.get(i));
        }
        String canonical = b.length() == 0 ? "/" : b.toString();
        return new Result(canonical, null, null);
    }

    private static String badClass(String seg) {
        for (int i = 0; i < seg.length(); i++) {
            if (seg.charAt(i) == '\\') {
                i++;
                continue;
            }
            if (seg.charAt(i) == '[') {
                int end = Glob.classEnd(seg, i);
                if (end < 0) return "unclosed [ in glob";
                i = end;
            }
        }
        return null;
    }

    /** Resolves a probe or query path to a concrete absolute path in the given context. */
    public static String resolveConcrete(String raw, RuntimeContext ctx) {
        Result r = canonicalize(raw);
        if (!r.ok()) throw new IllegalArgumentException(r.error());
        return Paths.normalize(ctx.substitute(r.canonical()));
    }
}

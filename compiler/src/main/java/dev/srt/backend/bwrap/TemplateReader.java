package dev.srt.backend.bwrap;

import dev.srt.artifact.json.MiniJson;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the JSON that {@link TemplateCodec#write} produces back to a {@link BwrapTemplate}
 * without Jackson (start-up time). Strict: unknown or missing fields and wrong types are
 * errors. {@code MountPlanProperties} round-trips every generated template through it.
 */
final class TemplateReader {
    private TemplateReader() {
    }

    static BwrapTemplate read(String json) throws IOException {
        Map<String, Object> m = obj(MiniJson.parse(json), "template",
            Set.of("format", "fixed", "readDefault", "writeDefault", "rules", "protects", "process", "env"));
        int format = (int) num(m, "format");
        if (format != BwrapTemplate.FORMAT) {
            throw new IOException("bwrap section format " + format + " is not supported (expected " + BwrapTemplate.FORMAT
                + "); recompile the policy with this srt version");
        }
        List<BwrapArgs.Arg> fixed = new ArrayList<>();
        for (Object o : list(m, "fixed")) fixed.add(arg(o));
        List<BwrapTemplate.PathRule> rules = new ArrayList<>();
        for (Object o : list(m, "rules")) {
            Map<String, Object> r = obj(o, "rule", Set.of("access", "effect", "path", "glob", "rule"));
            rules.add(new BwrapTemplate.PathRule(Access.valueOf(str(r, "access")), Effect.valueOf(str(r, "effect")),
                str(r, "path"), bool(r, "glob"), str(r, "rule")));
        }
        List<BwrapTemplate.Protect> protects = new ArrayList<>();
        for (Object o : list(m, "protects")) {
            Map<String, Object> r = obj(o, "protect", Set.of("path", "glob", "rule"));
            protects.add(new BwrapTemplate.Protect(str(r, "path"), bool(r, "glob"), str(r, "rule")));
        }
        Map<String, Object> p = obj(m.get("process"), "process",
            Set.of("network", "nestedUserns", "hostProc", "sharedTmp", "syscallRules"));
        BwrapTemplate.ProcessFlags flags = new BwrapTemplate.ProcessFlags(bool(p, "network"), bool(p, "nestedUserns"),
            bool(p, "hostProc"), bool(p, "sharedTmp"), bool(p, "syscallRules"));
        Map<String, Object> e = obj(m.get("env"), "env", Set.of("pass", "unset", "set"));
        List<EnvPolicy.Pattern> pass = new ArrayList<>();
        for (Object o : list(e, "pass")) pass.add(pattern(o));
        List<EnvPolicy.Pattern> unset = new ArrayList<>();
        for (Object o : list(e, "unset")) unset.add(pattern(o));
        List<EnvPolicy.Assignment> set = new ArrayList<>();
        for (Object o : list(e, "set")) {
            Map<String, Object> a = obj(o, "assignment", Set.of("name", "value", "span"));
            set.add(new EnvPolicy.Assignment(str(a, "name"), str(a, "value"), span(a.get("span"))));
        }
        return new BwrapTemplate(format, fixed, Effect.valueOf(str(m, "readDefault")), Effect.valueOf(str(m, "writeDefault")),
            rules, protects, flags, new EnvPolicy(pass, unset, set));
    }

    private static BwrapArgs.Arg arg(Object o) throws IOException {
        Map<String, Object> a = obj(o, "argument", null);
        String op = str(a, "op");
        switch (op) {
            case "flag": keys(a, Set.of("op", "name")); return new BwrapArgs.Flag(str(a, "name"));
            case "bind": keys(a, Set.of("op", "writable", "source", "dest"));
                return new BwrapArgs.Bind(bool(a, "writable"), str(a, "source"), str(a, "dest"));
            case "tmpfs": keys(a, Set.of("op", "perms", "dest")); return new BwrapArgs.Tmpfs(optStr(a, "perms"), str(a, "dest"));
            case "remount-ro": keys(a, Set.of("op", "dest")); return new BwrapArgs.RemountRo(str(a, "dest"));
            case "proc": keys(a, Set.of("op", "dest")); return new BwrapArgs.Proc(str(a, "dest"));
            case "dev": keys(a, Set.of("op", "dest")); return new BwrapArgs.Dev(str(a, "dest"));
            case "fd": keys(a, Set.of("op", "name", "fd")); return new BwrapArgs.Fd(str(a, "name"), (int) num(a, "fd"));
            case "chdir": keys(a, Set.of("op", "dir")); return new BwrapArgs.Chdir(str(a, "dir"));
            case "opt": keys(a, Set.of("op", "name", "value")); return new BwrapArgs.Opt(str(a, "name"), str(a, "value"));
            case "symlink": keys(a, Set.of("op", "target", "dest")); return new BwrapArgs.Symlink(str(a, "target"), str(a, "dest"));
            default: throw new IOException("unknown bwrap argument kind " + op);
        }
    }

    private static EnvPolicy.Pattern pattern(Object o) throws IOException {
        Map<String, Object> p = obj(o, "pattern", Set.of("pattern", "span"));
        return new EnvPolicy.Pattern(str(p, "pattern"), span(p.get("span")));
    }

    private static Span span(Object o) throws IOException {
        // Jackson also writes the derived "builtin" flag of a Span; it carries no information
        Map<String, Object> s = obj(o, "span", null);
        for (String k : s.keySet()) {
            if (!Set.of("file", "line", "col", "length", "builtin").contains(k)) throw new IOException("unknown field " + k);
        }
        for (String k : Set.of("file", "line", "col", "length")) if (!s.containsKey(k)) throw new IOException("missing field " + k);
        return new Span(str(s, "file"), (int) num(s, "line"), (int) num(s, "col"), (int) num(s, "length"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String what, Set<String> keys) throws IOException {
        if (!(o instanceof Map)) throw new IOException(what + " is not an object");
        Map<String, Object> m = (Map<String, Object>) o;
        if (keys != null) keys(m, keys);
        return m;
    }

    private static void keys(Map<String, Object> m, Set<String> keys) throws IOException {
        for (String k : m.keySet()) if (!keys.contains(k)) throw new IOException("unknown field " + k);
        for (String k : keys) if (!m.containsKey(k)) throw new IOException("missing field " + k);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String k) throws IOException {
        Object o = m.get(k);
        if (!(o instanceof List)) throw new IOException(k + " is not a list");
        return (List<Object>) o;
    }

    private static String str(Map<String, Object> m, String k) throws IOException {
        Object o = m.get(k);
        if (!(o instanceof String)) throw new IOException(k + " is not a string");
        return (String) o;
    }

    private static String optStr(Map<String, Object> m, String k) throws IOException {
        return m.get(k) == null ? null : str(m, k);
    }

    private static boolean bool(Map<String, Object> m, String k) throws IOException {
        Object o = m.get(k);
        if (!(o instanceof Boolean)) throw new IOException(k + " is not a boolean");
        return (Boolean) o;
    }

    private static long num(Map<String, Object> m, String k) throws IOException {
        Object o = m.get(k);
        if (!(o instanceof Long)) throw new IOException(k + " is not an integer");
        long v = (Long) o;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IOException(k + " is out of range");
        return v;
    }
}

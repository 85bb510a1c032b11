package dev.srt.backend.bwrap;

import dev.srt.artifact.json.JsonPath;
import dev.srt.artifact.json.MiniJson;
import dev.srt.artifact.json.StrictObject;
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
 * without Jackson (start-up time). Strict ({@link StrictObject}): unknown or missing fields and
 * wrong types are errors. {@code MountPlanProperties} round-trips every generated template through it.
 */
final class TemplateReader {
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;
    private static final Set<String> SPAN = Set.of("file", "line", "col", "length");
    /** Jackson also writes the derived "builtin" flag of a Span; it carries no information. */
    private static final Set<String> SPAN_WITH_FLAG = Set.of("file", "line", "col", "length", "builtin");

    private TemplateReader() {
    }

    static BwrapTemplate read(String json) throws IOException {
        StrictObject m = StrictObject.of(MiniJson.parse(json), JsonPath.ROOT,
            Set.of("format", "fixed", "readDefault", "writeDefault", "rules", "protects", "process", "env"));
        int format = m.integer("format", MIN, MAX);
        if (format != BwrapTemplate.FORMAT) {
            throw new IOException("bwrap section format " + format + " is not supported (expected " + BwrapTemplate.FORMAT
                + "); recompile the policy with this srt version");
        }
        List<BwrapArgs.Arg> fixed = new ArrayList<>();
        List<Object> args = m.list("fixed");
        for (int i = 0; i < args.size(); i++) fixed.add(arg(args.get(i), m.path("fixed").at(i)));
        List<BwrapTemplate.PathRule> rules = new ArrayList<>();
        for (StrictObject r : each(m, "rules", Set.of("access", "effect", "path", "glob", "rule"))) {
            rules.add(new BwrapTemplate.PathRule(r.constant("access", Access.values()), r.constant("effect", Effect.values()),
                r.string("path"), r.bool("glob"), r.string("rule")));
        }
        List<BwrapTemplate.Protect> protects = new ArrayList<>();
        for (StrictObject r : each(m, "protects", Set.of("path", "glob", "rule"))) {
            protects.add(new BwrapTemplate.Protect(r.string("path"), r.bool("glob"), r.string("rule")));
        }
        StrictObject p = StrictObject.of(m.value("process"), m.path("process"),
            Set.of("network", "nestedUserns", "hostProc", "sharedTmp", "syscallRules"));
        BwrapTemplate.ProcessFlags flags = new BwrapTemplate.ProcessFlags(p.bool("network"), p.bool("nestedUserns"),
            p.bool("hostProc"), p.bool("sharedTmp"), p.bool("syscallRules"));
        StrictObject e = StrictObject.of(m.value("env"), m.path("env"), Set.of("pass", "unset", "set"));
        List<EnvPolicy.Pattern> pass = new ArrayList<>();
        for (StrictObject o : each(e, "pass", Set.of("pattern", "span"))) pass.add(new EnvPolicy.Pattern(o.string("pattern"), span(o)));
        List<EnvPolicy.Pattern> unset = new ArrayList<>();
        for (StrictObject o : each(e, "unset", Set.of("pattern", "span"))) unset.add(new EnvPolicy.Pattern(o.string("pattern"), span(o)));
        List<EnvPolicy.Assignment> set = new ArrayList<>();
        for (StrictObject a : each(e, "set", Set.of("name", "value", "span"))) {
            set.add(new EnvPolicy.Assignment(a.string("name"), a.string("value"), span(a)));
        }
        return new BwrapTemplate(format, fixed, m.constant("readDefault", Effect.values()), m.constant("writeDefault", Effect.values()),
            rules, protects, flags, new EnvPolicy(pass, unset, set));
    }

    /** The elements of the list field {@code key}, each an object with exactly the fields {@code names}. */
    private static List<StrictObject> each(StrictObject owner, String key, Set<String> names) throws IOException {
        List<Object> items = owner.list(key);
        List<StrictObject> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) out.add(StrictObject.of(items.get(i), owner.path(key).at(i), names));
        return out;
    }

    /** The fields of each kind of argument, by its "op". */
    private static final Map<String, Set<String>> ARG_FIELDS = Map.of(
        "flag", Set.of("op", "name"), "bind", Set.of("op", "writable", "source", "dest"), "tmpfs", Set.of("op", "perms", "dest"),
        "remount-ro", Set.of("op", "dest"), "proc", Set.of("op", "dest"), "dev", Set.of("op", "dest"),
        "fd", Set.of("op", "name", "fd"), "chdir", Set.of("op", "dir"), "opt", Set.of("op", "name", "value"),
        "symlink", Set.of("op", "target", "dest"));

    private static BwrapArgs.Arg arg(Object item, JsonPath at) throws IOException {
        String op = StrictObject.tag(item, at, "op");
        Set<String> names = ARG_FIELDS.get(op);
        if (names == null) throw new IOException(at.field("op") + ": unknown bwrap argument kind " + op);
        StrictObject a = StrictObject.of(item, at, names);
        switch (op) {
            case "flag": return new BwrapArgs.Flag(a.string("name"));
            case "bind": return new BwrapArgs.Bind(a.bool("writable"), a.string("source"), a.string("dest"));
            case "tmpfs": return new BwrapArgs.Tmpfs(a.stringOrNull("perms"), a.string("dest"));
            case "remount-ro": return new BwrapArgs.RemountRo(a.string("dest"));
            case "proc": return new BwrapArgs.Proc(a.string("dest"));
            case "dev": return new BwrapArgs.Dev(a.string("dest"));
            case "fd": return new BwrapArgs.Fd(a.string("name"), a.integer("fd", MIN, MAX));
            case "chdir": return new BwrapArgs.Chdir(a.string("dir"));
            case "opt": return new BwrapArgs.Opt(a.string("name"), a.string("value"));
            default: return new BwrapArgs.Symlink(a.string("target"), a.string("dest"));
        }
    }

    private static Span span(StrictObject owner) throws IOException {
        Object v = owner.value("span");
        boolean flag = v instanceof Map && ((Map<?, ?>) v).containsKey("builtin");
        StrictObject s = StrictObject.of(v, owner.path("span"), flag ? SPAN_WITH_FLAG : SPAN);
        return new Span(s.string("file"), s.integer("line", MIN, MAX), s.integer("col", MIN, MAX), s.integer("length", MIN, MAX));
    }
}

package dev.srt.tools.fmt;

import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.syntax.Ast;
import dev.srt.syntax.PolicyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical text of one statement that is not a block, as a head, a list that may wrap
 * after its commas (only where the grammar allows a line break), and a tail.
 */
final class ItemText {
    /** {@code head} then {@code list} joined by ", " then {@code tail}; {@code wrappable} when breaks after commas are legal. */
    record Parts(String head, List<String> list, String tail, boolean wrappable) {
        static Parts plain(String text) {
            return new Parts(text, List.of(), "", false);
        }
    }

    private ItemText() {
    }

    static Parts of(Object item) {
        if (item instanceof Ast.Header) return Parts.plain("srt " + ((Ast.Header) item).version());
        if (item instanceof Ast.Include) {
            Ast.Include i = (Ast.Include) item;
            return Parts.plain("include " + (i.stock() ? "std:" + i.target() : PolicyWriter.quote(i.target())));
        }
        if (item instanceof Ast.Let) {
            Ast.Let l = (Ast.Let) item;
            if (!l.list()) return Parts.plain("let " + l.name().name() + " = " + value(l.values().get(0)));
            return new Parts("let " + l.name().name() + " = [", values(l.values()), "]", true);
        }
        if (item instanceof Ast.FsDefault) {
            Ast.FsDefault d = (Ast.FsDefault) item;
            return Parts.plain(d.access().word() + " default " + d.effect().word());
        }
        if (item instanceof Ast.FsRule) {
            Ast.FsRule r = (Ast.FsRule) item;
            return list(r.access().word() + " " + r.effect().word() + " ", r.paths(), mods(r.modifiers()));
        }
        if (item instanceof Ast.FsProtect) {
            Ast.FsProtect p = (Ast.FsProtect) item;
            return list(p.lift() ? "unprotect " : "protect ", p.paths(), mods(p.modifiers()));
        }
        if (item instanceof Ast.NetHost) {
            Ast.NetHost h = (Ast.NetHost) item;
            return list(h.effect().word() + " ", h.hosts(), mods(h.modifiers()));
        }
        if (item instanceof Ast.NetUnix) {
            Ast.NetUnix u = (Ast.NetUnix) item;
            if (u.all()) return Parts.plain("allow unix all" + mods(u.modifiers()));
            return list("allow unix ", u.paths(), mods(u.modifiers()));
        }
        if (item instanceof Ast.NetBind) {
            Ast.NetBind b = (Ast.NetBind) item;
            String ports = b.all() ? "all" : b.ports().stream().map(Ast.Int::text).collect(Collectors.joining(", "));
            return Parts.plain("allow bind " + ports + mods(b.modifiers()));
        }
        if (item instanceof Ast.NetProxy) {
            Ast.NetProxy p = (Ast.NetProxy) item;
            return Parts.plain("proxy " + p.kind().name() + " " + PolicyWriter.quote(p.address().text()) + mods(p.modifiers()));
        }
        if (item instanceof Ast.SysDefault) return Parts.plain("default " + action(((Ast.SysDefault) item).action()));
        if (item instanceof Ast.SysForeignArch) return Parts.plain("foreign-arch " + action(((Ast.SysForeignArch) item).action()));
        if (item instanceof Ast.SysRule) {
            Ast.SysRule r = (Ast.SysRule) item;
            List<String> targets = new ArrayList<>();
            for (Ast.SysTarget t : r.targets()) targets.add(target(t));
            String tail = (r.unless() != null ? " unless " + r.unless().name() : "") + mods(r.modifiers());
            return new Parts((r.optional() ? "optional " : "") + action(r.action()) + " ", targets, tail, true);
        }
        if (item instanceof Ast.EnvPass) {
            Ast.EnvPass p = (Ast.EnvPass) item;
            return list("pass ", p.names(), mods(p.modifiers()));
        }
        if (item instanceof Ast.EnvUnset) {
            Ast.EnvUnset u = (Ast.EnvUnset) item;
            return list("unset ", u.names(), mods(u.modifiers()));
        }
        if (item instanceof Ast.EnvSet) {
            Ast.EnvSet s = (Ast.EnvSet) item;
            return Parts.plain("set " + value(s.name()) + " = " + value(s.value()) + mods(s.modifiers()));
        }
        if (item instanceof Ast.Ignore) {
            Ast.Ignore i = (Ast.Ignore) item;
            return list("ignore ", i.patterns(), (i.command() != null ? " for " + value(i.command()) : "") + mods(i.modifiers()));
        }
        if (item instanceof Ast.SandboxSetting) {
            Ast.SandboxSetting s = (Ast.SandboxSetting) item;
            return Parts.plain(s.key().name() + (s.value() != null ? " " + value(s.value()) : "") + mods(s.modifiers()));
        }
        if (item instanceof Ast.Expect) return Parts.plain(expect((Ast.Expect) item));
        throw new IllegalArgumentException("not a leaf statement: " + item.getClass().getSimpleName());
    }

    private static Parts list(String head, List<Ast.Value> vs, String tail) {
        return new Parts(head, values(vs), tail, true);
    }

    private static List<String> values(List<Ast.Value> vs) {
        List<String> out = new ArrayList<>();
        for (Ast.Value v : vs) out.add(value(v));
        return out;
    }

    static String value(Ast.Value v) {
        return v instanceof Ast.Str ? PolicyWriter.quote(((Ast.Str) v).text()) : ((Ast.Ref) v).name();
    }

    private static String mods(Ast.Modifiers m) {
        if (m == null) return "";
        return (m.exact() ? " exact" : "") + (m.because() != null ? " because " + PolicyWriter.quote(m.because().text()) : "");
    }

    private static String action(Ast.ActionSpec a) {
        return a.kind() == Action.Kind.ERRNO ? "errno " + operand(a.errno()) : a.kind().word();
    }

    private static String operand(Ast.Operand o) {
        return o.number() != null ? o.number().text() : o.name().name();
    }

    private static String number(Ast.NumberExpr n) {
        return n.terms().stream().map(ItemText::operand).collect(Collectors.joining(" | "));
    }

    private static String target(Ast.SysTarget t) {
        if (t.conditions().isEmpty()) return t.name().name();
        List<String> cs = new ArrayList<>();
        for (Ast.Condition c : t.conditions()) {
            cs.add(c.op() == ArgCondition.Op.MASKED_EQ
                ? c.arg().name() + " & " + number(c.mask()) + " == " + number(c.value())
                : c.arg().name() + " " + c.op().symbol + " " + number(c.value()));
        }
        return t.name().name() + "(" + String.join(", ", cs) + ")";
    }

    private static String expect(Ast.Expect e) {
        String verdict = e.action() != null ? action(e.action()) : e.effect().word();
        Ast.ProbeSpec p = e.probe();
        String probe;
        switch (p.kind()) {
            case BIND:
                probe = "bind " + p.port().text();
                break;
            case SYSCALL:
                probe = "syscall " + p.syscall().name()
                    + (p.args().isEmpty() ? "" : "(" + p.args().stream().map(ItemText::number).collect(Collectors.joining(", ")) + ")");
                break;
            default:
                probe = p.kind().word() + " " + value(p.target());
        }
        return "expect " + verdict + " " + probe;
    }
}

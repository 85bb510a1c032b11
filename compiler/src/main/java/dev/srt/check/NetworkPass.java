package dev.srt.check;

import dev.srt.ir.BindRule;
import dev.srt.ir.Effect;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.HostPattern;
import dev.srt.ir.NetRule;
import dev.srt.ir.UnixSocketRule;
import dev.srt.syntax.Ast;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Checks and lowers network blocks: host rules, unix sockets, local binding, external proxies. */
final class NetworkPass implements Pass {
    @Override
    public String name() {
        return "network";
    }

    @Override
    public void run(CheckContext ctx) {
        Map<ExternalProxy.Kind, Integer> proxyRank = new EnumMap<>(ExternalProxy.Kind.class);
        for (Unit u : ctx.units) {
            for (Ast.NetworkBlock b : ctx.statements(u, Ast.NetworkBlock.class)) {
                for (Ast.NetItem item : b.items()) {
                    if (item instanceof Ast.NetHost) host(ctx, u, (Ast.NetHost) item);
                    else if (item instanceof Ast.NetUnix) unix(ctx, u, (Ast.NetUnix) item);
                    else if (item instanceof Ast.NetBind) bind(ctx, (Ast.NetBind) item);
                    else proxy(ctx, u, (Ast.NetProxy) item, proxyRank);
                }
            }
        }
    }

    private static String because(Ast.Modifiers m) {
        return m.because() == null ? null : m.because().text();
    }

    private void host(CheckContext ctx, Unit u, Ast.NetHost h) {
        for (CheckContext.Resolved v : ctx.expand(u, h.hosts())) {
            HostSyntax.Result r = HostSyntax.parse(v.text());
            if (!r.ok()) {
                ctx.error("E0602", r.error(), v.span(), r.help());
                continue;
            }
            if (h.effect() == Effect.ALLOW && r.host() instanceof HostPattern.Any) {
                ctx.error("E0603", "allow \"" + v.text() + "\" would admit every host", v.span(),
                    "list the hosts the program needs; `*` is only for deny rules such as deny \"*:25\"");
                continue;
            }
            ctx.netRules.add(new NetRule(h.effect(), r.host(), r.port(), h.modifiers().exact(), because(h.modifiers()), v.span()));
        }
    }

    private void unix(CheckContext ctx, Unit u, Ast.NetUnix n) {
        if (n.all()) {
            ctx.unixRules.add(new UnixSocketRule(null, because(n.modifiers()), n.span()));
            return;
        }
        for (CheckContext.Resolved v : ctx.expand(u, n.paths())) {
            FilesystemPass.canonical(ctx, v).ifPresent(p -> ctx.unixRules.add(new UnixSocketRule(p, because(n.modifiers()), v.span())));
        }
    }

    private void bind(CheckContext ctx, Ast.NetBind n) {
        if (n.all()) {
            ctx.bindRules.add(new BindRule(0, because(n.modifiers()), n.span()));
            return;
        }
        for (Ast.Int p : n.ports()) {
            if (p.value() < 1 || p.value() > 65535) {
                ctx.error("E0605", "port " + p.text() + " is out of range", p.span(), "ports are 1 to 65535; `allow bind all` allows any");
                continue;
            }
            ctx.bindRules.add(new BindRule((int) p.value(), because(n.modifiers()), p.span()));
        }
    }

    private void proxy(CheckContext ctx, Unit u, Ast.NetProxy p, Map<ExternalProxy.Kind, Integer> rank) {
        ExternalProxy.Kind kind;
        switch (p.kind().name()) {
            case "http": kind = ExternalProxy.Kind.HTTP; break;
            case "socks": kind = ExternalProxy.Kind.SOCKS; break;
            default:
                ctx.error("E0606", "unknown proxy kind `" + p.kind().name() + "`", p.kind().span(),
                    Suggest.help(p.kind().name(), List.of("http", "socks"), "write `proxy http \"host:port\"` or `proxy socks \"host:port\"`"));
                return;
        }
        String text = ctx.interpolate(u, p.address().text(), p.address().span());
        if (text == null) return;
        HostSyntax.Result r = HostSyntax.parse(text);
        boolean literal = r.ok() && (r.host() instanceof HostPattern.Name || (r.host() instanceof HostPattern.Range
            && ((HostPattern.Range) r.host()).prefix() == (((HostPattern.Range) r.host()).isV6() ? 128 : 32)));
        if (!r.ok() || !literal || r.port() == 0) {
            ctx.error("E0607", "proxy address must be host:port, got \"" + text + "\"", p.address().span(),
                "write e.g. `proxy " + kind.word() + " \"127.0.0.1:8080\"`");
            return;
        }
        Integer seen = rank.get(kind);
        if (seen != null && seen == u.rank()) {
            ctx.error("E0608", "a second " + kind.word() + " proxy in the same file", p.span(), "keep one");
            return;
        }
        if (seen != null && seen < u.rank()) return;
        rank.put(kind, u.rank());
        ctx.proxies.removeIf(x -> x.kind() == kind);
        String host = r.host() instanceof HostPattern.Name ? ((HostPattern.Name) r.host()).name() : ((HostPattern.Range) r.host()).address();
        ctx.proxies.add(new ExternalProxy(kind, host, r.port(), p.span()));
    }
}

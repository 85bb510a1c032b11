package dev.srt.cli;

import dev.srt.ir.BindRule;
import dev.srt.ir.ExternalProxy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetRule;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallRule;
import dev.srt.ir.UnixSocketRule;
import java.util.ArrayList;
import java.util.List;

/** The rules a platform enforces (the read default, filesystem, network, system calls and their defaults), in explain order. */
final class EnforcedRules {
    private EnforcedRules() {
    }

    record Rule(String text, Span span) {
    }

    static List<Rule> of(Policy p) {
        List<Rule> out = new ArrayList<>();
        out.add(new Rule("read default " + p.filesystem().readDefault().word(), p.filesystem().readDefaultSpan()));
        for (FsRule r : p.filesystem().rules()) out.add(new Rule(r.render(), r.span()));
        for (ProtectRule r : p.filesystem().protects()) out.add(new Rule(r.render(), r.span()));
        for (NetRule r : p.network().rules()) out.add(new Rule(r.render(), r.span()));
        for (UnixSocketRule r : p.network().unixSockets()) out.add(new Rule(r.render(), r.span()));
        for (BindRule r : p.network().bind()) out.add(new Rule(r.render(), r.span()));
        for (ExternalProxy x : p.network().proxies()) out.add(new Rule("proxy " + x.kind().word() + " " + x.host() + ":" + x.port(), x.span()));
        out.add(new Rule("default " + p.syscalls().defaultAction().render(), p.syscalls().defaultSpan()));
        out.add(new Rule("foreign-arch " + p.syscalls().foreignArch().render(), p.syscalls().foreignArchSpan()));
        for (SyscallRule r : p.syscalls().rules()) out.add(new Rule(r.render(), r.span()));
        return out;
    }
}

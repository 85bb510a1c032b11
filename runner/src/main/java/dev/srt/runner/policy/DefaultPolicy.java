package dev.srt.runner.policy;

import dev.srt.backend.bwrap.BwrapBackend;
import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.Effect;
import dev.srt.ir.EnvPolicy;
import dev.srt.ir.FsPolicy;
import dev.srt.ir.FsRule;
import dev.srt.ir.NetPolicy;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import dev.srt.ir.SyscallPolicy;
import dev.srt.runner.linux.SeccompFallback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy {@code srt run -- cmd} uses without {@code --policy}: no network, reads everywhere
 * except secrets, writes to the working directory and a private temporary directory, shell and
 * git start-up files protected. Built as IR here; the seccomp program is {@link SeccompFallback}.
 */
public final class DefaultPolicy {
    static final String SOURCE = "<embedded default>";
    static final List<String> SECRETS = List.of("${home}/.ssh", "${home}/.aws", "${home}/.gnupg", "${home}/.kube",
        "${home}/.docker", "${home}/.netrc", "${home}/.git-credentials", "${home}/.config/gcloud", "${home}/.pypirc");
    static final List<String> PROTECTED = List.of("/**/.bashrc", "/**/.bash_profile", "/**/.bash_login", "/**/.profile",
        "/**/.zshrc", "/**/.zprofile", "/**/.zshenv", "/**/.gitconfig", "/**/.gitmodules", "/**/.git/hooks",
        "/**/.git/config", "/**/.ripgreprc", "/**/.mcp.json", "/**/.vscode", "/**/.idea");

    private DefaultPolicy() {
    }

    public static Policy ir() {
        List<FsRule> rules = new ArrayList<>();
        int line = 1;
        for (String s : SECRETS) rules.add(rule(Access.READ, Effect.DENY, s, line++));
        rules.add(rule(Access.READ, Effect.ALLOW, "${home}/.ssh/known_hosts", line++));
        rules.add(rule(Access.WRITE, Effect.ALLOW, "${cwd}", line++));
        rules.add(rule(Access.WRITE, Effect.ALLOW, "${tmp}", line++));
        List<ProtectRule> protects = new ArrayList<>();
        for (String p : PROTECTED) protects.add(new ProtectRule(new PathPattern(p), new Span(SOURCE, line++, 1, 1)));
        FsPolicy fs = new FsPolicy(Effect.ALLOW, Span.BUILTIN, Effect.DENY, Span.BUILTIN, rules, protects, List.of());
        return new Policy(1, List.of(), fs, new NetPolicy(List.of(), List.of(), List.of(), List.of()),
            new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN, List.of(), List.of()),
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
    }

    private static FsRule rule(Access a, Effect e, String p, int line) {
        return new FsRule(a, e, new PathPattern(p), false, null, new Span(SOURCE, line, 1, 1));
    }

    public static LoadedPolicy load() {
        Policy p = ir();
        return new LoadedPolicy(BwrapBackend.template(p),
            Map.of("x86_64", SeccompFallback.program("x86_64"), "aarch64", SeccompFallback.program("aarch64")),
            p.environment(), SOURCE);
    }
}

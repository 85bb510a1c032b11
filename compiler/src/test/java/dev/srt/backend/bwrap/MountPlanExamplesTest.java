package dev.srt.backend.bwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.Enforcement;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.FsRule;
import dev.srt.ir.PathPattern;
import dev.srt.ir.Policy;
import dev.srt.ir.ProtectRule;
import dev.srt.ir.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Readable example tables: a typical developer policy on a small tree, mount by mount. */
class MountPlanExamplesTest {
    static FsRule rule(Access a, Effect e, String p) {
        return new FsRule(a, e, new PathPattern(p), false, null, new Span("p.srt", 1, 1, 1));
    }

    static ProtectRule protect(String p) {
        return new ProtectRule(new PathPattern(p), new Span("p.srt", 2, 1, 1));
    }

    static final Policy DEV = MountPlanProperties.policy(List.of(
        rule(Access.READ, Effect.DENY, "${home}/.ssh"),
        rule(Access.READ, Effect.ALLOW, "${home}/.ssh/known_hosts"),
        rule(Access.WRITE, Effect.ALLOW, "${cwd}"),
        rule(Access.WRITE, Effect.ALLOW, "${tmp}"),
        rule(Access.WRITE, Effect.DENY, "${cwd}/.env"),
        rule(Access.READ, Effect.DENY, "${cwd}/**/*.pem")),
        List.of(protect("/**/.bashrc"), protect("${cwd}/.git/hooks")), Effect.ALLOW, Effect.DENY);

    static MemoryFs tree() {
        return new MemoryFs().dir("/etc").file("/etc/passwd")
            .file("/home/user/.ssh/id_rsa").file("/home/user/.ssh/known_hosts").file("/home/user/.bashrc")
            .file("/home/user/work/.env").file("/home/user/work/src/key.pem").file("/home/user/work/sub/.bashrc")
            .dir("/home/user/work/.git").file("/home/user/work/.git/config").dir("/tmp/srt");
    }

    static String table(MountPlan plan) {
        return plan.mounts().stream().map(m -> String.format("%-32s %-9s %s", m.path(), m.kind(), m.why()))
            .collect(Collectors.joining("\n"));
    }

    @Test
    void developerPolicy() throws Exception {
        MountPlan plan = MountPlanProperties.check(DEV, tree());
        assertEquals(String.join("\n",
            "/tmp/srt                         BIND_RW   read-write",
            "/home/user/.ssh                  HIDE_DIR  hidden",
            "/home/user/work                  BIND_RW   read-write",
            "/home/user/.ssh/known_hosts      BIND_RO   read-only",
            "/home/user/work/.env             BIND_RO   read-only",
            "/home/user/work/.git             BIND_RO   locked read-only: /home/user/work/.git/hooks is denied and does not exist yet",
            "/home/user/work/src              BIND_RW   pinned: ancestor of a mount in a writable tree, so it cannot be renamed",
            "/home/user/work/sub              BIND_RW   pinned: ancestor of a mount in a writable tree, so it cannot be renamed",
            "/home/user/work/.git/config      BIND_RW   read-write",
            "/home/user/work/src/key.pem      HIDE_FILE hidden",
            "/home/user/work/sub/.bashrc      BIND_RO   read-only"), table(plan));
        // ~/.bashrc is not in a writable tree: no mount needed, it is read-only with the root
        assertEquals(List.of("/home/user/work/src/key.pem"), plan.expansions().get(0).matches());
        List<String> args = BwrapArgs.render(plan.args(List.of()), MountPlanProperties.CTX);
        assertTrue(String.join(" ", args).startsWith("--ro-bind / / --bind /tmp/srt /tmp/srt --perms 0111 --tmpfs /home/user/.ssh"));
        assertTrue(String.join(" ", args).endsWith("--remount-ro /home/user/.ssh"));
    }

    @Test
    void workspaceOnlyReads() throws Exception {
        Policy p = MountPlanProperties.policy(List.of(rule(Access.READ, Effect.ALLOW, "/etc"),
            rule(Access.WRITE, Effect.ALLOW, "${cwd}")), List.of(), Effect.DENY, Effect.DENY);
        MountPlan plan = MountPlanProperties.check(p, tree());
        assertEquals(String.join("\n",
            "/etc                             BIND_RO   read-only",
            "/home/user/work                  BIND_RW   read-write"), table(plan));
        String args = String.join(" ", BwrapArgs.render(plan.args(List.of()), MountPlanProperties.CTX));
        assertEquals("--ro-bind /etc /etc --bind /home/user/work /home/user/work --remount-ro /", args);
    }

    @Test
    void enforcementSaysWhatGlobsMiss() {
        List<Enforcement> e = BwrapBackend.enforcement(DEV);
        Enforcement pem = e.stream().filter(x -> x.ruleText().contains("*.pem")).findFirst().orElseThrow();
        assertEquals(Enforcement.Level.APPROXIMATE, pem.level());
        assertTrue(pem.how().contains("created after start is not covered"));
        Enforcement ssh = e.stream().filter(x -> x.ruleText().equals("read deny \"${home}/.ssh\"")).findFirst().orElseThrow();
        assertEquals(Enforcement.Level.EXACT, ssh.level());
    }

    @Test
    void templateRoundTripsAndDamageIsAPlainError() throws Exception {
        BwrapTemplate t = BwrapBackend.template(DEV);
        assertEquals(t, TemplateCodec.read(TemplateCodec.write(t)));
        IOException bad = assertThrows(IOException.class, () -> TemplateCodec.read("{\"format\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(bad.getMessage().startsWith("damaged bwrap section"));
        byte[] future = new String(TemplateCodec.write(t), StandardCharsets.UTF_8).replace("\"format\" : 1", "\"format\" : 9")
            .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(IOException.class, () -> TemplateCodec.read(future)).getMessage().contains("format 9"));
        assertTrue(BwrapBackend.readable(t).contains("glob: expanded at start"));
        dev.srt.ir.EnvPolicy env = new dev.srt.ir.EnvPolicy(
            List.of(new dev.srt.ir.EnvPolicy.Pattern("PATH", new Span("p.srt", 3, 1, 4))),
            List.of(new dev.srt.ir.EnvPolicy.Pattern("*_TOKEN", Span.BUILTIN)),
            List.of(new dev.srt.ir.EnvPolicy.Assignment("FOO", "b\"a\u00e9r\n${home}", new Span("p.srt", 4, 2, 3))));
        BwrapTemplate withEnv = new BwrapTemplate(t.format(), t.fixed(), t.readDefault(), t.writeDefault(), t.rules(),
            t.protects(), t.process(), env);
        assertEquals(withEnv, TemplateCodec.read(TemplateCodec.write(withEnv)));
        for (String junk : List.of("{}", "[]", "{\"format\":1}", "", "{\"format\":1,\"format\":1}")) {
            assertTrue(assertThrows(IOException.class, () -> TemplateCodec.read(junk.getBytes(StandardCharsets.UTF_8)))
                .getMessage().startsWith("damaged bwrap section"), junk);
        }
    }
}

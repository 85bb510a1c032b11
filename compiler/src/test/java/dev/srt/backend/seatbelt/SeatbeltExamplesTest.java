package dev.srt.backend.seatbelt;

import static dev.srt.backend.seatbelt.TestPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.ir.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readable tables: for a policy, what the printed profile decides for each path, next to what
 * srt's IR evaluator decides. Every row must agree, and the expected column pins the meaning.
 */
class SeatbeltExamplesTest {
    private record Row(String op, String path, boolean allowed) {
    }

    private static Row read(String path, boolean allowed) {
        return new Row("read", path, allowed);
    }

    private static Row write(String path, boolean allowed) {
        return new Row("write", path, allowed);
    }

    private static void check(Policy p, List<Row> rows) {
        SeatbeltHarness h = SeatbeltHarness.of(p);
        for (Row r : rows) {
            boolean ir = r.op.equals("read") ? h.irRead(r.path) : h.irWrite(r.path);
            boolean sb = r.op.equals("read") ? h.sbRead(r.path) : h.sbWrite(r.path);
            assertEquals(r.allowed, ir, "IR evaluator, " + r.op + " " + r.path);
            assertEquals(r.allowed, sb, "Seatbelt profile, " + r.op + " " + r.path + "\n" + h.lowered.readable());
        }
    }

    @Test
    void developerPolicy() {
        Policy p = policy()
            .readDeny("~/.ssh").readDeny("~/.aws")
            .readAllow("~/.ssh/known_hosts")
            .writeAllow(".").writeAllow("${tmp}")
            .writeDeny("./.env").writeDeny("**/*.pem")
            .protect("**/.bashrc")
            .build();
        check(p, List.of(
            read("/home/user/.ssh/id_rsa", false),
            read("/home/user/.ssh", false),
            read("/home/user/.ssh/known_hosts", true),
            read("/home/user/.aws/credentials", false),
            read("/home/user/notes.txt", true),
            read("/opt/data/x", true),
            write("/home/user/work/src/Main.java", true),
            write("/home/user/work/.env", false),
            write("/home/user/work/.env/inner", false),
            write("/home/user/work/keys/server.pem", false),
            write("/home/user/work/.pem", false),
            write("/home/user/work/.bashrc", false),
            write("/home/user/work/sub/.bashrc", false),
            write("/tmp/srt/build.log", true),
            write("/tmp/other", false),
            write("/home/user/notes.txt", false),
            write("/home/user/.ssh/known_hosts", false)));
    }

    @Test
    void workspaceOnlyReads() {
        Policy p = policy().readDefaultDeny().writeAllow(".").readAllow("/opt/tools").build();
        check(p, List.of(
            read("/home/user/work/a.txt", true),
            read("/opt/tools/bin/x", true),
            read("/home/user/.bash_history", false),
            read("/opt/other", false),
            write("/home/user/work/a.txt", true),
            write("/opt/tools/bin/x", false)));
    }

    @Test
    void deeperAllowInsideDeniedTreeAndDeeperDenyInsideThat() {
        Policy p = policy().readDeny("/data").readAllow("/data/public").readDeny("/data/public/secret")
            .writeAllow("/data/public/upload").build();
        check(p, List.of(
            read("/data/x", false),
            read("/data/public/x", true),
            read("/data/public/secret/x", false),
            read("/data/public/upload/f", true),
            write("/data/public/upload/f", true),
            write("/data/public/x", false)));
    }

    @Test
    void tieAtEqualDepthIsDeny() {
        Policy p = policy().readAllow("/data").readDeny("/data").build();
        check(p, List.of(read("/data/x", false), read("/other", true)));
    }

    @Test
    void writeAllowDoesNotBeatADeeperReadDeny() {
        Policy p = policy().writeAllow("/w").readDeny("/w/private").build();
        check(p, List.of(
            write("/w/a", true), read("/w/a", true),
            write("/w/private/a", false), read("/w/private/a", false)));
    }

    @Test
    void globsWithDoubleStarCompeteWithLiteralsByDepth() {
        // The ** glob matches at varying depths: it must beat the shallower allow and lose to the deeper one.
        Policy p = policy().readDeny("/**/secret").readAllow("/srv/app").readAllow("/srv/app/secret/public").build();
        check(p, List.of(
            read("/srv/app/secret/x", false),
            read("/srv/app/x", true),
            read("/srv/app/secret/public/y", true),
            read("/secret", false),
            read("/a/b/c/d/e/secret/f", false),
            read("/srv/app/secret/public/secret", false)));
    }

    @Test
    void protectCoversFilesThatDoNotExistYetAndBeatsEveryWriteRule() {
        Policy p = policy().writeAllow("/w").writeAllow("/w/cfg").protect("/w/cfg/.profile").protect("**/.git/hooks").build();
        check(p, List.of(
            write("/w/cfg/.profile", false),
            write("/w/cfg/other", true),
            write("/w/repo/.git/hooks/pre-commit", false),
            write("/w/repo/.git/config", true)));
    }

    @Test
    void globCharactersAreTranslatedNotTakenLiterally() {
        Policy p = policy().readDeny("/d/*.key").readDeny("/d/file?.txt").readDeny("/d/[ab]x").readDeny("/d/a.b+c").build();
        check(p, List.of(
            read("/d/x.key", false), read("/d/sub/x.key", true),
            read("/d/file1.txt", false), read("/d/file12.txt", true),
            read("/d/ax", false), read("/d/cx", true),
            read("/d/a.b+c", false), read("/d/aXb+c", true), read("/d/a.bbc", true)));
    }

    @Test
    void metacharactersInLiteralPathsMatchOnlyThemselves() {
        Policy p = policy().readDeny("/d/(x)|y$").readDeny("/d/dot.dir").build();
        check(p, List.of(
            read("/d/(x)|y$", false), read("/d/x", true), read("/d/dot.dir/f", false), read("/d/dotXdir", true)));
    }

    @Test
    void unixSocketsAndBinding() {
        Policy p = policy().unix("/run/user/${uid}/agent.sock").bind(8080).build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        assertEquals(true, h.sbUnix("/run/user/1000/agent.sock"));
        assertEquals(false, h.sbUnix("/run/user/1001/agent.sock"));
        assertEquals(false, h.sbUnix("/var/run/docker.sock"));
        assertEquals(true, h.sbBind(8080));
        assertEquals(false, h.sbBind(8081));
        assertEquals(h.irUnix("/run/user/1000/agent.sock"), h.sbUnix("/run/user/1000/agent.sock"));
    }

    @Test
    void directConnectionsOnlyToTheProxyPorts() {
        Policy none = policy().build();
        SeatbeltHarness h0 = SeatbeltHarness.of(none);
        assertEquals(false, h0.sbConnect("127.0.0.1", SeatbeltHarness.HTTP_PORT), "no network rules: no proxy either");
        Policy p = policy().allowHost(new dev.srt.ir.HostPattern.Name("github.com"), 443).build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        assertEquals(true, h.sbConnect("127.0.0.1", SeatbeltHarness.HTTP_PORT));
        assertEquals(true, h.sbConnect("localhost", SeatbeltHarness.SOCKS_PORT));
        assertEquals(false, h.sbConnect("127.0.0.1", 22));
        assertEquals(false, h.sbConnect("140.82.112.3", 443), "allowed hosts are reached through the proxy, never directly");
    }

    @Test
    void tmpResolvesUnderPrivate() {
        Policy p = policy().writeAllow("/tmp/build").build();
        check(p, List.of(write("/tmp/build/x", true), write("/tmp/other", false)));
    }

    @Test
    void topLevelGlobAlsoCoversTheDirectoriesMacOsKeepsUnderPrivate() {
        Policy p = policy().readDeny("/*/secrets").readDeny("/t*").readAllow("/tmp/srt").build();
        check(p, List.of(
            read("/tmp/secrets", false), read("/etc/secrets", false), read("/opt/secrets", false),
            read("/tmp/x", false), read("/tmp/srt/x", true), read("/opt/x", true)));
    }

    @Test
    void protectedPathsCannotBeMovedAwayOrHardLinked() {
        Policy p = policy().writeAllow("/w").protect("**/.git/hooks").protect("/w/cfg/.profile").build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        SbplEvaluator sb = h.sbpl;
        assertEquals(false, sb.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/repo/.git")), "renaming .git away");
        assertEquals(false, sb.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/cfg")));
        assertEquals(false, sb.allows(SbplEvaluator.Request.file("file-link", "/w/repo/.git/hooks/pre-commit")));
        assertEquals(true, sb.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/repo/.git/objects")));
        assertEquals(true, sb.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/repo")));
        assertEquals(true, sb.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/repo/.gitignore")));
        assertEquals(true, sb.allows(SbplEvaluator.Request.file("file-link", "/w/repo/src/a.c")));
    }

    @Test
    void protectHoldsInEveryLetterCaseBecauseMacVolumesIgnoreCase() {
        Policy p = policy().writeAllow("/w").protect("**/.bashrc").protect("**/.git/hooks").protect("/w/cfg/.profile").build();
        SeatbeltHarness h = SeatbeltHarness.of(p);
        assertEquals(false, h.sbWrite("/w/.BASHRC"));
        assertEquals(false, h.sbWrite("/w/sub/.BashRC"));
        assertEquals(false, h.sbWrite("/w/repo/.GIT/Hooks/pre-commit"));
        assertEquals(false, h.sbWrite("/w/CFG/.Profile"));
        assertEquals(false, h.sbpl.allows(SbplEvaluator.Request.file("file-write-unlink", "/w/repo/.Git")));
        assertEquals(true, h.sbWrite("/w/.bashrc.bak"));
        assertEquals(true, h.sbWrite("/w/README"));
    }
}

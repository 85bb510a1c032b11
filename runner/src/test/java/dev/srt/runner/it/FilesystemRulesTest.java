package dev.srt.runner.it;

import static dev.srt.runner.it.Sandbox.protect;
import static dev.srt.runner.it.Sandbox.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every filesystem rule kind, allowed and denied, and the escape attempts, in a real bwrap
 * sandbox: as the unprivileged test user and as root. One sandbox run executes all probes.
 */
class FilesystemRulesTest {
    static final String PROBES = String.join("\n",
        "H=\"$HOME\"; W=\"$PWD\"",
        "t() { name=$1; shift; if \"$@\" >/dev/null 2>&1; then echo \"$name=ok\"; else echo \"$name=fail\"; fi; }",
        "t read_secret cat \"$H/.ssh/id_rsa\"",
        "t list_secret_dir ls \"$H/.ssh\"",
        "t read_known_hosts cat \"$H/.ssh/known_hosts\"",
        "t read_notes cat \"$H/notes.txt\"",
        "t write_cwd sh -c \"echo new > '$W/new.txt'\"",
        "t write_subdir sh -c \"echo x > '$W/src/gen.c'\"",
        "t write_env sh -c \"echo x > '$W/.env'\"",
        "t read_env cat \"$W/.env\"",
        "t read_pem cat \"$W/src/key.pem\"",
        "t write_home sh -c \"echo x > '$H/outside.txt'\"",
        "t write_etc sh -c 'echo x > /etc/srt-it'",
        "t symlink_escape sh -c \"ln -s '$H/.ssh/id_rsa' '$W/link' && cat '$W/link'\"",
        "t symlink_dir_escape sh -c \"ln -s '$H/.ssh' '$W/sshlink' && cat '$W/sshlink/id_rsa'\"",
        "t hardlink_escape sh -c \"ln '$H/.ssh/id_rsa' '$W/hl' && cat '$W/hl'\"",
        "t dotdot_escape cat \"$W/../.ssh/id_rsa\"",
        "t procroot_escape cat \"/proc/self/root$H/.ssh/id_rsa\"",
        "t rename_protected_parent mv \"$W/proj/.git\" \"$W/proj/g2\"",
        "t rename_protected_grandparent mv \"$W/proj\" \"$W/proj2\"",
        "t write_protected_hooks sh -c \"echo x > '$W/proj/.git/hooks/pre-commit'\"",
        "t write_bashrc sh -c \"echo x >> '$W/sub/.bashrc'\"",
        "t remove_bashrc rm \"$W/sub/.bashrc\"",
        "t rename_over_bashrc sh -c \"echo x > '$W/tmpf' && mv -f '$W/tmpf' '$W/sub/.bashrc'\"",
        "t create_missing_protected sh -c \"echo x > '$H/w2/.zshrc'\"",
        "t create_missing_protected_by_rename sh -c \"echo x > '$H/w2/sub/f' && mv '$H/w2/sub/f' '$H/w2/.zshrc'\"",
        "t write_w2_existing sh -c \"echo y >> '$H/w2/existing.txt'\"",
        "t write_w2_subdir sh -c \"echo y > '$H/w2/sub/new'\"",
        "t fd_from_outside sh -c 'echo pwned >&3'",
        "t tmpdir_write sh -c 'echo x > \"$TMPDIR/f\" && test -d \"$TMPDIR\"'",
        "t chmod_hidden chmod 755 \"$H/.ssh\"",
        "");

    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        for (String ok : List.of("read_known_hosts", "read_notes", "write_cwd", "write_subdir", "read_env",
            "write_w2_existing", "write_w2_subdir", "tmpdir_write")) {
            EXPECTED.put(ok, "ok");
        }
        for (String fail : List.of("read_secret", "list_secret_dir", "write_env", "read_pem", "write_home", "write_etc",
            "symlink_escape", "symlink_dir_escape", "hardlink_escape", "dotdot_escape", "procroot_escape",
            "rename_protected_parent", "rename_protected_grandparent", "write_protected_hooks", "write_bashrc",
            "remove_bashrc", "rename_over_bashrc", "create_missing_protected", "create_missing_protected_by_rename",
            "fd_from_outside", "chmod_hidden")) {
            EXPECTED.put(fail, "fail");
        }
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"user", "root"})
    void everyRuleKindAndEscape(String who) throws Exception {
        boolean asUser = who.equals("user");
        assumeTrue(asUser || Sandbox.ROOT, "root run needs the tests to run as root");
        Path f = Sandbox.fixture("fs-" + who);
        Path home = f.resolve("home");
        Path work = home.resolve("work");
        write(home.resolve(".ssh/id_rsa"), "SECRET");
        write(home.resolve(".ssh/known_hosts"), "KH");
        write(home.resolve("notes.txt"), "NOTES");
        write(work.resolve(".env"), "ENV");
        write(work.resolve("src/key.pem"), "PEM");
        write(work.resolve("src/main.c"), "int main;");
        write(work.resolve("sub/.bashrc"), "RC");
        Files.createDirectories(work.resolve("proj/.git/hooks"));
        write(work.resolve("proj/.git/config"), "[core]");
        write(home.resolve("w2/existing.txt"), "E");
        Files.createDirectories(home.resolve("w2/sub"));
        write(home.resolve("fdtarget"), "");
        write(f.resolve("probe.sh"), PROBES);
        Path policy = Sandbox.template(f, List.of(
            rule(Access.READ, Effect.DENY, "${home}/.ssh"),
            rule(Access.READ, Effect.ALLOW, "${home}/.ssh/known_hosts"),
            rule(Access.WRITE, Effect.ALLOW, "${cwd}"),
            rule(Access.WRITE, Effect.DENY, "${cwd}/.env"),
            rule(Access.READ, Effect.DENY, "${cwd}/**/*.pem"),
            rule(Access.WRITE, Effect.ALLOW, "${home}/w2")),
            List.of(protect("${cwd}/proj/.git/hooks"), protect("/**/.bashrc"), protect("${home}/w2/.zshrc")),
            Effect.ALLOW);
        Sandbox.exec(List.of("chmod", "-R", "a+rX", f.toString()));
        Sandbox.own(home, asUser);
        List<Path> before = tree(home);

        Sandbox.Result r = Sandbox.run(asUser, home, work, new byte[0],
            List.of(policy.toString(), "--", "/bin/sh", f.resolve("probe.sh").toString()), home.resolve("fdtarget"));
        assertEquals(0, r.status(), r.err());
        Map<String, String> got = new LinkedHashMap<>();
        for (String line : r.text().split("\n")) {
            int i = line.indexOf('=');
            if (i > 0) got.put(line.substring(0, i), line.substring(i + 1));
        }
        assertEquals(EXPECTED, got, r.err());

        // the host side: allowed writes landed, denied ones did not, no placeholder anywhere
        assertEquals("new\n", Files.readString(work.resolve("new.txt")));
        assertEquals("SECRET", Files.readString(home.resolve(".ssh/id_rsa")));
        assertEquals("RC", Files.readString(work.resolve("sub/.bashrc")));
        assertEquals("", Files.readString(home.resolve("fdtarget")));
        assertFalse(Files.exists(home.resolve("w2/.zshrc")));
        assertFalse(Files.exists(home.resolve("outside.txt")));
        assertFalse(Files.exists(Path.of("/etc/srt-it")));
        assertTrue(Files.isDirectory(work.resolve("proj/.git/hooks")));
        List<Path> after = tree(home);
        after.removeAll(before);
        assertEquals(List.of("w2/sub/f", "w2/sub/new", "work/link", "work/new.txt", "work/src/gen.c", "work/sshlink", "work/tmpf"),
            after.stream().map(p -> home.relativize(p).toString()).sorted().toList(), "new host files");
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"user", "root"})
    void workspaceOnlyReads(String who) throws Exception {
        boolean asUser = who.equals("user");
        assumeTrue(asUser || Sandbox.ROOT, "root run needs the tests to run as root");
        Path f = Sandbox.fixture("ws-" + who);
        Path home = f.resolve("home");
        Path work = home.resolve("work");
        write(home.resolve("notes.txt"), "NOTES");
        write(work.resolve("file.txt"), "W");
        Path policy = Sandbox.template(f, List.of(
            rule(Access.READ, Effect.ALLOW, "/usr"), rule(Access.READ, Effect.ALLOW, "/bin"),
            rule(Access.READ, Effect.ALLOW, "/lib"), rule(Access.READ, Effect.ALLOW, "/lib64"),
            rule(Access.READ, Effect.ALLOW, "/etc"), rule(Access.WRITE, Effect.ALLOW, "${cwd}")), List.of(), Effect.DENY);
        Sandbox.exec(List.of("chmod", "-R", "a+rX", f.toString()));
        Sandbox.own(home, asUser);
        Sandbox.Result r = Sandbox.run(asUser, home, work, new byte[0], List.of(policy.toString(), "--", "/bin/sh", "-c",
            "cat file.txt; echo; cat \"$HOME/notes.txt\" && echo LEAK; echo x > new.txt && echo wrote; touch /newroot 2>/dev/null && echo ROOTWRITE; ls /root /var 2>/dev/null && echo LISTED; true"));
        assertEquals("W\nwrote\n", r.text(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    /**
     * Symbolic links planted before the run (e.g. by an earlier sandboxed program): a rule that
     * names a link is applied at its target with the stricter verdict, never the looser one.
     */
    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"user", "root"})
    void plantedSymlinksNeverWiden(String who) throws Exception {
        boolean asUser = who.equals("user");
        assumeTrue(asUser || Sandbox.ROOT, "root run needs the tests to run as root");
        Path f = Sandbox.fixture("links-" + who);
        Path home = f.resolve("home");
        Path work = home.resolve("work");
        write(home.resolve(".ssh/id_rsa"), "SECRET");
        write(home.resolve("notes.txt"), "NOTES");
        Files.createDirectories(work);
        Files.createSymbolicLink(work.resolve("out"), home);                    // write allow ./out -> ~ (read-only)
        Files.createSymbolicLink(work.resolve("keys"), home.resolve(".ssh"));   // read allow ./keys -> denied ~/.ssh
        Path policy = Sandbox.template(f, List.of(
            rule(Access.READ, Effect.DENY, "${home}/.ssh"),
            rule(Access.WRITE, Effect.ALLOW, "${cwd}/out"),
            rule(Access.READ, Effect.ALLOW, "${cwd}/keys")), List.of(), Effect.ALLOW);
        Sandbox.exec(List.of("chmod", "-R", "a+rX", f.toString()));
        Sandbox.exec(List.of("chown", "-h", "-R", (asUser && Sandbox.ROOT ? Sandbox.USER : "root") + ":", home.toString()));
        Sandbox.Result r = Sandbox.run(asUser, home, work, new byte[0], List.of(policy.toString(), "--", "/bin/sh", "-c",
            "echo x > out/pwned 2>/dev/null && echo WROTE_HOME; cat keys/id_rsa 2>/dev/null && echo READ_KEY; cat out/notes.txt"));
        assertEquals("NOTES", r.text(), r.err());
        assertFalse(Files.exists(home.resolve("pwned")));
    }

    static void write(Path p, String s) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return new java.util.ArrayList<>(s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList());
        }
    }
}

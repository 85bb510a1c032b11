package dev.srt.runner.it;

import dev.srt.backend.bwrap.BwrapBackend;
import dev.srt.backend.bwrap.TemplateCodec;
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
import dev.srt.runner.linux.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs srt for real (real bwrap, real kernel) in a fresh JVM, either as the calling user or, when
 * the tests run as root, as the unprivileged user {@code srt-test} created here. The classpath is
 * copied to a world-readable directory so that user can read it.
 */
final class Sandbox {
    static final String USER = "srt-test";
    static final boolean ROOT = Host.ids().root();
    private static Path shared;
    private static String classpath;

    private Sandbox() {
    }

    /** The world-readable scratch directory of this test JVM. */
    static synchronized Path shared() {
        if (shared != null) return shared;
        try {
            shared = Files.createTempDirectory(Path.of("/tmp"), "srt-it-");
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String e : System.getProperty("java.class.path").split(":")) {
                Path src = Path.of(e);
                if (!Files.exists(src)) continue;
                Path dst = shared.resolve("cp").resolve(i++ + (Files.isDirectory(src) ? "" : ".jar"));
                copyTree(src, dst);
                cp.add(dst.toString());
            }
            classpath = String.join(":", cp);
            if (ROOT) {
                if (exec(List.of("id", USER)) != 0) exec(List.of("useradd", "-m", USER));
                exec(List.of("chmod", "-R", "a+rX", shared.toString()));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exec(List.of("rm", "-rf", shared.toString()))));
            return shared;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        Files.createDirectories(dst.getParent());
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    static int exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Gives a fixture tree to the user the sandbox runs as. */
    static void own(Path tree, boolean asUser) {
        if (ROOT && asUser) exec(List.of("chown", "-R", USER + ":" + USER, tree.toString()));
    }

    /** A new fixture directory for one test, readable by everyone. */
    static Path fixture(String name) throws IOException {
        Path d = Files.createDirectories(shared().resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    record Result(int status, byte[] out, byte[] errBytes) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(errBytes, StandardCharsets.UTF_8);
        }
    }

    /** The command line that starts srt's test entry in a fresh JVM as the chosen user. */
    static List<String> command(boolean asUser, Path home, List<String> itArgs) {
        shared();
        List<String> cmd = new ArrayList<>();
        if (ROOT && asUser) cmd.addAll(List.of("runuser", "-u", USER, "--"));
        cmd.addAll(List.of("/usr/bin/env", "HOME=" + home, "PATH=/usr/local/bin:/usr/bin:/bin", "TMPDIR=/tmp",
            "LANG=C.UTF-8"));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp", classpath, ItMain.class.getName()));
        cmd.addAll(itArgs);
        return cmd;
    }

    static Result run(boolean asUser, Path home, Path cwd, byte[] stdin, List<String> itArgs) throws Exception {
        return run(asUser, home, cwd, stdin, itArgs, null);
    }

    /** As above; with {@code fd3} set, srt starts with descriptor 3 open for appending to that file. */
    static Result run(boolean asUser, Path home, Path cwd, byte[] stdin, List<String> itArgs, Path fd3) throws Exception {
        List<String> cmd = command(asUser, home, itArgs);
        if (fd3 != null) {
            List<String> w = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" 3>>" + fd3, "sh"));
            w.addAll(cmd);
            cmd = w;
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        } catch (IOException e) {
            // the command did not read all of it
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("srt did not finish: " + err);
        }
        to.join();
        te.join();
        return new Result(p.exitValue(), out.toByteArray(), err.toByteArray());
    }

    static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // closed
            }
        });
        t.start();
        return t;
    }

    /** Writes a template for an IR filesystem policy (everything else default) and returns its path. */
    static Path template(Path dir, List<FsRule> rules, List<ProtectRule> protects, Effect readDefault) throws IOException {
        FsPolicy fs = new FsPolicy(readDefault, Span.BUILTIN, Effect.DENY, Span.BUILTIN, rules, protects, List.of());
        Policy p = new Policy(1, List.of(), fs, new NetPolicy(List.of(), List.of(), List.of(), List.of()),
            new SyscallPolicy(Action.ALLOW, Span.BUILTIN, Action.KILL_PROCESS, Span.BUILTIN, List.of(), List.of()),
            new EnvPolicy(List.of(), List.of(), List.of()), List.of(), List.of(), List.of());
        Path t = dir.resolve("policy.json");
        Files.write(t, TemplateCodec.write(BwrapBackend.template(p)));
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
        return t;
    }

    static FsRule rule(Access a, Effect e, String path) {
        return new FsRule(a, e, new PathPattern(path), false, null, new Span("it.srt", 1, 1, 1));
    }

    static ProtectRule protect(String path) {
        return new ProtectRule(new PathPattern(path), new Span("it.srt", 2, 1, 1));
    }
}

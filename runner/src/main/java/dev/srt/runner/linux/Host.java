package dev.srt.runner.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the calling process read from /proc (no native calls on the start-up path). */
public final class Host {
    private Host() {
    }

    /** Real and effective uid from /proc/self/status. */
    public record Ids(String uid, String euid) {
        public boolean root() {
            return euid.equals("0");
        }
    }

    public static Ids ids() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    // tab-separated; no regex here, it would load java.util.regex on the start-up path
                    String[] f = line.substring(4).trim().split("\t");
                    return new Ids(f[0].trim(), f[1].trim());
                }
            }
        } catch (IOException e) {
            // fall through
        }
        throw new IllegalStateException("cannot read /proc/self/status");
    }

    /**
     * This process's pid, from the /proc/self link: ProcessHandle.current() would initialise
     * ProcessHandleImpl, which starts a thread pool, on the start-up path.
     */
    public static long pid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** The seccomp architecture name of this JVM, or null if srt has no programs for it. */
    public static String arch() {
        String a = System.getProperty("os.arch");
        if (a.equals("amd64") || a.equals("x86_64")) return "x86_64";
        if (a.equals("aarch64") || a.equals("arm64")) return "aarch64";
        return null;
    }

    /** True when this process is in the foreground process group of its controlling terminal. */
    public static boolean foregroundOfTerminal() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the parenthesised command: state ppid pgrp session tty_nr tpgid
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int tty = Integer.parseInt(f[4]);
            return tty != 0 && f[2].equals(f[5]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Finds an executable bwrap: $SRT_BWRAP, else PATH, else /usr/bin/bwrap. Looked up once per
     * process (the relays' keeper and the sandbox both need it on the start-up path).
     */
    public static Path bwrap() {
        return Bwrap.PATH;
    }

    private static final class Bwrap {
        static final Path PATH = find();
    }

    private static Path find() {
        String forced = System.getenv("SRT_BWRAP");
        if (forced != null && !forced.isEmpty()) return Path.of(forced);
        Path found = onPath("bwrap", System.getenv("PATH"));
        return found != null ? found : Path.of("/usr/bin/bwrap");
    }

    public static Path onPath(String name, String path) {
        if (path == null) path = "/usr/local/bin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }
}

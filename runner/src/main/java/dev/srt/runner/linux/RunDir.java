package dev.srt.runner.linux;

import dev.srt.runner.SrtException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private directory of one run: {@code BASE/run-PID-RANDOM} with the bwrap argument file,
 * the seccomp program, bwrap's status file and the private TMPDIR. BASE is
 * {@code $TMPDIR/srt-UID} (or /tmp), mode 0700 and owned by the caller, refused otherwise. A
 * live run holds a lock on its {@code .lock} file; a run directory whose lock can be taken
 * belongs to a dead srt (for example one killed with SIGKILL) and is removed at the next start.
 */
public final class RunDir implements AutoCloseable {
    private final Path base;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunDir(Path base, Path dir, FileChannel ch, FileLock lock) {
        this.base = base;
        this.dir = dir;
        this.lockChannel = ch;
        this.lock = lock;
    }

    public static Path baseFor(String uid) {
        String t = System.getenv("TMPDIR");
        Path root = t != null && t.startsWith("/") && Files.isDirectory(Path.of(t)) ? Path.of(t) : Path.of("/tmp");
        return root.resolve("srt-" + uid);
    }

    /** Creates the run directory after cleaning up leftovers of dead runs. */
    public static RunDir create(String uid) throws SrtException {
        Path base = baseFor(uid);
        try {
            ensureBase(base, uid);
            cleanLeftovers(base);
            Path dir = newPrivateDirectory(base, "run-" + Host.pid() + "-");
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            Files.createDirectory(dir.resolve("tmp"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new RunDir(base, dir, ch, lock);
        } catch (IOException e) {
            throw new SrtException("cannot create the run directory under " + base + ": " + e.getMessage());
        }
    }

    /**
     * A new directory, mode 0700, named {@code prefix} plus the clock in {@code parent}. Not
     * Files.createTempDirectory: its name comes from a SecureRandom, whose first use sets up the
     * JCA providers (10 ms and more of start-up). The name only has to be new: mkdir(2) fails on
     * an existing name, whoever made it, and the next name is tried.
     */
    public static Path newPrivateDirectory(Path parent, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path d = parent.resolve(prefix + Long.toHexString(System.nanoTime()));
            try {
                return Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) throw e;
            }
        }
    }

    private static void ensureBase(Path base, String uid) throws IOException, SrtException {
        try {
            Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // checked below
        }
        PosixFileAttributes a = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory() || !String.valueOf(owner).equals(uid)
            || !a.permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
            throw new SrtException("refusing to use " + base + ": it must be a directory owned by uid " + uid
                + " with mode 0700 (remove it or fix its owner and mode)");
        }
    }

    /** Removes run directories whose srt is gone. */
    static void cleanLeftovers(Path base) {
        // No "run-*" glob filter: it compiles a regular expression, a start-up cost.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path d : ds) {
                if (!d.getFileName().toString().startsWith("run-") || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) continue;
                Path lockFile = d.resolve(".lock");
                if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                    // crashed between mkdir and lock: old enough to be nobody's
                    long age = System.currentTimeMillis() - Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toMillis();
                    if (age > 60_000) deleteTree(d);
                    continue;
                }
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    FileLock l = ch.tryLock();
                    if (l == null) continue; // a live run
                    deleteTree(d);
                } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
                    // in use by this JVM or unreadable: leave it
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
    }

    public Path dir() {
        return dir;
    }

    public Path base() {
        return base;
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    /** Writes a control file readable only by the caller. */
    public Path write(String name, byte[] content) throws SrtException {
        Path p = dir.resolve(name);
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(p, content, StandardOpenOption.TRUNCATE_EXISTING);
            return p;
        } catch (IOException e) {
            throw new SrtException("cannot write " + p + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // left for the next start's cleanup
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // closed with the process anyway
        }
    }

    /** Deletes a tree without following symbolic links (a link is removed, never its target). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // the sandbox may have left a directory without write or search permission
                try {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                } catch (IOException e) {
                    // try anyway
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

package dev.srt.backend.bwrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link FsView} of the real filesystem, as the calling user sees it. */
public final class HostFs implements FsView {
    @Override
    public Kind kind(String path) {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) return Kind.DIR;
        return Files.exists(p) ? Kind.OTHER : Kind.MISSING;
    }

    /** File systems whose directory link count is 2 + the number of subdirectories (ext4: up to 65000). */
    private static final java.util.Set<String> NLINK_EXACT = java.util.Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");
    private final java.util.Map<Object, Boolean> trustedDevices = new java.util.HashMap<>();

    @Override
    public List<Entry> list(String dir) {
        // java.io.File: names only, then one stat per entry (no Path or attribute objects): the
        // glob walk visits every entry of the searched trees. A directory whose link count is 2 on
        // a file system that counts subdirectories exactly has none, so its entries need no stat
        // (the classic find(1) leaf optimisation); any other file system, or a mount inside the
        // walk, gets a stat per entry.
        String[] names = new File(dir).list();
        if (names == null) return List.of();
        // The nlink shortcut needs the file system's type (FileStore parses the mount table): worth it
        // only where it spares many stat calls.
        boolean leaf = names.length > LEAF_CHECK_MIN && leaf(dir);
        List<Entry> out = new ArrayList<>(names.length);
        String base = dir.endsWith("/") ? dir : dir.concat("/");
        for (String name : names) {
            File f = new File(base.concat(name));
            // A name the JVM cannot represent (not valid in the locale's encoding) comes back with
            // replacement characters; a mount planned at that spelling would miss the real file.
            if ((name.indexOf('?') >= 0 || name.indexOf('\uFFFD') >= 0) && !f.exists() && !Files.isSymbolicLink(f.toPath())) {
                throw new UnrepresentableNameException(base + name);
            }
            boolean isDir = !leaf && f.isDirectory() && !Files.isSymbolicLink(f.toPath());
            out.add(new Entry(name, isDir));
        }
        return out;
    }

    private static final int LEAF_CHECK_MIN = 32;

    private boolean leaf(String dir) {
        try {
            java.util.Map<String, Object> a = Files.readAttributes(Path.of(dir), "unix:nlink,dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Object nlink = a.get("nlink");
            if (!(nlink instanceof Integer) || (Integer) nlink != 2) return false;
            Object dev = a.get("dev");
            Boolean trusted = trustedDevices.get(dev);
            if (trusted == null) {
                trusted = NLINK_EXACT.contains(Files.getFileStore(Path.of(dir)).type());
                trustedDevices.put(dev, trusted);
            }
            return trusted;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Refused rather than mis-planned: see {@link #list}. */
    public static final class UnrepresentableNameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnrepresentableNameException(String path) {
            super("a file name under " + path.substring(0, path.lastIndexOf('/')) + " is not valid in the file-name encoding ("
                + System.getProperty("sun.jnu.encoding", "unknown") + "), so no mount can be planned for it: rename it, or run "
                + "srt in the locale the name was written in");
        }
    }

    @Override
    public String readLink(String path) {
        try {
            Path p = Path.of(path);
            return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String realPath(String path) {
        // java.io.File resolves links in the longest existing prefix and keeps a missing remainder,
        // in one native call and without an exception per missing component.
        try {
            return new File(path).getCanonicalPath();
        } catch (IOException e) {
            return path;
        }
    }
}

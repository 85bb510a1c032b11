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

    @Override
    public List<Entry> list(String dir) {
        // java.io.File: names only, then one lstat per entry (no Path or attribute objects):
        // the glob walk visits every entry of the searched trees.
        String[] names = new File(dir).list();
        if (names == null) return List.of();
        List<Entry> out = new ArrayList<>(names.length);
        String base = dir.endsWith("/") ? dir : dir.concat("/");
        for (String name : names) {
            File f = new File(base.concat(name));
            // A name the JVM cannot represent (not valid in the locale's encoding) comes back with
            // replacement characters; a mount planned at that spelling would miss the real file.
            if ((name.indexOf('?') >= 0 || name.indexOf('\uFFFD') >= 0) && !f.exists() && !Files.isSymbolicLink(f.toPath())) {
                throw new UnrepresentableNameException(base + name);
            }
            boolean isDir = f.isDirectory() && !Files.isSymbolicLink(f.toPath());
            out.add(new Entry(name, isDir));
        }
        return out;
    }

    /** Refused rather than mis-planned: see {@link #list}. */
    public static final class UnrepresentableNameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnrepresentableNameException(String path) {
            super("a file name under " + path.substring(0, path.lastIndexOf('/')) + " cannot be represented in this "
                + "locale's encoding; run srt with a UTF-8 locale (e.g. LANG=C.UTF-8)");
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

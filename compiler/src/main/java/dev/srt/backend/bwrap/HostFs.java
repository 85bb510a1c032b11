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
        String base = dir.endsWith("/") ? dir : dir + "/";
        for (String name : names) {
            File f = new File(base + name);
            boolean isDir = f.isDirectory() && !Files.isSymbolicLink(f.toPath());
            out.add(new Entry(name, isDir));
        }
        return out;
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
        Path p = Path.of(path);
        Path rest = null;
        while (p != null) {
            try {
                Path real = p.toRealPath();
                return (rest == null ? real : real.resolve(rest)).toString();
            } catch (IOException e) {
                Path name = p.getFileName();
                if (name == null) break;
                rest = rest == null ? name : name.resolve(rest);
                p = p.getParent();
            }
        }
        return path;
    }
}

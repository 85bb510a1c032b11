package dev.srt.backend.bwrap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
            for (Path c : ds) {
                boolean isDir;
                try {
                    isDir = Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
                } catch (IOException e) {
                    isDir = false;
                }
                out.add(new Entry(c.getFileName().toString(), isDir));
            }
        } catch (IOException | SecurityException e) {
            return List.of();
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

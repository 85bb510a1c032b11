package dev.srt.backend.bwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory file tree without symbolic links, for the mount-plan proofs. */
final class MemoryFs implements FsView {
    private final Map<String, Boolean> entries = new TreeMap<>(); // path -> is directory

    MemoryFs() {
        entries.put("/", true);
    }

    MemoryFs dir(String path) {
        add(path, true);
        return this;
    }

    MemoryFs file(String path) {
        add(path, false);
        return this;
    }

    private void add(String path, boolean dir) {
        String parent = MountPlanner.parent(path);
        if (!entries.containsKey(parent)) add(parent, true);
        if (!entries.get(parent)) throw new IllegalArgumentException("parent is a file: " + path);
        entries.putIfAbsent(path, dir);
    }

    boolean exists(String p) {
        return entries.containsKey(p);
    }

    boolean isDir(String p) {
        return Boolean.TRUE.equals(entries.get(p));
    }

    @Override
    public Kind kind(String path) {
        Boolean d = entries.get(path);
        return d == null ? Kind.MISSING : d ? Kind.DIR : Kind.OTHER;
    }

    @Override
    public List<Entry> list(String dir) {
        List<Entry> out = new ArrayList<>();
        String pre = dir.equals("/") ? "/" : dir + "/";
        for (Map.Entry<String, Boolean> e : entries.entrySet()) {
            String p = e.getKey();
            if (p.startsWith(pre) && p.length() > pre.length() && p.indexOf('/', pre.length()) < 0) {
                out.add(new Entry(p.substring(pre.length()), e.getValue()));
            }
        }
        return out;
    }

    @Override
    public String realPath(String path) {
        return path;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Boolean> e : entries.entrySet()) b.append(e.getKey()).append(e.getValue() ? "/" : "").append('\n');
        return b.toString();
    }
}

package dev.srt.backend.bwrap;

import java.util.List;

/**
 * What the mount planner needs to know about a file tree: the host filesystem at run time
 * ({@link HostFs}) or an in-memory tree in the proofs. Paths are absolute and normalised.
 */
public interface FsView {
    /** What is at a path, following symbolic links. */
    enum Kind { MISSING, DIR, OTHER }

    Kind kind(String path);

    /** A directory entry: its name and whether it is a directory (symbolic links are not). */
    record Entry(String name, boolean dir) {
    }

    /** The entries of a directory; empty when it cannot be listed. */
    List<Entry> list(String dir);

    /**
     * The path with every symbolic link in its existing part resolved; a missing remainder is
     * appended unchanged.
     */
    String realPath(String path);

    /** The target text of a symbolic link at {@code path}, or null when it is not one. */
    default String readLink(String path) {
        return null;
    }
}

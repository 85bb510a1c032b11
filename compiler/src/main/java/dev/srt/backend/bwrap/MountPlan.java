package dev.srt.backend.bwrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The filesystem part of one sandbox for one run: the ordered mounts (ancestors first, so a
 * later mount is never hidden by an earlier one), what each glob expanded to, and the places
 * where the mounts are stricter than the policy (locked directories, grants on missing paths).
 *
 * @param base        how the root is mounted (read-write, read-only or hidden)
 * @param mounts      mounts in bwrap order, after the root
 * @param anywhere    where globs that may match anywhere (leading **) were searched: the
 *                    working and temporary directories and the writable trees
 * @param expansions  for each glob rule, the paths it matched at start
 * @param locked      directories made read-only because a protected or denied path inside a
 *                    writable tree does not exist yet: no new entry can be created in them
 * @param uncreatable write grants on paths that do not exist inside a read-only tree
 * @param visited     entries the glob walk visited
 */
public record MountPlan(ResolvedRules.State base, List<Mount> mounts, List<Link> links, List<String> anywhere,
                        List<Expansion> expansions,
                        List<Locked> locked, List<String> uncreatable, int visited) {
    public MountPlan {
        mounts = List.copyOf(mounts);
        links = List.copyOf(links);
        anywhere = List.copyOf(anywhere);
        expansions = List.copyOf(expansions);
        locked = List.copyOf(locked);
        uncreatable = List.copyOf(uncreatable);
    }

    /** One mount point and what the sandbox sees there. */
    public record Mount(String path, Kind kind, String why) {
    }

    public enum Kind {
        /** the host tree, writable */
        BIND_RW,
        /** the host tree, read-only */
        BIND_RO,
        /** an empty read-only tmpfs with no permissions: contents hidden */
        HIDE_DIR,
        /** /dev/null bound read-only: on a nodev mount, opening it fails with EACCES */
        HIDE_FILE
    }

    /**
     * A symbolic link a rule names (e.g. /bin -> usr/bin on merged-/usr systems) recreated inside
     * a hidden tree, so the allowed target stays reachable under the name the rule used.
     */
    public record Link(String path, String target) {
    }

    /** What one glob rule matched when the sandbox started. */
    public record Expansion(String rule, String pattern, List<String> matches) {
    }

    /** A directory locked because {@code missing} (denied, not yet existing) lies inside it. */
    public record Locked(String dir, String missing) {
    }

    /** The mount arguments, in order: root, then each mount, then read-only remounts. */
    public List<BwrapArgs.Arg> args(List<BwrapArgs.Arg> afterRoot) {
        List<BwrapArgs.Arg> out = new ArrayList<>();
        if (base.read()) out.add(new BwrapArgs.Bind(base.write(), "/", "/"));
        out.addAll(afterRoot);
        List<BwrapArgs.Arg> remounts = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            switch (m.kind()) {
                case BIND_RW:
                    out.add(new BwrapArgs.Bind(true, m.path(), m.path()));
                    break;
                case BIND_RO:
                    out.add(new BwrapArgs.Bind(false, m.path(), m.path()));
                    break;
                case HIDE_FILE:
                    out.add(new BwrapArgs.Bind(false, "/dev/null", m.path()));
                    break;
                case HIDE_DIR:
                    // 0111: the program may pass through to re-allowed paths below, not list them;
                    // 0000 when nothing below is re-allowed. Remounted read-only after the mounts
                    // below it exist, so the program cannot chmod it or create entries.
                    out.add(new BwrapArgs.Tmpfs(hasMountBelow(i) ? "0111" : "0000", m.path()));
                    remounts.add(new BwrapArgs.RemountRo(m.path()));
                    break;
                default:
                    throw new IllegalStateException(m.kind().toString());
            }
        }
        for (Link l : links) out.add(new BwrapArgs.Symlink(l.target(), l.path()));
        out.addAll(remounts);
        // Without a readable root, bwrap's root is a tmpfs: make it read-only too.
        if (!base.read()) out.add(new BwrapArgs.RemountRo("/"));
        return out;
    }

    private boolean hasMountBelow(int i) {
        String p = mounts.get(i).path();
        for (int j = i + 1; j < mounts.size(); j++) if (GlobWalk.isUnder(mounts.get(j).path(), p) && !mounts.get(j).path().equals(p)) return true;
        return false;
    }
}

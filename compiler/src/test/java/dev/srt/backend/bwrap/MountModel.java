package dev.srt.backend.bwrap;

import java.util.List;

/**
 * What a program inside the sandbox sees, computed from a {@link MountPlan} the way the kernel
 * resolves mounts: the last mount (in bwrap's order) whose mount point is the path or one of
 * its ancestors decides; a hidden directory or file shows none of the host's content.
 */
final class MountModel {
    private final MountPlan plan;

    MountModel(MountPlan plan) {
        this.plan = plan;
    }

    private ResolvedRules.State governing(String path) {
        List<MountPlan.Mount> ms = plan.mounts();
        for (int i = ms.size() - 1; i >= 0; i--) {
            MountPlan.Mount m = ms.get(i);
            if (GlobWalk.isUnder(path, m.path())) {
                switch (m.kind()) {
                    case BIND_RW: return new ResolvedRules.State(true, true);
                    case BIND_RO: return new ResolvedRules.State(true, false);
                    default: return new ResolvedRules.State(false, false);
                }
            }
        }
        return plan.base();
    }

    /** The host content at an existing path can be read. */
    boolean read(String path) {
        return governing(path).read();
    }

    /** An existing path can be changed, or a missing one created (its parent's mount decides). */
    boolean write(String path) {
        return governing(path).write();
    }
}

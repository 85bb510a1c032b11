package dev.srt.backend.bwrap;

import dev.srt.ir.PathSyntax;
import dev.srt.ir.Paths;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import dev.srt.verify.Layer;
import java.util.Optional;

/**
 * {@code srtc test} and {@code srtc query} through the bubblewrap mount plan: the template
 * stored in compiled.bin is planned, as {@code srt run} plans it at start, over an in-memory
 * tree holding the probed path (as an existing file) and the policy's own rule paths, in the
 * test context; the read or write is then decided by the planned mounts the way the kernel
 * resolves them ({@link MountModel}). Paths under /proc and /dev (bwrap's own fresh mounts),
 * hosts, unix sockets, binding and system calls are other layers' concern.
 */
public final class BwrapLayer implements Layer {
    @Override
    public String name() {
        return "bwrap";
    }

    @Override
    public Optional<Verdict> decide(Policy policy, Probe probe) {
        String path;
        boolean write;
        if (probe instanceof Probe.Read) {
            path = ((Probe.Read) probe).path();
            write = false;
        } else if (probe instanceof Probe.Write) {
            path = ((Probe.Write) probe).path();
            write = true;
        } else {
            return Optional.empty();
        }
        RuntimeContext ctx = RuntimeContext.TEST;
        String p = Paths.normalize(PathSyntax.resolveConcrete(path, ctx));
        // bwrap mounts a fresh /proc and /dev of its own (--proc, --dev): the plan does not decide them.
        if (GlobWalk.isUnder(p, "/proc") || GlobWalk.isUnder(p, "/dev")) return Optional.empty();
        MemoryFs fs = new MemoryFs().dir(ctx.home()).dir(ctx.cwd()).dir(ctx.tmp());
        if (!p.equals("/")) fs.file(p);
        BwrapTemplate t = BwrapBackend.template(policy);
        MountPlan plan;
        try {
            plan = MountPlanner.plan(t, ctx, fs, 100_000);
        } catch (GlobWalk.LimitExceeded e) {
            return Optional.of(new Verdict("error: " + e.getMessage(), "-"));
        }
        MountModel view = new MountModel(plan);
        boolean ok = write ? view.write(p) : view.read(p);
        return Optional.of(new Verdict(ok ? "allow" : "deny", "bwrap mount plan (" + (write ? "write " : "read ") + p + ")"));
    }
}

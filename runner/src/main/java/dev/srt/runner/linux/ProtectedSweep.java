package dev.srt.runner.linux;

import dev.srt.backend.bwrap.BwrapTemplate;
import dev.srt.backend.bwrap.GlobWalk;
import dev.srt.backend.bwrap.HostFs;
import dev.srt.backend.bwrap.MountPlan;
import dev.srt.backend.bwrap.MountPlanner;
import dev.srt.backend.bwrap.ResolvedRules;
import dev.srt.ir.Access;
import dev.srt.ir.Effect;
import dev.srt.ir.RuntimeContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After the command has exited, removes what it created at a path a protect or write-deny
 * glob names. bwrap can only mount over paths that exist, and srt never puts placeholder files
 * on the host, so such a path that did not exist at start could be created during the run;
 * this puts the tree back as the policy demands and reports it. It runs when the whole sandbox
 * is gone (PID namespace ended), so nothing inside can race it; it does not run when srt itself
 * is killed with SIGKILL.
 */
public final class ProtectedSweep {
    private final BwrapTemplate template;
    private final RuntimeContext ctx;
    private final int walkLimit;
    private final Set<String> guarded = new HashSet<>();
    private final List<MountPlan.Expansion> before;

    ProtectedSweep(BwrapTemplate template, RuntimeContext ctx, MountPlan start, int walkLimit) {
        this.template = template;
        this.ctx = ctx;
        this.walkLimit = walkLimit;
        ResolvedRules rr = new ResolvedRules(template, ctx);
        for (ResolvedRules.Rule r : rr.protects()) if (r.glob()) guarded.add(r.text());
        for (ResolvedRules.Rule r : rr.rules()) {
            if (r.glob() && r.access() == Access.WRITE && r.effect() == Effect.DENY) guarded.add(r.text());
        }
        this.before = start.expansions();
    }

    /** True when the policy has rules this sweep looks after. */
    public boolean needed() {
        return !guarded.isEmpty();
    }

    /** Finds and removes protected paths created during the run; returns what was removed. */
    public List<String> afterExit(PrintStream err) {
        List<String> removed = new ArrayList<>();
        if (!needed()) return removed;
        MountPlan now;
        try {
            now = MountPlanner.plan(template, ctx, new HostFs(), walkLimit);
        } catch (GlobWalk.LimitExceeded | RuntimeException e) {
            err.println("srt: warning: could not check for protected files created during the run: " + e.getMessage());
            return removed;
        }
        for (MountPlan.Expansion x : now.expansions()) {
            if (!guarded.contains(x.rule())) continue;
            Set<String> old = new HashSet<>();
            for (MountPlan.Expansion b : before) if (b.rule().equals(x.rule())) old.addAll(b.matches());
            for (String m : x.matches()) {
                if (old.contains(m) || underAny(m, removed)) continue;
                Path p = Path.of(m);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
                try {
                    delete(p);
                    removed.add(m);
                    err.println("srt: removed " + m + ": created during the run, but " + x.rule() + " forbids it");
                } catch (IOException e) {
                    err.println("srt: warning: " + m + " was created during the run against " + x.rule()
                        + " and could not be removed: " + e.getMessage());
                }
            }
        }
        return removed;
    }

    /** Deletes a file, link or tree without following symbolic links. */
    private static void delete(Path p) throws IOException {
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean underAny(String path, java.util.Collection<String> roots) {
        for (String r : roots) if (GlobWalk.isUnder(path, r)) return true;
        return false;
    }
}

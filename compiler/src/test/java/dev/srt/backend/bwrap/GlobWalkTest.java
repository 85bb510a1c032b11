package dev.srt.backend.bwrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srt.ir.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One walk for all globs: matches, pruning, roots, skipped trees and the entry limit. */
class GlobWalkTest {
    static final MemoryFs FS = new MemoryFs().file("/w/a.pem").file("/w/sub/b.pem").file("/w/sub/c.txt")
        .file("/w/deep/x/y/z.pem").file("/proc/1/k.pem").file("/other/o.pem").dir("/w/.git/hooks");

    static GlobWalk.Job job(String pattern, String... roots) {
        return new GlobWalk.Job(Paths.segments(pattern), List.of(roots));
    }

    @Test
    void expandsAllGlobsInOneWalk() throws Exception {
        GlobWalk.Result r = GlobWalk.expand(List.of(job("/**/*.pem", "/w"), job("/w/*/b.pem", "/w"), job("/**/.git/hooks", "/w")),
            FS, 1000);
        assertEquals(List.of("/w/a.pem", "/w/deep/x/y/z.pem", "/w/sub/b.pem"), r.matches().get(0).stream().sorted().toList());
        assertEquals(List.of("/w/sub/b.pem"), r.matches().get(1));
        assertEquals(List.of("/w/.git/hooks"), r.matches().get(2));
        // /other and /proc are not searched: not under the roots, and /proc is skipped anyway
        GlobWalk.Result all = GlobWalk.expand(List.of(job("/**/*.pem", "/")), FS, 1000);
        assertEquals(List.of("/other/o.pem", "/w/a.pem", "/w/deep/x/y/z.pem", "/w/sub/b.pem"),
            all.matches().get(0).stream().sorted().toList());
    }

    @Test
    void prunesSubtreesNoPatternCanMatch() throws Exception {
        GlobWalk.Result r = GlobWalk.expand(List.of(job("/w/sub/*.txt", "/w/sub")), FS, 1000);
        assertEquals(List.of("/w/sub/c.txt"), r.matches().get(0));
        assertEquals(2, r.visited()); // only /w/sub's two entries
    }

    @Test
    void refusesRatherThanExpandingPartially() {
        assertThrows(GlobWalk.LimitExceeded.class, () -> GlobWalk.expand(List.of(job("/**/*.pem", "/")), FS, 3));
    }
}

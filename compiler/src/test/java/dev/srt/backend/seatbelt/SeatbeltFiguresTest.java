package dev.srt.backend.seatbelt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.Lowered;
import dev.srt.check.Frontend;
import dev.srt.check.Loader;
import dev.srt.ir.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Figures for docs/macos.md, written to target/seatbelt-figures.txt (bench/seatbelt-figures.sh):
 * profile size and rule count per golden policy, lowering time, and the cost of one decision in
 * the test evaluator. Times are printed, never asserted; the size bound is asserted, because a
 * profile that grows without bound would mean the depth encoding exploded.
 */
class SeatbeltFiguresTest {
    @Test
    void figures() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(String.format("%-20s %8s %6s %12s", "policy", "bytes", "rules", "lower (ms)"));
        try (var files = Files.list(SeatbeltGoldenTest.DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".srt")).sorted().toList()) {
                Frontend.Result r = Frontend.compile(Loader.Input.file(p));
                Policy policy = r.policy();
                SeatbeltBackend b = new SeatbeltBackend();
                Lowered l = b.lower(policy);
                long rules = l.readable().lines().filter(s -> s.startsWith("(")).count();
                assertTrue(l.readable().length() < 64 * 1024, p + " profile is " + l.readable().length() + " bytes");
                for (int i = 0; i < 200; i++) b.lower(policy);
                long[] t = new long[15];
                for (int k = 0; k < t.length; k++) {
                    long s = System.nanoTime();
                    for (int i = 0; i < 20; i++) b.lower(policy);
                    t[k] = (System.nanoTime() - s) / 20;
                }
                Arrays.sort(t);
                out.add(String.format("%-20s %8d %6d %12.3f", p.getFileName(), l.readable().length(), rules, t[t.length / 2] / 1e6));
            }
        }
        Policy dev = Frontend.compile(Loader.Input.file(SeatbeltGoldenTest.DIR.resolve("developer.srt"))).policy();
        SeatbeltHarness h = SeatbeltHarness.of(dev);
        for (int i = 0; i < 2000; i++) h.sbRead("/home/user/work/src/f" + (i % 40) + ".pem");
        long s = System.nanoTime();
        int n = 20000;
        for (int i = 0; i < n; i++) h.sbWrite("/home/user/work/src/f" + (i % 40) + ".pem");
        out.add(String.format("test evaluator, one write decision on developer.sb: %.1f us", (System.nanoTime() - s) / 1e3 / n));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/seatbelt-figures.txt"), out);
    }
}

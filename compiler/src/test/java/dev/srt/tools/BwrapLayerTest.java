package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.bwrap.BwrapLayer;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.testkit.Compile;
import dev.srt.verify.ExpectationRunner;
import dev.srt.verify.IrLayer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** srtc test's bwrap layer: the planned mounts decide reads and writes like the IR, and its approximations show. */
class BwrapLayerTest {
    static final Policy P = Compile.ok("srt 1\nfilesystem {\n  read deny \"~/.ssh\"\n  read allow \"~/.ssh/known_hosts\"\n"
        + "  write allow \".\", \"${tmp}\"\n  write deny \"./.env\"\n  protect \"**/.bashrc\"\n}\n");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "read, ~/.ssh/id_rsa, deny", "read, ~/.ssh/known_hosts, allow", "read, /etc/hosts, allow",
        "write, ./src/a.c, allow", "write, ./.env, deny", "write, ./sub/.bashrc, deny", "write, /tmp/srt/x, allow",
        "write, /etc/passwd, deny", "write, ~/.ssh/known_hosts, deny",
    })
    void agreesWithTheIr(String op, String path, String verdict) {
        Probe probe = op.equals("read") ? new Probe.Read(path) : new Probe.Write(path);
        String bw = new BwrapLayer().decide(P, probe).orElseThrow().verdict();
        assertEquals(verdict, bw, probe.render());
        assertEquals(new IrLayer().decide(P, probe).orElseThrow().verdict(), bw);
    }

    @Test
    void procDevHostsAndCallsAreNotItsConcern() {
        BwrapLayer l = new BwrapLayer();
        assertTrue(l.decide(P, new Probe.Read("/proc/self/status")).isEmpty());
        assertTrue(l.decide(P, new Probe.Connect("a.com", 443)).isEmpty());
        assertTrue(l.decide(P, new Probe.Unix("/run/a.sock")).isEmpty());
        assertTrue(l.decide(P, new Probe.Syscall("ptrace", List.of())).isEmpty());
    }

    @Test
    void aLeadingGlobOutsideTheSearchedTreesShowsAsADifference() {
        // The planner looks for "**/x" matches in the working directory and the writable trees
        // only (documented); an expectation elsewhere fails on the bwrap layer alone.
        Policy p = Compile.ok("srt 1\nfilesystem {\n  read deny \"**/secret.txt\"\n}\nexpect deny read \"/opt/app/secret.txt\"\n");
        ExpectationRunner.Outcome o = new ExpectationRunner(List.of(new IrLayer(), new BwrapLayer())).run(p).get(0);
        assertEquals(false, o.passed());
        assertEquals(true, o.answers().get(0).matches());
        assertEquals("bwrap", o.answers().get(1).layer());
        assertEquals("allow", o.answers().get(1).verdict().verdict());
    }
}

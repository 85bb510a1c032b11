package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.backend.seatbelt.SeatbeltLayer;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.testkit.Compile;
import dev.srt.verify.IrLayer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** srtc test's Seatbelt layer: the printed profile decides files, unix sockets and binding like the IR. */
class SeatbeltLayerTest {
    static final Policy P = Compile.ok("srt 1\nfilesystem {\n  read deny \"~/.ssh\"\n  read allow \"~/.ssh/known_hosts\"\n"
        + "  write allow \".\", \"${tmp}\"\n  write deny \"./.env\"\n  protect \"**/.bashrc\"\n}\n"
        + "network {\n  allow unix \"/run/user/${uid}/a.sock\"\n  allow bind 8080 because \"dev server\"\n}\n");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "read, ~/.ssh/id_rsa, deny", "read, ~/.ssh/known_hosts, allow", "read, /etc/hosts, allow",
        "write, ./src/a.c, allow", "write, ./.env, deny", "write, ./sub/.bashrc, deny", "write, /tmp/srt/x, allow",
        "write, /etc/passwd, deny", "unix, /run/user/1000/a.sock, allow", "unix, /var/run/docker.sock, deny",
    })
    void agreesWithTheIr(String op, String path, String verdict) {
        Probe probe = op.equals("read") ? new Probe.Read(path) : op.equals("write") ? new Probe.Write(path) : new Probe.Unix(path);
        String sb = new SeatbeltLayer().decide(P, probe).orElseThrow().verdict();
        assertEquals(verdict, sb, probe.render());
        assertEquals(new IrLayer().decide(P, probe).orElseThrow().verdict(), sb);
    }

    @Test
    void bindFollowsTheProfileAndHostsAndCallsAreNotItsConcern() {
        SeatbeltLayer l = new SeatbeltLayer();
        assertEquals("allow", l.decide(P, new Probe.Bind(8080)).orElseThrow().verdict());
        assertEquals("deny", l.decide(P, new Probe.Bind(9090)).orElseThrow().verdict());
        assertTrue(l.decide(P, new Probe.Connect("a.com", 443)).isEmpty());
        assertTrue(l.decide(P, new Probe.Syscall("ptrace", List.of())).isEmpty());
    }
}

package dev.srt.runner.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Denials mapped back to the rule that refused them; ignore rules honoured per command. */
class ViolationMapperTest {
    private static List<Optional<Violation>> mapped(String command) throws Exception {
        ViolationMapper m = new ViolationMapper(MacTestPolicy.policy(), MacTestPolicy.MAC, command);
        return DenialParserTest.denials().stream().map(m::map).toList();
    }

    @Test
    void eachDenialNamesItsRule() throws Exception {
        List<Optional<Violation>> v = mapped("python3 app.py");
        Violation ssh = v.get(0).orElseThrow();
        assertEquals("read deny \"${home}/.ssh\"", ssh.rule());
        assertTrue(ssh.where().startsWith("std:default:"), ssh.where());
        assertEquals("python3[1234]", ssh.process());
        assertEquals("file-read-data /Users/alice/.ssh/id_rsa", ssh.target());
        assertEquals("python3 app.py", ssh.command());
        assertEquals("protect \"/**/.bashrc\"", v.get(1).orElseThrow().rule());
        assertTrue(v.get(1).orElseThrow().where().startsWith("std:protected:"));
        assertEquals("protect \"/**/.gitconfig\"", v.get(2).orElseThrow().rule());
        assertEquals(ViolationMapper.DIRECT_NETWORK_RULE, v.get(3).orElseThrow().rule());
        assertEquals("unix sockets default deny", v.get(4).orElseThrow().rule());
        assertEquals("local binding default deny", v.get(5).orElseThrow().rule());
        assertEquals(ViolationMapper.DEFAULT_RULE, v.get(6).orElseThrow().rule());
        assertEquals("write default deny", v.get(7).orElseThrow().rule());
        assertEquals("read deny \"${home}/.aws\"", v.get(8).orElseThrow().rule());
        assertEquals("read deny \"${home}/.ssh\"", v.get(9).orElseThrow().rule());
    }

    @Test
    void ignoreRulesApplyToTheirCommandsOnly() throws Exception {
        List<Optional<Violation>> git = mapped("git push origin main");
        assertTrue(git.get(9).isEmpty(), "ignore \".ssh/config\" for \"git *\"");
        assertTrue(git.get(0).isPresent(), "the ignore names .ssh/config, not id_rsa");
        assertTrue(mapped("ssh host").get(9).isPresent(), "other commands still report it");
    }

    @Test
    void aPathTheProfileSawUnderPrivateMapsToThePolicysSpelling() throws Exception {
        String text = "srt 1\nfilesystem {\n  read deny \"/etc/secret\"\n}\n";
        var r = dev.srt.check.Frontend.compile(dev.srt.check.Loader.Input.text("p.srt", text, null));
        ViolationMapper m = new ViolationMapper(r.policy(), MacTestPolicy.MAC, "cat /etc/secret/x");
        Violation v = m.map(new Denial(java.time.Instant.EPOCH, "cat", 7, "file-read-data", "/private/etc/secret/x")).orElseThrow();
        assertEquals("read deny \"/etc/secret\"", v.rule());
        assertEquals("p.srt:3:13", v.where());
    }

    @Test
    void anAllowedSocketBelowPrivateIsNotBlamedOnThePolicy() throws Exception {
        String text = "srt 1\nnetwork {\n  allow unix \"/var/run/agent.sock\"\n}\n";
        var r = dev.srt.check.Frontend.compile(dev.srt.check.Loader.Input.text("p.srt", text, null));
        ViolationMapper m = new ViolationMapper(r.policy(), MacTestPolicy.MAC, "ssh-add -l");
        assertEquals(ViolationMapper.BASELINE_RULE,
            m.map(new Denial(java.time.Instant.EPOCH, "ssh-add", 7, "network-outbound", "/private/var/run/agent.sock")).orElseThrow().rule());
        assertEquals("unix sockets default deny",
            m.map(new Denial(java.time.Instant.EPOCH, "ssh-add", 7, "network-outbound", "/private/var/run/other.sock")).orElseThrow().rule());
    }
}

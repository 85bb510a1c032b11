package dev.srt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srt.syntax.Source;
import dev.srt.tools.fmt.Formatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Readable examples of the canonical layout ({@code |} stands for a line break). */
class FormatterExamplesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
        "indentation and spacing; srt 1|network {|allow   \"a.com\",\"b.com\"|}|; srt 1||network {|  allow \"a.com\", \"b.com\"|}|",
        "blank lines around blocks, at most one elsewhere; srt 1|include std:default|filesystem {|write allow \".\"||||write deny \"./.env\"|}|expect deny write \"./.env\"|;"
            + " srt 1||include std:default||filesystem {|  write allow \".\"||  write deny \"./.env\"|}||expect deny write \"./.env\"|",
        "trailing comments aligned in a run; srt 1|filesystem {|write allow \".\" # a|read deny \"~/.ssh\" # b||write deny \"x\" # c|}|;"
            + " srt 1||filesystem {|  write allow \".\"     # a|  read deny \"~/.ssh\"  # b||  write deny \"x\"  # c|}|",
        "own-line comments stay before their statement; srt 1|syscalls {|  # why|errno EPERM ptrace|  # end|}|;"
            + " srt 1||syscalls {|  # why|  errno EPERM ptrace|  # end|}|",
        "conditions and actions; srt 1|syscalls {|errno EPERM socket(domain==AF_UNIX)unless unix-sockets|optional kill-process kexec_file_load|}|;"
            + " srt 1||syscalls {|  errno EPERM socket(domain == AF_UNIX) unless unix-sockets|  optional kill-process kexec_file_load|}|",
        "a continuation line is joined; srt 1|network {|allow \"a.com\", \\|  \"b.com\"|}|; srt 1||network {|  allow \"a.com\", \"b.com\"|}|",
    })
    void layout(String name, String input, String expected) {
        String in = input.replace('|', '\n');
        String out = Formatter.format(new Source("t.srt", in)).text();
        assertEquals(expected.replace('|', '\n'), out, name);
    }

    @org.junit.jupiter.api.Test
    void longListsWrapAfterACommaAndContinueFourSpacesIn() {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 8; i++) hosts.append(i > 0 ? ", " : "").append("\"host-number-").append(i).append(".example.com:443\"");
        String out = Formatter.format(new Source("t.srt", "srt 1\nnetwork {\n  allow " + hosts + "\n}\n")).text();
        for (String line : out.split("\n")) assertEquals(true, line.length() <= 100, line);
        String[] lines = out.split("\n");
        assertEquals("  allow \"host-number-0.example.com:443\", \"host-number-1.example.com:443\",", lines[3]);
        for (int i = 4; i < lines.length - 1; i++) assertEquals(true, lines[i].startsWith("      \"host-number-"), lines[i]);
        assertEquals(out.replaceAll(",\n +", ", "), "srt 1\n\nnetwork {\n  allow " + hosts + "\n}\n");
    }
}

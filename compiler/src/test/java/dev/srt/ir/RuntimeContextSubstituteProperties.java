package dev.srt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link RuntimeContext#substitute} scans by hand; the regular expression below states what it
 * must do, and random texts made of variable-like pieces must come out the same from both.
 */
class RuntimeContextSubstituteProperties {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(home|cwd|tmp|uid|user|env:([A-Za-z_][A-Za-z0-9_]*))}");
    private static final RuntimeContext CTX = new RuntimeContext("/h", "/w$1", "/t\\x", "7", "u",
        Map.of("A", "a", "_B9", "${home}", "PATH", "/bin"));

    @Property(tries = 3000)
    void sameAsTheRegularExpression(@ForAll("texts") String text) {
        assertEquals(outcome(text, true), outcome(text, false), text);
    }

    @Test
    void examples() {
        assertEquals("/h/.ssh", CTX.substitute("${home}/.ssh"));
        assertEquals("/w$1//t\\x", CTX.substitute("${cwd}/${tmp}"));
        assertEquals("7-u", CTX.substitute("${uid}-${user}"));
        assertEquals("${home}", CTX.substitute("${env:_B9}"), "a value is not substituted again");
        assertEquals("$${home", CTX.substitute("$${home"));
        assertEquals("${HOME}${env:9A}${env:}${ home}", CTX.substitute("${HOME}${env:9A}${env:}${ home}"));
        assertEquals("${/h", CTX.substitute("${${home}"));
        assertThrows(RuntimeContext.UnsetVariableException.class, () -> CTX.substitute("${env:NOPE}"));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.of("${", "}", "$", "{", "home", "cwd", "tmp", "uid", "user", "users", "env:", "A",
            "_B9", "PATH", "9", "-", "/", "${home}", "${env:A}", "${env:PATH}", "${ho", "x", " ", "\\", "$1");
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    /** The substituted text, or which variable was unset. */
    private static String outcome(String text, boolean reference) {
        try {
            return reference ? reference(text) : CTX.substitute(text);
        } catch (RuntimeContext.UnsetVariableException e) {
            return "unset: " + e.getMessage();
        }
    }

    private static String reference(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = m.group(2) != null ? CTX.env().get(m.group(2)) : Map.of("home", CTX.home(), "cwd", CTX.cwd(), "tmp",
                CTX.tmp(), "uid", CTX.uid(), "user", CTX.user()).get(m.group(1));
            if (v == null) throw new RuntimeContext.UnsetVariableException(m.group(2));
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}

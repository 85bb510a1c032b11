package dev.srt.backend.seatbelt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srt.ir.Glob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Glob segments translated to POSIX regular expressions match exactly the names
 * {@link Glob#segmentMatches} matches, including every metacharacter and bracket corner case;
 * and the test's regex engine follows re_format(7) where it differs from java.util.regex.
 */
class GlobRxTest {
    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab*?[]!^-.\\$()|+{}/").ofMaxLength(7).filter(g -> g.indexOf('/') < 0);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab*?[]!^-.\\$()|+{}").ofMaxLength(5);
    }

    @Property(tries = 3000)
    void translationMatchesExactlyWhatTheGlobMatches(@ForAll("globs") String glob, @ForAll("names") String name) {
        if (GlobRx.check(glob) != null) return;
        PosixRegex re = PosixRegex.compile("^" + GlobRx.segment(glob) + "$");
        assertEquals(Glob.segmentMatches(glob, name), re.find(name), "glob " + glob + " as " + GlobRx.segment(glob) + " on " + name);
    }

    @Property(tries = 1000)
    void quotedTextMatchesOnlyItself(@ForAll("names") String lit, @ForAll("names") String other) {
        PosixRegex re = PosixRegex.compile("^" + Rx.quote(lit) + "$");
        assertTrue(re.find(lit));
        assertEquals(lit.equals(other), re.find(other));
    }

    @Test
    void segmentsNeverSpanASeparator() {
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("a*b") + "$").find("a/b"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("a?b") + "$").find("a/b"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("a[!x]b") + "$").find("a/b"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("a[!-0]b") + "$").find("a/b"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("a[--0]b") + "$").find("a/b"), "a range across / leaves / out");
        assertTrue(PosixRegex.compile("^" + GlobRx.segment("a[--0]b") + "$").find("a.b"));
    }

    @Test
    void posixBracketRules() {
        assertTrue(PosixRegex.compile("^[]a]$").find("]"), "] first is a member");
        assertTrue(PosixRegex.compile("^[^]a]$").find("b"));
        assertFalse(PosixRegex.compile("^[^]a]$").find("]"));
        assertTrue(PosixRegex.compile("^[a-]$").find("-"), "- last is a member");
        assertTrue(PosixRegex.compile("^[\\]$").find("\\"), "a backslash in brackets is itself");
        assertThrows(IllegalArgumentException.class, () -> PosixRegex.compile("[[:alpha:]]"));
        assertThrows(IllegalArgumentException.class, () -> PosixRegex.compile("a{2}"));
        assertThrows(IllegalArgumentException.class, () -> PosixRegex.compile("(a"));
        assertThrows(IllegalArgumentException.class, () -> PosixRegex.compile("\\d"));
    }

    @Test
    void unsupportedClassesAreReported() {
        assertNotNull(GlobRx.check("[é]"));
        assertNotNull(GlobRx.check("[z-a]"));
    }

    @Provide
    Arbitrary<String> mixedCase() {
        return Arbitraries.strings().withChars("aAbB*?.\\$()|+").ofMaxLength(6);
    }

    @Property(tries = 2000)
    void foldedTranslationIgnoresLetterCase(@ForAll("mixedCase") String glob, @ForAll("mixedCase") String name) {
        java.util.Locale l = java.util.Locale.ROOT;
        PosixRegex re = PosixRegex.compile("^" + GlobRx.segment(glob, true) + "$");
        assertEquals(Glob.segmentMatches(glob.toLowerCase(l), name.toLowerCase(l)), re.find(name), glob + " on " + name);
    }

    @Test
    void foldedClassesTakeBothCases() {
        assertTrue(PosixRegex.compile("^" + GlobRx.segment("[a-c]x", true) + "$").find("BX"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("[!a]x", true) + "$").find("Ax"), "not a means not A either");
        assertTrue(PosixRegex.compile("^" + GlobRx.segment("[!a]x", true) + "$").find("bX"));
        assertFalse(PosixRegex.compile("^" + GlobRx.segment("[a-c]x", false) + "$").find("BX"));
    }
}

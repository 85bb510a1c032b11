package dev.srt.backend.seatbelt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The printer is the one place that escapes; what it prints reads back to the same string. */
class SbplPrinterTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\x0ad\\x7f\"", SbplPrinter.quote("a\"b\\c\nd\u007f"));
        assertEquals("\"/Users/zoë/π\"", SbplPrinter.quote("/Users/zoë/π"));
    }

    @Test
    void printsFormsAndCommentsOnTheirOwnLines() {
        String text = SbplPrinter.print(List.of(
            Sexp.list("version", Sexp.atom("1")),
            Sexp.comment("why\nand where"),
            Sexp.list("allow", Sexp.atom("file-read*"), Sexp.list("subpath", Sexp.str("/a b")))));
        assertEquals("(version 1)\n; why\n; and where\n(allow file-read* (subpath \"/a b\"))\n", text);
    }

    @Test
    void atomsCannotSmuggleSyntax() {
        assertThrows(IllegalArgumentException.class, () -> Sexp.atom("allow)"));
        assertThrows(IllegalArgumentException.class, () -> Sexp.atom("a b"));
        assertThrows(IllegalArgumentException.class, () -> Sexp.atom(""));
    }

    @Property(tries = 500)
    void everyStringReadsBack(@ForAll String s) {
        String text = SbplPrinter.print(List.of(Sexp.list("version", Sexp.atom("1")),
            Sexp.comment(s), Sexp.list("allow", Sexp.atom("file-read*"), Sexp.list("literal", Sexp.str("/" + s)))));
        List<SbplReader.Node> forms = SbplReader.read(text);
        assertEquals(2, forms.size(), text);
        SbplReader.Lst rule = (SbplReader.Lst) forms.get(1);
        SbplReader.Lst literal = (SbplReader.Lst) rule.items().get(2);
        assertEquals(new SbplReader.Text("/" + s), literal.items().get(1));
    }
}

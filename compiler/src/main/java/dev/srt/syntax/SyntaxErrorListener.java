package dev.srt.syntax;

import dev.srt.diag.Diagnostic;
import dev.srt.grammar.SrtLexer;
import dev.srt.ir.Span;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR syntax errors into diagnostics in policy words, stopping after a limit. */
final class SyntaxErrorListener extends BaseErrorListener {
    private final String file;
    private final int limit;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<Integer> seenLines = new LinkedHashSet<>();

    SyntaxErrorListener(String file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    List<Diagnostic> diagnostics() {
        return out;
    }

    void add(Diagnostic d) {
        if (seenLines.add(d.span().line())) out.add(d);
        if (out.size() >= limit) throw new TooManyErrors();
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
                            RecognitionException e) {
        Token t = offendingSymbol instanceof Token ? (Token) offendingSymbol : null;
        int length = t == null || t.getType() == Token.EOF ? 1 : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        if (t != null && t.getType() == SrtLexer.NL) length = 1;
        Span span = new Span(file, line, col + 1, length);
        String found = t == null ? "input" : describe(t);
        String expected = "";
        if (recognizer instanceof Parser) {
            IntervalSet set = ((Parser) recognizer).getExpectedTokens();
            expected = describeExpected(recognizer, set);
        }
        String message = "unexpected " + found;
        String help = expected.isEmpty() ? "see the language reference in README.md" : "expected " + expected;
        if (t != null && (t.getType() == SrtLexer.STRING || t.getType() == SrtLexer.IDENT) && recognizer instanceof Parser) {
            Token prev = ((Parser) recognizer).getTokenStream().LT(-1);
            if (prev != null && prev.getLine() == t.getLine()
                && (prev.getType() == SrtLexer.STRING || prev.getType() == SrtLexer.IDENT)) {
                help = "separate values with a comma: \"a\", \"b\"";
            }
        }
        if (t != null && t.getType() == SrtLexer.NL && expected.contains("'{'")) {
            help = "open the block on the same line: `name {`";
        }
        add(Diagnostic.error("E0001", message, span, help));
    }

    static String describe(Token t) {
        switch (t.getType()) {
            case Token.EOF: return "end of file";
            case SrtLexer.NL: return "end of line";
            case SrtLexer.STRING: return "string " + t.getText();
            case SrtLexer.INT: return "number " + t.getText();
            case SrtLexer.IDENT: return "name '" + t.getText() + "'";
            default: return "'" + t.getText() + "'";
        }
    }

    private static String describeExpected(Recognizer<?, ?> r, IntervalSet set) {
        List<String> words = new ArrayList<>();
        BitSet seen = new BitSet();
        for (int type : set.toArray()) {
            if (seen.get(Math.max(0, type))) continue;
            if (type >= 0) seen.set(type);
            String w;
            if (type == Token.EOF) w = "end of file";
            else if (type == SrtLexer.NL) w = "end of line";
            else if (type == SrtLexer.STRING) w = "a string";
            else if (type == SrtLexer.INT) w = "a number";
            else if (type == SrtLexer.IDENT) w = "a name";
            else w = r.getVocabulary().getLiteralName(type);
            if (w != null && !words.contains(w)) words.add(w);
        }
        if (words.size() > 8) {
            List<String> cut = new ArrayList<>(words.subList(0, 8));
            cut.add("...");
            words = cut;
        }
        return String.join(", ", words);
    }

    /** Thrown to stop parsing once the diagnostic limit is reached. */
    static final class TooManyErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyErrors() {
            super(null, null, false, false);
        }
    }
}

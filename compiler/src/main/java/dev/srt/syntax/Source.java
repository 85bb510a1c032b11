package dev.srt.syntax;

import java.util.ArrayList;
import java.util.List;

/** The text of one source file with its name and line index, for parsing and for showing carets. */
public record Source(String name, String text) {
    public Source {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
    }

    /** The 1-based line's text without its line terminator, or empty past the end. */
    public String line(int line) {
        List<Integer> starts = lineStarts();
        if (line < 1 || line > starts.size()) return "";
        int s = starts.get(line - 1);
        int e = line < starts.size() ? starts.get(line) : text.length();
        String l = text.substring(s, e);
        while (l.endsWith("\n") || l.endsWith("\r")) l = l.substring(0, l.length() - 1);
        return l;
    }

    private List<Integer> lineStarts() {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) starts.add(i + 1);
        }
        return starts;
    }
}

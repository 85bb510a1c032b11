package dev.srt.backend.seccomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the kernel's system-call numbers from its UAPI headers with a small C preprocessor:
 * {@code #define}, {@code #undef}, {@code #if}/{@code #ifdef}/{@code #ifndef}/{@code #elif}/
 * {@code #else}/{@code #endif} and integer conditions with {@code defined}, {@code ==},
 * {@code !=}, {@code !}, {@code &&}, {@code ||}. That is all {@code asm/unistd_64.h} and
 * {@code asm-generic/unistd.h} use; anything else is refused rather than guessed.
 */
public final class SyscallHeaders {
    /**
     * The macros arch/arm64/include/uapi/asm/unistd.h defines before it includes
     * asm-generic/unistd.h (Linux 6.1), and the word size. {@code __ARCH_WANT_TIME32_SYSCALLS}
     * is listed for completeness: on a 64-bit build every condition that names it is also true
     * through {@code __BITS_PER_LONG != 32}, so it changes nothing.
     */
    public static final Map<String, String> AARCH64_DEFINES = Map.of(
        "__BITS_PER_LONG", "64",
        "__ARCH_WANT_RENAMEAT", "1",
        "__ARCH_WANT_NEW_STAT", "1",
        "__ARCH_WANT_SET_GET_RLIMIT", "1",
        "__ARCH_WANT_TIME32_SYSCALLS", "1",
        "__ARCH_WANT_SYS_CLONE3", "1",
        "__ARCH_WANT_MEMFD_SECRET", "1");

    /** x86_64's header is a plain list; it needs no predefined macros. */
    public static final Map<String, String> X86_64_DEFINES = Map.of();

    private SyscallHeaders() {
    }

    /** A header that this preprocessor cannot read. */
    public static final class HeaderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeaderException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    /** Every {@code __NR_name} macro left defined, with its integer value, sorted by name. */
    public static Map<String, Integer> syscalls(String headerText, Map<String, String> predefined) {
        Map<String, String> macros = new HashMap<>(predefined);
        List<Boolean> active = new ArrayList<>();     // is the current branch taken?
        List<Boolean> anyTaken = new ArrayList<>();   // has some branch of this #if been taken?
        String[] lines = headerText.replace("\\\r\n", " ").replace("\\\n", " ").split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComments(lines[i]).trim();
            if (!line.startsWith("#")) continue;
            String[] dir = line.substring(1).trim().split("\\s+", 2);
            String word = dir[0];
            String rest = dir.length > 1 ? dir[1].trim() : "";
            boolean on = !active.contains(Boolean.FALSE);
            switch (word) {
                case "if":
                case "ifdef":
                case "ifndef": {
                    boolean v = false;
                    if (on) {
                        if (word.equals("if")) v = new Expr(rest, macros, lineNo).evaluate() != 0;
                        else v = macros.containsKey(identifier(rest, lineNo)) == word.equals("ifdef");
                    }
                    active.add(v);
                    anyTaken.add(v);
                    break;
                }
                case "elif": {
                    requireOpen(active, lineNo);
                    int top = active.size() - 1;
                    boolean outer = !active.subList(0, top).contains(Boolean.FALSE);
                    boolean v = outer && !anyTaken.get(top) && new Expr(rest, macros, lineNo).evaluate() != 0;
                    active.set(top, v);
                    anyTaken.set(top, anyTaken.get(top) || v);
                    break;
                }
                case "else": {
                    requireOpen(active, lineNo);
                    int top = active.size() - 1;
                    active.set(top, !anyTaken.get(top));
                    anyTaken.set(top, true);
                    break;
                }
                case "endif":
                    requireOpen(active, lineNo);
                    active.remove(active.size() - 1);
                    anyTaken.remove(anyTaken.size() - 1);
                    break;
                case "define":
                    if (on) define(rest, macros, lineNo);
                    break;
                case "undef":
                    if (on) macros.remove(identifier(rest, lineNo));
                    break;
                case "include":
                    break; // only asm/bitsperlong.h, whose one fact is predefined
                default:
                    throw new HeaderException(lineNo, "unsupported directive #" + word);
            }
        }
        if (!active.isEmpty()) throw new HeaderException(lines.length, "unterminated #if");
        Map<String, Integer> out = new TreeMap<>();
        for (String name : macros.keySet()) {
            if (!name.startsWith("__NR_") || name.equals("__NR_syscalls")) continue;
            out.put(name.substring("__NR_".length()), (int) value(name, macros, 0, 0));
        }
        return out;
    }

    private static void requireOpen(List<Boolean> active, int line) {
        if (active.isEmpty()) throw new HeaderException(line, "#else/#elif/#endif without #if");
    }

    private static void define(String rest, Map<String, String> macros, int line) {
        int paren = rest.indexOf('(');
        int space = firstSpace(rest);
        String name = rest.substring(0, space);
        if (paren >= 0 && paren < space) return; // function-like macro (__SYSCALL, __SC_3264): not numbers
        identifier(name, line);
        macros.put(name, rest.substring(space).trim());
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return s.length();
    }

    private static String identifier(String s, int line) {
        String t = s.trim();
        if (!t.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new HeaderException(line, "expected a macro name: " + s);
        return t;
    }

    private static String stripComments(String line) {
        String s = line.replaceAll("/\\*.*?\\*/", " ");
        int open = s.indexOf("/*");
        if (open >= 0) s = s.substring(0, open); // multi-line comments never hold directives here
        int slashes = s.indexOf("//");
        return slashes >= 0 ? s.substring(0, slashes) : s;
    }

    /** A macro's integer value, following macro-to-macro definitions. */
    static long value(String name, Map<String, String> macros, int line, int depth) {
        if (depth > 20) throw new HeaderException(line, "macro " + name + " is recursive");
        String body = macros.get(name);
        if (body == null) return 0; // C: an unknown identifier in #if is 0
        body = body.trim();
        while (body.startsWith("(") && body.endsWith(")")) body = body.substring(1, body.length() - 1).trim();
        if (body.isEmpty()) return 1;
        if (body.matches("[A-Za-z_][A-Za-z0-9_]*")) return value(body, macros, line, depth + 1);
        return parseNumber(body, line);
    }

    static long parseNumber(String s, int line) {
        String t = s.replaceAll("[uUlL]+$", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
            if (t.length() > 1 && t.startsWith("0")) return Long.parseLong(t.substring(1), 8);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new HeaderException(line, "not a number: " + s);
        }
    }

    /** Recursive-descent evaluation of a {@code #if} condition. */
    private static final class Expr {
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, String> macros;
        private final int line;
        private int pos;

        private static final Set<String> TWO_CHAR = Set.of("==", "!=", "&&", "||", "<=", ">=");

        Expr(String text, Map<String, String> macros, int line) {
            this.macros = macros;
            this.line = line;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    int j = i;
                    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
                    tokens.add(text.substring(i, j));
                    i = j;
                } else if (i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2))) {
                    tokens.add(text.substring(i, i + 2));
                    i += 2;
                } else if ("()!<>".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    throw new HeaderException(line, "unsupported character '" + c + "' in #if " + text);
                }
            }
        }

        long evaluate() {
            long v = or();
            if (pos != tokens.size()) throw new HeaderException(line, "unexpected " + tokens.get(pos));
            return v;
        }

        private String peek() {
            return pos < tokens.size() ? tokens.get(pos) : "";
        }

        private String next() {
            if (pos >= tokens.size()) throw new HeaderException(line, "condition ends too early");
            return tokens.get(pos++);
        }

        private long or() {
            long v = and();
            while (peek().equals("||")) {
                next();
                long r = and();
                v = (v != 0 || r != 0) ? 1 : 0;
            }
            return v;
        }

        private long and() {
            long v = comparison();
            while (peek().equals("&&")) {
                next();
                long r = comparison();
                v = (v != 0 && r != 0) ? 1 : 0;
            }
            return v;
        }

        private long comparison() {
            long v = unary();
            while (List.of("==", "!=", "<", ">", "<=", ">=").contains(peek())) {
                String op = next();
                long r = unary();
                switch (op) {
                    case "==": v = v == r ? 1 : 0; break;
                    case "!=": v = v != r ? 1 : 0; break;
                    case "<": v = v < r ? 1 : 0; break;
                    case ">": v = v > r ? 1 : 0; break;
                    case "<=": v = v <= r ? 1 : 0; break;
                    default: v = v >= r ? 1 : 0; break;
                }
            }
            return v;
        }

        private long unary() {
            String t = next();
            if (t.equals("!")) return unary() == 0 ? 1 : 0;
            if (t.equals("(")) {
                long v = or();
                if (!next().equals(")")) throw new HeaderException(line, "missing )");
                return v;
            }
            if (t.equals("defined")) {
                boolean paren = peek().equals("(");
                if (paren) next();
                String name = identifier(next(), line);
                if (paren && !next().equals(")")) throw new HeaderException(line, "missing ) after defined");
                return macros.containsKey(name) ? 1 : 0;
            }
            if (Character.isDigit(t.charAt(0))) return parseNumber(t, line);
            if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) return value(t, macros, line, 0);
            throw new HeaderException(line, "unexpected " + t);
        }
    }
}

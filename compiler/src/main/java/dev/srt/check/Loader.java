package dev.srt.check;

import dev.srt.diag.Diagnostic;
import dev.srt.ir.Span;
import dev.srt.syntax.Ast;
import dev.srt.syntax.Parser;
import dev.srt.syntax.Source;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy and, depth first in include order, every file it includes. A file included
 * twice is read once (its first place in the order counts); a cycle, a missing file or an
 * unknown stock policy is an error at the include line.
 */
public final class Loader {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_FILES = 256;

    private final Diagnostics diags;
    private final int limit;
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Map<String, String> stack = new LinkedHashMap<>();
    private Path rootDir;

    public Loader(Diagnostics diags, int limit) {
        this.diags = diags;
        this.limit = limit;
    }

    /** Where a policy's text comes from: a file, a stock policy or text given directly. */
    public record Input(String name, String identity, Path dir, byte[] bytes) {
        public static Input file(Path p) throws IOException {
            Path abs = p.toAbsolutePath().normalize();
            return new Input(p.getFileName().toString(), abs.toRealPath().toString(), abs.getParent(), Files.readAllBytes(abs));
        }

        public static Input text(String name, String text, Path dir) {
            return new Input(name, "text:" + name, dir, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public List<Unit> load(Input main) {
        rootDir = main.dir();
        visit(main, 0, null);
        return units;
    }

    private void visit(Input in, int depth, Span from) {
        if (stack.containsKey(in.identity())) {
            List<String> chain = new ArrayList<>(stack.values());
            chain.add(in.name());
            int start = new ArrayList<>(stack.keySet()).indexOf(in.identity());
            diags.add(Diagnostic.error("E0302", "include cycle: " + String.join(" -> ", chain.subList(start, chain.size())),
                from, "remove one of these includes"));
            return;
        }
        if (done.contains(in.identity())) return;
        if (depth > MAX_DEPTH) {
            diags.add(Diagnostic.error("E0304", "includes are nested more than " + MAX_DEPTH + " deep", from,
                "flatten the include chain"));
            return;
        }
        if (units.size() >= MAX_FILES) {
            diags.add(Diagnostic.error("E0305", "a policy may include at most " + MAX_FILES + " files", from,
                "merge some of the included files"));
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.bytes())).toString();
        } catch (CharacterCodingException e) {
            diags.add(Diagnostic.error("E0006", "file is not valid UTF-8 text", new Span(in.name(), 1, 1, 1),
                "save the policy as UTF-8"));
            done.add(in.identity());
            return;
        }
        Source source = new Source(in.name(), text);
        sources.put(in.name(), source);
        Parser.Result r = Parser.parse(source, limit);
        diags.addAll(r.diagnostics());
        done.add(in.identity());
        if (!r.ok()) return;
        Unit unit = new Unit(in.name(), source, r.file(), units.size());
        units.add(unit);
        stack.put(in.identity(), in.name());
        for (Ast.Statement s : r.file().statements()) {
            if (!(s instanceof Ast.Include)) continue;
            Ast.Include inc = (Ast.Include) s;
            resolve(in, inc).ifPresent(next -> visit(next, depth + 1, inc.span()));
        }
        stack.remove(in.identity());
    }

    /** Every source read, by name, including those that failed to parse (for showing diagnostics). */
    public Map<String, Source> sources() {
        return sources;
    }

    private Optional<Input> resolve(Input from, Ast.Include inc) {
        if (inc.stock()) {
            Optional<byte[]> bytes = StockPolicies.read(inc.target());
            if (bytes.isEmpty()) {
                List<String> names = StockPolicies.names();
                diags.add(Diagnostic.error("E0303", "no stock policy named std:" + inc.target(), inc.span(),
                    Suggest.closest(inc.target(), names).map(s -> "did you mean `std:" + s + "`?")
                        .orElse("stock policies: " + String.join(", ", names.stream().map(n -> "std:" + n).toList()))));
                return Optional.empty();
            }
            return Optional.of(new Input("std:" + inc.target(), "std:" + inc.target(), null, bytes.get()));
        }
        if (from.dir() == null) {
            diags.add(Diagnostic.error("E0301", "a stock policy or standard input cannot include a file", inc.span(),
                "include stock policies by name (std:NAME)"));
            return Optional.empty();
        }
        if (inc.target().isEmpty()) {
            diags.add(Diagnostic.error("E0301", "empty include path", inc.span(), "name a .srt file relative to this file"));
            return Optional.empty();
        }
        Path p = from.dir().resolve(inc.target()).normalize();
        try {
            if (Files.isDirectory(p)) {
                diags.add(Diagnostic.error("E0301", "cannot include " + inc.target() + ": it is a directory", inc.span(),
                    "name a .srt file"));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(p);
            String name = rootDir == null ? p.toString() : rootDir.relativize(p).toString().replace('\\', '/');
            return Optional.of(new Input(name, p.toRealPath().toString(), p.getParent(), bytes));
        } catch (NoSuchFileException e) {
            diags.add(Diagnostic.error("E0301", "cannot include " + inc.target() + ": no such file", inc.span(),
                "paths are relative to the including file (" + from.name() + ")"));
        } catch (IOException e) {
            diags.add(Diagnostic.error("E0301", "cannot include " + inc.target() + ": " + e.getClass().getSimpleName(),
                inc.span(), "check that the file is readable"));
        }
        return Optional.empty();
    }
}

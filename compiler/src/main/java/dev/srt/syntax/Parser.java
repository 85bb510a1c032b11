package dev.srt.syntax;

import dev.srt.diag.Diagnostic;
import dev.srt.grammar.SrtLexer;
import dev.srt.grammar.SrtParser;
import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.Effect;
import dev.srt.ir.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses one policy file into an {@link Ast.File}. The only class that touches the generated
 * ANTLR code. Syntax errors come back as diagnostics (at most {@code limit}); the tree is
 * returned only when there were none.
 */
public final class Parser {
    /** Larger files are refused before lexing: a policy is reviewed by people. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final Source source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private Parser(Source source) {
        this.source = source;
    }

    /** The result of parsing: a tree when there were no errors, and the diagnostics. */
    public record Result(Ast.File file, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return file != null;
        }
    }

    public static Result parse(Source source, int limit) {
        return new Parser(source).run(limit);
    }

    private Result run(int limit) {
        if (source.text().length() > MAX_BYTES) {
            diagnostics.add(Diagnostic.error("E0002", "policy file is larger than " + (MAX_BYTES >> 20) + " MiB",
                new Span(source.name(), 1, 1, 1), "split it into files joined with include"));
            return new Result(null, diagnostics);
        }
        SyntaxErrorListener listener = new SyntaxErrorListener(source.name(), limit);
        try {
            SrtLexer lexer = new SrtLexer(CharStreams.fromString(source.text(), source.name()));
            lexer.removeErrorListeners();
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            for (Token t : tokens.getTokens()) {
                if (t.getType() == SrtLexer.ERROR_CHAR) {
                    listener.add(Diagnostic.error("E0001", "unexpected character " + printable(t.getText()), span(t),
                        "remove it; strings go in double quotes"));
                } else if (t.getType() == SrtLexer.UNTERMINATED_STRING) {
                    listener.add(Diagnostic.error("E0003", "string is not closed", span(t), "add a closing \" on the same line"));
                }
            }
            SrtParser.PolicyContext tree = parseTwoStage(tokens, listener);
            if (!listener.diagnostics().isEmpty()) return new Result(null, listener.diagnostics());
            List<Ast.Comment> comments = comments(tokens);
            Ast.File file = new Builder(listener).policy(tree, comments);
            return new Result(listener.diagnostics().isEmpty() ? file : null, listener.diagnostics());
        } catch (SyntaxErrorListener.TooManyErrors e) {
            return new Result(null, listener.diagnostics());
        } catch (StackOverflowError e) {
            listener.diagnostics().add(Diagnostic.error("E0002", "policy is nested too deeply to read",
                new Span(source.name(), 1, 1, 1), "simplify the file"));
            return new Result(null, listener.diagnostics());
        }
    }

    /** SLL first (fast, enough for valid input); full LL with error recovery only when it fails. */
    private SrtParser.PolicyContext parseTwoStage(CommonTokenStream tokens, SyntaxErrorListener listener) {
        SrtParser parser = new SrtParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.policy();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(listener);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            return parser.policy();
        }
    }

    private List<Ast.Comment> comments(CommonTokenStream tokens) {
        List<Ast.Comment> out = new ArrayList<>();
        int lastCodeLine = -1;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == SrtLexer.COMMENT) {
                out.add(new Ast.Comment(t.getText(), span(t), t.getLine() == lastCodeLine));
            } else if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != SrtLexer.NL && t.getType() != Token.EOF) {
                lastCodeLine = t.getLine();
            }
        }
        return out;
    }

    private static String printable(String s) {
        int c = s.codePointAt(0);
        return c < 32 || c == 127 ? String.format("U+%04X", c) : "'" + s + "'";
    }

    Span span(Token t) {
        int len = Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        return new Span(source.name(), t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    /** Span of a whole context, clipped to its first line. */
    Span span(ParserRuleContext ctx) {
        Token a = ctx.getStart();
        Token b = ctx.getStop() == null ? a : ctx.getStop();
        int len = b.getLine() == a.getLine() ? b.getStopIndex() - a.getStartIndex() + 1 : source.line(a.getLine()).length() - a.getCharPositionInLine();
        return new Span(source.name(), a.getLine(), a.getCharPositionInLine() + 1, Math.max(1, len));
    }

    /** Walks the ANTLR tree and builds records. */
    private final class Builder {
        private final SyntaxErrorListener listener;

        Builder(SyntaxErrorListener listener) {
            this.listener = listener;
        }

        Ast.File policy(SrtParser.PolicyContext ctx, List<Ast.Comment> comments) {
            SrtParser.HeaderContext h = ctx.header();
            long version = integer(h.INT().getSymbol());
            Ast.Header header = new Ast.Header((int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, version)), span(h));
            List<Ast.Statement> stmts = new ArrayList<>();
            for (SrtParser.StatementContext s : ctx.statement()) stmts.add(statement(s));
            return new Ast.File(source.name(), header, stmts, comments);
        }

        Ast.Statement statement(SrtParser.StatementContext s) {
            if (s.includeStmt() != null) {
                SrtParser.IncludeStmtContext c = s.includeStmt();
                if (c.STOCK() != null) return new Ast.Include(c.STOCK().getText().substring(4), true, span(c));
                return new Ast.Include(string(c.STRING().getSymbol()).text(), false, span(c));
            }
            if (s.letStmt() != null) {
                SrtParser.LetStmtContext c = s.letStmt();
                SrtParser.ValueExprContext v = c.valueExpr();
                List<Ast.Value> values = new ArrayList<>();
                if (v.value().size() == 1 && v.LBRACK() == null) values.add(value(v.value(0)));
                else for (SrtParser.ValueContext x : v.value()) values.add(value(x));
                return new Ast.Let(ident(c.IDENT()), values, v.LBRACK() != null, span(c));
            }
            if (s.filesystemBlock() != null) {
                List<Ast.FsItem> items = new ArrayList<>();
                for (SrtParser.FsStmtContext f : s.filesystemBlock().fsStmt()) items.add(fs(f));
                return new Ast.FilesystemBlock(items, span(s.filesystemBlock().FILESYSTEM().getSymbol()));
            }
            if (s.networkBlock() != null) {
                List<Ast.NetItem> items = new ArrayList<>();
                for (SrtParser.NetStmtContext n : s.networkBlock().netStmt()) items.add(net(n));
                return new Ast.NetworkBlock(items, span(s.networkBlock().NETWORK().getSymbol()));
            }
            if (s.syscallsBlock() != null) {
                List<Ast.SysItem> items = new ArrayList<>();
                for (SrtParser.SysStmtContext n : s.syscallsBlock().sysStmt()) items.add(sys(n));
                return new Ast.SyscallsBlock(items, span(s.syscallsBlock().SYSCALLS().getSymbol()));
            }
            if (s.environmentBlock() != null) {
                List<Ast.EnvItem> items = new ArrayList<>();
                for (SrtParser.EnvStmtContext n : s.environmentBlock().envStmt()) items.add(env(n));
                return new Ast.EnvironmentBlock(items, span(s.environmentBlock().ENVIRONMENT().getSymbol()));
            }
            if (s.violationsBlock() != null) {
                List<Ast.Ignore> items = new ArrayList<>();
                for (SrtParser.ViolationStmtContext v : s.violationsBlock().violationStmt()) {
                    items.add(new Ast.Ignore(values(v.values()), v.value() == null ? null : value(v.value()),
                        modifiers(v.modifiers()), span(v)));
                }
                return new Ast.ViolationsBlock(items, span(s.violationsBlock().VIOLATIONS().getSymbol()));
            }
            if (s.sandboxBlock() != null) {
                List<Ast.SandboxSetting> items = new ArrayList<>();
                for (SrtParser.SandboxStmtContext v : s.sandboxBlock().sandboxStmt()) {
                    items.add(new Ast.SandboxSetting(ident(v.IDENT()), v.value() == null ? null : value(v.value()),
                        modifiers(v.modifiers()), span(v)));
                }
                return new Ast.SandboxBlock(items, span(s.sandboxBlock().SANDBOX().getSymbol()));
            }
            if (s.testBlock() != null) {
                SrtParser.TestBlockContext t = s.testBlock();
                List<Ast.Expect> expects = new ArrayList<>();
                for (SrtParser.ExpectStmtContext e : t.expectStmt()) expects.add(expect(e));
                return new Ast.TestBlock(string(t.STRING().getSymbol()), expects, span(t.TEST().getSymbol()));
            }
            if (s.expectStmt() != null) return expect(s.expectStmt());
            throw new IllegalStateException("statement kind not handled: " + s.getText());
        }

        Ast.FsItem fs(SrtParser.FsStmtContext f) {
            if (f instanceof SrtParser.FsDefaultContext) {
                SrtParser.FsDefaultContext c = (SrtParser.FsDefaultContext) f;
                return new Ast.FsDefault(access(c.access()), effect(c.effect()), span(c));
            }
            if (f instanceof SrtParser.FsRuleContext) {
                SrtParser.FsRuleContext c = (SrtParser.FsRuleContext) f;
                return new Ast.FsRule(access(c.access()), effect(c.effect()), values(c.values()), modifiers(c.modifiers()), span(c));
            }
            if (f instanceof SrtParser.FsProtectContext) {
                SrtParser.FsProtectContext c = (SrtParser.FsProtectContext) f;
                return new Ast.FsProtect(false, values(c.values()), modifiers(c.modifiers()), span(c));
            }
            SrtParser.FsUnprotectContext c = (SrtParser.FsUnprotectContext) f;
            return new Ast.FsProtect(true, values(c.values()), modifiers(c.modifiers()), span(c));
        }

        Ast.NetItem net(SrtParser.NetStmtContext n) {
            if (n instanceof SrtParser.NetUnixContext) {
                SrtParser.NetUnixContext c = (SrtParser.NetUnixContext) n;
                return new Ast.NetUnix(c.ALL() != null, c.values() == null ? List.of() : values(c.values()),
                    modifiers(c.modifiers()), span(c));
            }
            if (n instanceof SrtParser.NetBindContext) {
                SrtParser.NetBindContext c = (SrtParser.NetBindContext) n;
                List<Ast.Int> ports = new ArrayList<>();
                if (c.portList() != null) for (TerminalNode t : c.portList().INT()) ports.add(intLit(t.getSymbol()));
                return new Ast.NetBind(c.ALL() != null, ports, modifiers(c.modifiers()), span(c));
            }
            if (n instanceof SrtParser.NetHostContext) {
                SrtParser.NetHostContext c = (SrtParser.NetHostContext) n;
                return new Ast.NetHost(effect(c.effect()), values(c.values()), modifiers(c.modifiers()), span(c));
            }
            SrtParser.NetProxyContext c = (SrtParser.NetProxyContext) n;
            return new Ast.NetProxy(ident(c.IDENT()), string(c.STRING().getSymbol()), modifiers(c.modifiers()), span(c));
        }

        Ast.SysItem sys(SrtParser.SysStmtContext n) {
            if (n instanceof SrtParser.SysDefaultContext) {
                SrtParser.SysDefaultContext c = (SrtParser.SysDefaultContext) n;
                return new Ast.SysDefault(action(c.action()), span(c));
            }
            if (n instanceof SrtParser.SysForeignArchContext) {
                SrtParser.SysForeignArchContext c = (SrtParser.SysForeignArchContext) n;
                return new Ast.SysForeignArch(action(c.action()), span(c));
            }
            SrtParser.SysRuleContext c = (SrtParser.SysRuleContext) n;
            List<Ast.SysTarget> targets = new ArrayList<>();
            for (SrtParser.SysTargetContext t : c.sysTarget()) {
                List<Ast.Condition> conds = new ArrayList<>();
                for (SrtParser.ConditionContext cc : t.condition()) conds.add(condition(cc));
                targets.add(new Ast.SysTarget(name(t.name()), conds, span(t)));
            }
            Ast.Ident unless = c.IDENT() == null ? null : ident(c.IDENT());
            return new Ast.SysRule(c.OPTIONAL() != null, action(c.action()), targets, unless, modifiers(c.modifiers()), span(c));
        }

        Ast.Condition condition(SrtParser.ConditionContext cc) {
            if (cc instanceof SrtParser.CompareContext) {
                SrtParser.CompareContext c = (SrtParser.CompareContext) cc;
                ArgCondition.Op op;
                switch (c.op.getType()) {
                    case SrtLexer.EQ: op = ArgCondition.Op.EQ; break;
                    case SrtLexer.NE: op = ArgCondition.Op.NE; break;
                    case SrtLexer.LT: op = ArgCondition.Op.LT; break;
                    case SrtLexer.LE: op = ArgCondition.Op.LE; break;
                    case SrtLexer.GT: op = ArgCondition.Op.GT; break;
                    default: op = ArgCondition.Op.GE;
                }
                return new Ast.Condition(name(c.arg), op, null, number(c.rhs), span(c));
            }
            SrtParser.MaskedContext c = (SrtParser.MaskedContext) cc;
            return new Ast.Condition(name(c.arg), ArgCondition.Op.MASKED_EQ, number(c.mask), number(c.rhs), span(c));
        }

        Ast.NumberExpr number(SrtParser.NumberContext n) {
            List<Ast.Operand> terms = new ArrayList<>();
            for (SrtParser.TermContext t : n.term()) {
                if (t.INT() != null) terms.add(new Ast.Operand(intLit(t.INT().getSymbol()), null));
                else terms.add(new Ast.Operand(null, ident(t.IDENT())));
            }
            return new Ast.NumberExpr(terms, span(n));
        }

        Ast.ActionSpec action(SrtParser.ActionContext a) {
            Action.Kind kind;
            Ast.Operand errno = null;
            if (a.ALLOW() != null) kind = Action.Kind.ALLOW;
            else if (a.ERRNO() != null) {
                kind = Action.Kind.ERRNO;
                errno = a.INT() != null ? new Ast.Operand(intLit(a.INT().getSymbol()), null) : new Ast.Operand(null, ident(a.IDENT()));
            } else if (a.KILL_PROCESS() != null) kind = Action.Kind.KILL_PROCESS;
            else if (a.KILL_THREAD() != null) kind = Action.Kind.KILL_THREAD;
            else if (a.TRAP() != null) kind = Action.Kind.TRAP;
            else kind = Action.Kind.LOG;
            return new Ast.ActionSpec(kind, errno, span(a));
        }

        Ast.EnvItem env(SrtParser.EnvStmtContext n) {
            if (n instanceof SrtParser.EnvPassContext) {
                SrtParser.EnvPassContext c = (SrtParser.EnvPassContext) n;
                return new Ast.EnvPass(values(c.values()), modifiers(c.modifiers()), span(c));
            }
            if (n instanceof SrtParser.EnvUnsetContext) {
                SrtParser.EnvUnsetContext c = (SrtParser.EnvUnsetContext) n;
                return new Ast.EnvUnset(values(c.values()), modifiers(c.modifiers()), span(c));
            }
            SrtParser.EnvSetContext c = (SrtParser.EnvSetContext) n;
            return new Ast.EnvSet(value(c.value(0)), value(c.value(1)), modifiers(c.modifiers()), span(c));
        }

        Ast.Expect expect(SrtParser.ExpectStmtContext e) {
            SrtParser.VerdictContext v = e.verdict();
            Effect effect = null;
            Ast.ActionSpec action = null;
            if (v.ALLOW() != null) effect = Effect.ALLOW;
            else if (v.DENY() != null) effect = Effect.DENY;
            else action = action(v.action());
            return new Ast.Expect(effect, action, probe(e.probe()), span(e));
        }

        Ast.ProbeSpec probe(SrtParser.ProbeContext p) {
            if (p instanceof SrtParser.ProbeReadContext) {
                return new Ast.ProbeSpec(Ast.ProbeKind.READ, value(((SrtParser.ProbeReadContext) p).value()), null, null, null, span(p));
            }
            if (p instanceof SrtParser.ProbeWriteContext) {
                return new Ast.ProbeSpec(Ast.ProbeKind.WRITE, value(((SrtParser.ProbeWriteContext) p).value()), null, null, null, span(p));
            }
            if (p instanceof SrtParser.ProbeConnectContext) {
                return new Ast.ProbeSpec(Ast.ProbeKind.CONNECT, value(((SrtParser.ProbeConnectContext) p).value()), null, null, null, span(p));
            }
            if (p instanceof SrtParser.ProbeUnixContext) {
                return new Ast.ProbeSpec(Ast.ProbeKind.UNIX, value(((SrtParser.ProbeUnixContext) p).value()), null, null, null, span(p));
            }
            if (p instanceof SrtParser.ProbeBindContext) {
                return new Ast.ProbeSpec(Ast.ProbeKind.BIND, null, intLit(((SrtParser.ProbeBindContext) p).INT().getSymbol()), null, null, span(p));
            }
            SrtParser.ProbeSyscallContext c = (SrtParser.ProbeSyscallContext) p;
            List<Ast.NumberExpr> args = new ArrayList<>();
            for (SrtParser.NumberContext n : c.number()) args.add(number(n));
            return new Ast.ProbeSpec(Ast.ProbeKind.SYSCALL, null, null, name(c.name()), args, span(p));
        }

        List<Ast.Value> values(SrtParser.ValuesContext vs) {
            List<Ast.Value> out = new ArrayList<>();
            for (SrtParser.ValueContext v : vs.value()) out.add(value(v));
            return out;
        }

        Ast.Value value(SrtParser.ValueContext v) {
            if (v.STRING() != null) return string(v.STRING().getSymbol());
            return new Ast.Ref(v.IDENT().getText(), span(v.IDENT().getSymbol()));
        }

        Ast.Modifiers modifiers(SrtParser.ModifiersContext m) {
            if (m == null) return Ast.Modifiers.NONE;
            Ast.Str because = m.STRING() == null ? null : string(m.STRING().getSymbol());
            return new Ast.Modifiers(m.EXACT() != null, because);
        }

        Access access(SrtParser.AccessContext a) {
            return a.READ() != null ? Access.READ : Access.WRITE;
        }

        Effect effect(SrtParser.EffectContext e) {
            return e.ALLOW() != null ? Effect.ALLOW : Effect.DENY;
        }

        Ast.Ident ident(TerminalNode n) {
            return new Ast.Ident(n.getText(), span(n.getSymbol()));
        }

        Ast.Ident name(SrtParser.NameContext n) {
            return new Ast.Ident(n.getText(), span(n.getStart()));
        }

        Ast.Int intLit(Token t) {
            return new Ast.Int(integer(t), t.getText(), span(t));
        }

        long integer(Token t) {
            String s = t.getText();
            boolean neg = s.startsWith("-");
            String d = neg ? s.substring(1) : s;
            int radix = 10;
            if (d.startsWith("0x")) { radix = 16; d = d.substring(2); }
            else if (d.startsWith("0o")) { radix = 8; d = d.substring(2); }
            else if (d.startsWith("0b")) { radix = 2; d = d.substring(2); }
            try {
                long v = Long.parseUnsignedLong(d, radix);
                if (neg && v < 0) throw new NumberFormatException();
                return neg ? -v : v;
            } catch (NumberFormatException e) {
                listener.add(Diagnostic.error("E0004", "number does not fit in 64 bits", span(t), "use a smaller value"));
                return 0;
            }
        }

        Ast.Str string(Token t) {
            String raw = t.getText();
            String body = raw.substring(1, raw.length() - 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char n = body.charAt(++i);
                switch (n) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case '[': case ']': case '*': case '?': b.append('\\').append(n); break;
                    default:
                        Span at = new Span(source.name(), t.getLine(), t.getCharPositionInLine() + 2 + i - 1, 2);
                        listener.add(Diagnostic.error("E0005", "unknown escape \\" + n + " in string", at,
                            "use \\\" \\\\ \\n \\t, or \\[ \\] \\* \\? for literal glob characters"));
                }
            }
            return new Ast.Str(b.toString(), span(t));
        }
    }
}

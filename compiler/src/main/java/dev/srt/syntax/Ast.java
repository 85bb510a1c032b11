package dev.srt.syntax;

import dev.srt.ir.Access;
import dev.srt.ir.Action;
import dev.srt.ir.ArgCondition;
import dev.srt.ir.Effect;
import dev.srt.ir.Span;
import java.util.List;

/**
 * The immutable syntax tree of one policy file. Only {@link Parser} builds it; everything after
 * the syntax package works on these records, never on ANTLR classes.
 */
public final class Ast {
    private Ast() {
    }

    /** A whole file: its header, statements in source order, and comments (for the formatter). */
    public record File(String name, Header header, List<Statement> statements, List<Comment> comments) {
        public File {
            statements = List.copyOf(statements);
            comments = List.copyOf(comments);
        }
    }

    public record Header(int version, Span span) {
    }

    /** A {@code # comment} and the line it sits on; {@code trailing} when code precedes it on that line. */
    public record Comment(String text, Span span, boolean trailing) {
    }

    // ---- values ---------------------------------------------------------------------------

    /** A string literal (unescaped text) or a reference to a constant. */
    public sealed interface Value permits Str, Ref {
        Span span();
    }

    public record Str(String text, Span span) implements Value {
    }

    public record Ref(String name, Span span) implements Value {
    }

    /** {@code exact} and {@code because "..."} after a rule. */
    public record Modifiers(boolean exact, Str because) {
        public static final Modifiers NONE = new Modifiers(false, null);
    }

    /** An identifier with its position (syscall, argument, constant or option name). */
    public record Ident(String name, Span span) {
    }

    /** An integer literal as written and its value. */
    public record Int(long value, String text, Span span) {
    }

    // ---- statements -----------------------------------------------------------------------

    public sealed interface Statement permits Include, Let, FilesystemBlock, NetworkBlock, SyscallsBlock,
        EnvironmentBlock, ViolationsBlock, SandboxBlock, TestBlock, Expect {
        Span span();
    }

    /** {@code include "path"} (relative to the including file) or {@code include std:NAME}. */
    public record Include(String target, boolean stock, Span span) implements Statement {
    }

    /** {@code let NAME = "value"} or {@code let NAME = ["a", "b"]}. */
    public record Let(Ident name, List<Value> values, boolean list, Span span) implements Statement {
        public Let {
            values = List.copyOf(values);
        }
    }

    public record FilesystemBlock(List<FsItem> items, Span span) implements Statement {
        public FilesystemBlock {
            items = List.copyOf(items);
        }
    }

    public sealed interface FsItem permits FsDefault, FsRule, FsProtect {
        Span span();
    }

    public record FsDefault(Access access, Effect effect, Span span) implements FsItem {
    }

    public record FsRule(Access access, Effect effect, List<Value> paths, Modifiers modifiers, Span span) implements FsItem {
        public FsRule {
            paths = List.copyOf(paths);
        }
    }

    /** {@code protect PATHS} or, with {@code lift}, {@code unprotect PATHS}. */
    public record FsProtect(boolean lift, List<Value> paths, Modifiers modifiers, Span span) implements FsItem {
        public FsProtect {
            paths = List.copyOf(paths);
        }
    }

    public record NetworkBlock(List<NetItem> items, Span span) implements Statement {
        public NetworkBlock {
            items = List.copyOf(items);
        }
    }

    public sealed interface NetItem permits NetHost, NetUnix, NetBind, NetProxy {
        Span span();
    }

    public record NetHost(Effect effect, List<Value> hosts, Modifiers modifiers, Span span) implements NetItem {
        public NetHost {
            hosts = List.copyOf(hosts);
        }
    }

    /** {@code allow unix PATHS} or {@code allow unix all} (empty paths, all = true). */
    public record NetUnix(boolean all, List<Value> paths, Modifiers modifiers, Span span) implements NetItem {
        public NetUnix {
            paths = List.copyOf(paths);
        }
    }

    public record NetBind(boolean all, List<Int> ports, Modifiers modifiers, Span span) implements NetItem {
        public NetBind {
            ports = List.copyOf(ports);
        }
    }

    public record NetProxy(Ident kind, Str address, Modifiers modifiers, Span span) implements NetItem {
    }

    public record SyscallsBlock(List<SysItem> items, Span span) implements Statement {
        public SyscallsBlock {
            items = List.copyOf(items);
        }
    }

    public sealed interface SysItem permits SysDefault, SysForeignArch, SysRule {
        Span span();
    }

    /** An action as written; {@code errno} holds the errno operand for {@code errno N|NAME}. */
    public record ActionSpec(Action.Kind kind, Operand errno, Span span) {
    }

    /** An integer or a name, e.g. the operand of {@code errno} or a term of an argument value. */
    public record Operand(Int number, Ident name) {
        public Span span() {
            return number != null ? number.span() : name.span();
        }
    }

    public record SysDefault(ActionSpec action, Span span) implements SysItem {
    }

    public record SysForeignArch(ActionSpec action, Span span) implements SysItem {
    }

    public record SysRule(boolean optional, ActionSpec action, List<SysTarget> targets, Ident unless,
                          Modifiers modifiers, Span span) implements SysItem {
        public SysRule {
            targets = List.copyOf(targets);
        }
    }

    public record SysTarget(Ident name, List<Condition> conditions, Span span) {
        public SysTarget {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code ARG OP VALUE}, or for masked equality {@code ARG & MASK == VALUE}. */
    public record Condition(Ident arg, ArgCondition.Op op, NumberExpr mask, NumberExpr value, Span span) {
    }

    /** Terms joined with {@code |}, e.g. {@code CLONE_NEWUSER | CLONE_NEWNS}. */
    public record NumberExpr(List<Operand> terms, Span span) {
        public NumberExpr {
            terms = List.copyOf(terms);
        }
    }

    public record EnvironmentBlock(List<EnvItem> items, Span span) implements Statement {
        public EnvironmentBlock {
            items = List.copyOf(items);
        }
    }

    public sealed interface EnvItem permits EnvPass, EnvUnset, EnvSet {
        Span span();
    }

    public record EnvPass(List<Value> names, Modifiers modifiers, Span span) implements EnvItem {
        public EnvPass {
            names = List.copyOf(names);
        }
    }

    public record EnvUnset(List<Value> names, Modifiers modifiers, Span span) implements EnvItem {
        public EnvUnset {
            names = List.copyOf(names);
        }
    }

    public record EnvSet(Value name, Value value, Modifiers modifiers, Span span) implements EnvItem {
    }

    public record ViolationsBlock(List<Ignore> items, Span span) implements Statement {
        public ViolationsBlock {
            items = List.copyOf(items);
        }
    }

    /** {@code ignore PATTERNS [for COMMAND]}. */
    public record Ignore(List<Value> patterns, Value command, Modifiers modifiers, Span span) {
        public Ignore {
            patterns = List.copyOf(patterns);
        }
    }

    public record SandboxBlock(List<SandboxSetting> items, Span span) implements Statement {
        public SandboxBlock {
            items = List.copyOf(items);
        }
    }

    public record SandboxSetting(Ident key, Value value, Modifiers modifiers, Span span) {
    }

    public record TestBlock(Str name, List<Expect> expects, Span span) implements Statement {
        public TestBlock {
            expects = List.copyOf(expects);
        }
    }

    /** {@code expect VERDICT PROBE}; verdict is allow/deny ({@code effect}) or an action. */
    public record Expect(Effect effect, ActionSpec action, ProbeSpec probe, Span span) implements Statement {
    }

    public enum ProbeKind {
        READ, WRITE, CONNECT, UNIX, BIND, SYSCALL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The operation an expectation probes: a value (path/host), a port, or a syscall with arguments. */
    public record ProbeSpec(ProbeKind kind, Value target, Int port, Ident syscall, List<NumberExpr> args, Span span) {
        public ProbeSpec {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }
}

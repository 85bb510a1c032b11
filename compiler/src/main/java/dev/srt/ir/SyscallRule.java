package dev.srt.ir;

import java.util.List;

/**
 * One system call with optional argument conditions (all must hold) and its action.
 * {@code optional} means the call may be missing on an architecture (then the rule is left
 * out there instead of failing the compile).
 */
public record SyscallRule(String name, List<ArgCondition> conditions, Action action, boolean optional,
                          String because, Span span) {
    public SyscallRule {
        conditions = List.copyOf(conditions);
    }

    public boolean matches(long[] args) {
        for (ArgCondition c : conditions) if (!c.test(args[c.arg()])) return false;
        return true;
    }

    public String render() {
        StringBuilder b = new StringBuilder(action.render()).append(' ').append(name);
        if (!conditions.isEmpty()) {
            b.append('(');
            for (int i = 0; i < conditions.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(conditions.get(i).render());
            }
            b.append(')');
        }
        return b.toString();
    }
}

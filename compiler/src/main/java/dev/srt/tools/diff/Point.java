package dev.srt.tools.diff;

import dev.srt.ir.EnvPolicy;
import dev.srt.ir.OptionSetting;
import dev.srt.ir.Policy;
import dev.srt.ir.Probe;
import dev.srt.ir.RuntimeContext;
import dev.srt.ir.SandboxOption;
import dev.srt.ir.Span;
import dev.srt.ir.eval.Decision;
import dev.srt.ir.eval.Evaluator;
import dev.srt.ir.eval.Origin;

/** One concrete thing a sandboxed program may try, decided under a policy by the reference evaluator. */
sealed interface Point permits Point.Operation, Point.EnvVar, Point.Switch, Point.Setting {
    /** The example as shown to the reader. */
    String render();

    /** The section it belongs to: filesystem, network, syscalls, environment or sandbox. */
    String area();

    Outcome decide(Policy p);

    /** Whether it is permitted, the verdict in policy words and the rule that decided. */
    record Outcome(boolean permits, String verdict, Origin by) {
    }

    /** A probe of the IR: read, write, connect, unix, bind or a system call (paths concrete, test context). */
    record Operation(Probe probe) implements Point {
        public String render() {
            return probe.render();
        }

        public String area() {
            if (probe instanceof Probe.Read || probe instanceof Probe.Write) return "filesystem";
            if (probe instanceof Probe.Syscall) return "syscalls";
            return "network";
        }

        public Outcome decide(Policy p) {
            Decision d = new Evaluator(p, RuntimeContext.TEST).decide(probe);
            return new Outcome(d.allowed(), d.verdict(), d.decidedBy());
        }
    }

    /** An environment variable: passed in, set to a value, or removed. */
    record EnvVar(String name) implements Point {
        public String render() {
            return "environment variable " + name;
        }

        public String area() {
            return "environment";
        }

        public Outcome decide(Policy p) {
            EnvPolicy e = p.environment();
            for (EnvPolicy.Assignment a : e.set()) {
                if (a.name().equals(name)) return new Outcome(true, "set to \"" + a.value() + "\"", new Origin("set \"" + a.name() + "\"", a.span()));
            }
            for (EnvPolicy.Pattern x : e.unset()) {
                if (x.matches(name)) return new Outcome(false, "removed", new Origin("unset \"" + x.pattern() + "\"", x.span()));
            }
            if (e.pass().isEmpty()) return new Outcome(true, "passed", new Origin("every variable passes (no pass line)", Span.BUILTIN));
            for (EnvPolicy.Pattern x : e.pass()) {
                if (x.matches(name)) return new Outcome(true, "passed", new Origin("pass \"" + x.pattern() + "\"", x.span()));
            }
            return new Outcome(false, "removed", new Origin("not in any pass list", Span.BUILTIN));
        }
    }

    /**
     * A single-valued setting no probe reaches: the action for other architectures' calls, or
     * the external proxy. Both values refuse or both permit, so a change is reported as changed.
     */
    record Setting(String name) implements Point {
        public String render() {
            return name;
        }

        public String area() {
            return name.startsWith("foreign-arch") ? "syscalls" : "network";
        }

        public Outcome decide(Policy p) {
            if (name.startsWith("foreign-arch")) {
                return new Outcome(false, p.syscalls().foreignArch().render(),
                    new Origin("foreign-arch " + p.syscalls().foreignArch().render(), p.syscalls().foreignArchSpan()));
            }
            if (p.network().proxies().isEmpty()) return new Outcome(true, "srt's own proxies", new Origin("no proxy line", Span.BUILTIN));
            StringBuilder b = new StringBuilder();
            Span at = Span.BUILTIN;
            for (dev.srt.ir.ExternalProxy x : p.network().proxies()) {
                if (b.length() > 0) b.append(", ");
                b.append(x.kind().word()).append(' ').append(x.host()).append(':').append(x.port());
                at = x.span();
            }
            return new Outcome(true, "external proxy " + b, new Origin("proxy " + b, at));
        }
    }

    /** A sandbox switch: every switch weakens the sandbox, so turning one on is a grant. */
    record Switch(SandboxOption option) implements Point {
        public String render() {
            return "sandbox switch " + option.key;
        }

        public String area() {
            return "sandbox";
        }

        public Outcome decide(Policy p) {
            for (OptionSetting o : p.options()) {
                if (o.option() == option) return new Outcome(true, "on", new Origin(option.key, o.span()));
            }
            return new Outcome(false, "off", new Origin("switch not set", Span.BUILTIN));
        }
    }
}

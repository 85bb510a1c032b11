package dev.srt.runner.cli;

import dev.srt.runner.linux.Doctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code srt doctor}: checks what the sandbox needs on this host and names the fix for each problem. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Checks bubblewrap, user namespaces, seccomp, Landlock and socat on this host.")
public final class DoctorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return Doctor.run(System.out);
    }
}

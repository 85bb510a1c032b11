package dev.srt.backend.seccomp;

/** {@code struct seccomp_data} (linux/seccomp.h): what a filter sees of one system call. */
public record SeccompData(int nr, int arch, long instructionPointer, long[] args) {
    public SeccompData {
        if (args.length != 6) throw new IllegalArgumentException("six arguments");
        args = args.clone();
    }

    @Override
    public long[] args() {
        return args.clone();
    }

    /** The 32-bit word at a byte offset, little-endian as on x86_64 and aarch64. */
    public int word(int offset) {
        if (offset == 0) return nr;
        if (offset == 4) return arch;
        if (offset == 8) return (int) instructionPointer;
        if (offset == 12) return (int) (instructionPointer >>> 32);
        long a = args[(offset - 16) / 8];
        return (offset % 8 == 0) ? (int) a : (int) (a >>> 32);
    }
}

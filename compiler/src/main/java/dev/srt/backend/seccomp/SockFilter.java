package dev.srt.backend.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one place that renders a program as bytes: an array of {@code struct sock_filter}
 * ({@code u16 code; u8 jt; u8 jf; u32 k}), little-endian as on x86_64 and aarch64, exactly as
 * {@code seccomp(SECCOMP_SET_MODE_FILTER)} and {@code bwrap --seccomp FD} take it.
 */
public final class SockFilter {
    private SockFilter() {
    }

    public static byte[] encode(Program p) {
        ByteBuffer b = ByteBuffer.allocate(p.size() * Insn.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Insn i : p.insns()) {
            b.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return b.array();
    }
}

package dev.srt.runner.policy;

import dev.srt.runner.SrtException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the sections of a compiled.bin (layout: {@link dev.srt.artifact.ArtifactFormat}) with the
 * same checks (magic, format, length, SHA-256 checksum, section bounds) but without decoding the
 * IR section: the runner needs only the back-end sections, and decoding the IR costs about a
 * hundred milliseconds of start-up. {@code CompiledPolicyReaderTest} keeps the two readers in
 * agreement.
 */
public final class CompiledPolicyReader {
    private static final byte[] MAGIC = {(byte) 0x89, 'S', 'R', 'T', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int CHECKSUM_AT = 14;
    private static final int HEADER_FIXED = 46;
    private static final int FORMAT = 1;

    private CompiledPolicyReader() {
    }

    public static Map<String, byte[]> sections(byte[] data) throws SrtException {
        return sections(data, true);
    }

    /**
     * As {@link #sections(byte[])}; {@code verifyChecksum} false skips only the SHA-256 (about 25 ms
     * of start-up) for the default policy inside srt's own jar, which is as trusted as the code.
     */
    public static Map<String, byte[]> sections(byte[] data, boolean verifyChecksum) throws SrtException {
        if (data.length >= 4 && new String(data, 0, 4, StandardCharsets.ISO_8859_1).equals("srt ")) {
            throw new SrtException("this is policy source, not compiled.bin: name it *.srt or compile it with `srtc compile`");
        }
        if (data.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new SrtException("not an srt compiled policy (bad magic bytes)");
        }
        if (data.length < HEADER_FIXED) throw new SrtException("truncated compiled policy");
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int format = Short.toUnsignedInt(in.getShort(8));
        if (format != FORMAT) {
            throw new SrtException("compiled.bin format " + format + " is not supported by this srt (" + FORMAT + "); recompile the policy");
        }
        long length = Integer.toUnsignedLong(in.getInt(10));
        if (data.length != length) throw new SrtException("corrupted compiled policy: length mismatch");
        byte[] copy = data.clone();
        Arrays.fill(copy, CHECKSUM_AT, CHECKSUM_AT + 32, (byte) 0);
        if (verifyChecksum && !MessageDigest.isEqual(Arrays.copyOfRange(data, CHECKSUM_AT, CHECKSUM_AT + 32), sha256(copy))) {
            throw new SrtException("corrupted compiled policy: checksum mismatch");
        }
        try {
            in.position(HEADER_FIXED);
            skip(in, Short.toUnsignedInt(in.getShort())); // compiler version
            skip(in, 32);                                  // sources digest
            int count = Short.toUnsignedInt(in.getShort());
            Map<String, byte[]> out = new HashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                long len = Integer.toUnsignedLong(in.getInt());
                if (len > in.remaining()) throw new SrtException("corrupted compiled policy: a section runs past the end");
                byte[] body = new byte[(int) len];
                in.get(body);
                out.put(new String(name, StandardCharsets.UTF_8), body);
            }
            if (in.hasRemaining()) throw new SrtException("corrupted compiled policy: bytes after the last section");
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SrtException("corrupted compiled policy: header fields run past the end");
        }
    }

    private static void skip(ByteBuffer in, int n) {
        if (n > in.remaining()) throw new BufferUnderflowException();
        in.position(in.position() + n);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.srt.artifact;

import dev.srt.ir.Policy;
import dev.srt.ir.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compiled.bin layout, little-endian:
 * <pre>
 *  0  magic        8 bytes  89 'S' 'R' 'T' 0D 0A 1A 0A  (catches text-mode mangling, like PNG)
 *  8  format       u16      {@link #FORMAT_VERSION}
 * 10  length       u32      total file length
 * 14  checksum     u32      CRC-32 (as in zip and PNG) of the whole file with this field zeroed
 * 18  compiler     u16 length + UTF-8 compiler version
 *     sources      32 bytes SHA-256 over the sources (name NUL sha256 LF, in precedence order)
 *     count        u16 number of sections
 *     sections     u16 name length + UTF-8 name, u32 data length + data; sorted by name
 * </pre>
 * Writing is deterministic: the same IR and sections give the same bytes.
 *
 * <p>The checksum detects damage (every burst of up to 32 bits, and all but 2^-32 of other
 * damage); it is not a signature, which no unkeyed digest would be either: whoever can rewrite
 * the file can rewrite its digest. Format 1 used SHA-256, whose Java implementation costs
 * 10 ms of CPU and more at every {@code srt run} (it runs before the JIT has compiled it);
 * CRC-32 is computed natively in well under a millisecond.
 */
public final class ArtifactFormat {
    public static final int FORMAT_VERSION = 2;
    public static final String IR_SECTION = "ir";
    public static final String REPORT_SECTION = "report";
    static final byte[] MAGIC = {(byte) 0x89, 'S', 'R', 'T', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int CHECKSUM_AT = 14;
    private static final int HEADER_FIXED = 18;

    private ArtifactFormat() {
    }

    public static byte[] write(Policy policy, Map<String, byte[]> backendSections) {
        Map<String, byte[]> sections = new TreeMap<>(backendSections);
        sections.put(IR_SECTION, IrJson.write(policy));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] cv = Version.COMPILER.getBytes(StandardCharsets.UTF_8);
        writeU16(body, cv.length);
        body.writeBytes(cv);
        body.writeBytes(sourcesDigest(policy));
        writeU16(body, sections.size());
        for (Map.Entry<String, byte[]> e : sections.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            writeU16(body, name.length);
            body.writeBytes(name);
            writeU32(body, e.getValue().length);
            body.writeBytes(e.getValue());
        }
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(HEADER_FIXED + b.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) FORMAT_VERSION).putInt(HEADER_FIXED + b.length).putInt(0).put(b);
        seal(out.array());
        return out.array();
    }

    /** Reads and verifies a compiled.bin; any problem is an {@link ArtifactException} with a one-line reason. */
    public static Artifact read(byte[] data) throws ArtifactException {
        Container c = container(data);
        byte[] ir = c.sections().get(IR_SECTION);
        if (ir == null) throw new ArtifactException("corrupted: no IR section");
        Policy policy;
        try {
            policy = IrJson.readPolicy(ir);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException("corrupted: the IR section is unreadable");
        }
        HexFormat hex = HexFormat.of();
        return new Artifact(c.format(), c.compiler(), hex.formatHex(c.sources()), hex.formatHex(c.checksum()), policy, c.sections());
    }

    /** The verified header and raw sections of a compiled.bin, without decoding the IR. */
    public record Container(int format, String compiler, byte[] sources, byte[] checksum, Map<String, byte[]> sections) {
    }

    /**
     * Verifies the container (magic, format, length, checksum, section bounds) and returns the raw
     * sections; the runner uses this on its start-up path, where decoding the IR would cost time.
     */
    public static Container container(byte[] data) throws ArtifactException {
        if (data.length >= 4 && new String(data, 0, Math.min(data.length, 8), StandardCharsets.ISO_8859_1).startsWith("srt ")) {
            throw new ArtifactException("this is policy source, not compiled.bin: compile it with `srtc compile` (or pass it to --policy as .srt)");
        }
        if (data.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new ArtifactException("not an srt compiled policy (bad magic bytes)");
        }
        if (data.length < HEADER_FIXED) throw new ArtifactException("truncated: " + data.length + " bytes is shorter than the header");
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int format = Short.toUnsignedInt(in.getShort(8));
        if (format > FORMAT_VERSION) {
            throw new ArtifactException("compiled.bin format " + format + " is newer than this srt reads (" + FORMAT_VERSION + "); upgrade srt or recompile");
        }
        if (format < FORMAT_VERSION) {
            throw new ArtifactException("compiled.bin format " + format + " is older than this srt reads (" + FORMAT_VERSION
                + "); recompile the policy with this srtc");
        }
        long length = Integer.toUnsignedLong(in.getInt(10));
        if (data.length < length) throw new ArtifactException("truncated: expected " + length + " bytes, found " + data.length);
        if (data.length > length) throw new ArtifactException("corrupted: " + (data.length - length) + " unexpected bytes after the end");
        byte[] stored = Arrays.copyOfRange(data, CHECKSUM_AT, CHECKSUM_AT + 4);
        verifyChecksum(data);
        try {
            in.position(HEADER_FIXED);
            String compiler = new String(bytes(in, Short.toUnsignedInt(in.getShort())), StandardCharsets.UTF_8);
            byte[] sources = bytes(in, 32);
            int count = Short.toUnsignedInt(in.getShort());
            Map<String, byte[]> sections = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = new String(bytes(in, Short.toUnsignedInt(in.getShort())), StandardCharsets.UTF_8);
                long len = Integer.toUnsignedLong(in.getInt());
                if (len > in.remaining()) throw new ArtifactException("corrupted: section " + name + " runs past the end");
                sections.put(name, bytes(in, (int) len));
            }
            if (in.hasRemaining()) throw new ArtifactException("corrupted: bytes after the last section");
            return new Container(format, compiler, sources, stored, sections);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new ArtifactException("corrupted: header fields run past the end");
        }
    }

    /** The whole-file checksum of a container whose header {@link #container} accepted. */
    private static void verifyChecksum(byte[] data) throws ArtifactException {
        if (data.length < HEADER_FIXED) throw new ArtifactException("truncated: " + data.length + " bytes is shorter than the header");
        int stored = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(CHECKSUM_AT);
        if (stored != crc(data)) throw new ArtifactException("corrupted: checksum mismatch");
    }

    /**
     * Writes the checksum of {@code data} into its header: for {@link #write}, and for tests that
     * change a container on purpose and need only their change to be objected to.
     */
    public static void seal(byte[] data) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(CHECKSUM_AT, crc(data));
    }

    /** CRC-32 of {@code data} with the checksum field read as zeros, without copying the file. */
    private static int crc(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data, 0, CHECKSUM_AT);
        crc.update(new byte[4]);
        crc.update(data, CHECKSUM_AT + 4, data.length - CHECKSUM_AT - 4);
        return (int) crc.getValue();
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        if (n > in.remaining()) throw new java.nio.BufferUnderflowException();
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    static byte[] sourcesDigest(Policy p) {
        StringBuilder b = new StringBuilder();
        for (SourceRef s : p.sources()) b.append(s.name()).append('\0').append(s.sha256()).append('\n');
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] b) {
        return sha256().digest(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeU16(ByteArrayOutputStream o, int v) {
        if (v > 0xFFFF) throw new IllegalArgumentException("field too long: " + v);
        o.write(v & 0xFF);
        o.write(v >>> 8);
    }

    private static void writeU32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) o.write((int) (v >>> (8 * i)) & 0xFF);
    }
}

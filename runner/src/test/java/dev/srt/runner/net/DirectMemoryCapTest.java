package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The proxy under {@code bin/srt}'s own JVM flags (read from the launcher, so the test follows
 * it): {@value #CLIENTS} plain-HTTP downloads whose clients all stop reading at once and then
 * read on must all complete. The small heap (-Xmx64m) would also cap direct memory at 64 MB,
 * where the pool cannot hold what that many stalled connections queue and the proxy closes the
 * connections it cannot read into (or leaves them hanging: a response head it cannot encode is
 * never sent); bin/srt sets -XX:MaxDirectMemorySize for that reason. Measured: fails at 64 MB
 * (clients wait for heads), passes at 128 MB and 256 MB.
 */
class DirectMemoryCapTest {
    static final int CLIENTS = 200;
    static final long SIZE = 4L << 20;

    @Test
    void stalledDownloadsAllCompleteUnderTheLaunchersFlags() throws Exception {
        Outcome o = stalledDownloads(List.of());
        assertEquals(CLIENTS, o.heads, () -> "not every client got its head; proxy stderr: " + o.stderr);
        assertEquals(CLIENTS, o.complete, () -> "downloads completed in full; proxy stderr: " + o.stderr);
    }

    /**
     * Past the cap (here 32 MB) the pool refuses a new chunk at once, so only the connections it
     * cannot read for are closed: every client gets its head or an end promptly, some
     * downloads complete, and the proxy answers a new request afterwards. Without the refusal
     * the JDK's reservation retry (System.gc() and sleeps, on the event loop) stalls every
     * connection: clients were still waiting for their heads after a minute.
     */
    @Test
    void pastTheCapSomeConnectionsAreClosedAndTheRestGoOn() throws Exception {
        Outcome o = stalledDownloads(List.of("-XX:MaxDirectMemorySize=32m"));
        assertEquals(CLIENTS, o.heads, () -> "clients left waiting for a head; proxy stderr: " + o.stderr);
        assertTrue(o.complete > 0, () -> "no download completed; proxy stderr: " + o.stderr);
        assertEquals(200, o.afterwards, () -> "the proxy did not answer afterwards; proxy stderr: " + o.stderr);
    }

    /** What {@link #stalledDownloads} saw. */
    record Outcome(int heads, int complete, int afterwards, String stderr) {
    }

    /** Runs {@value #CLIENTS} stalled downloads through a proxy JVM with bin/srt's flags plus {@code extra}. */
    private static Outcome stalledDownloads(List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(launcherFlags());
        cmd.addAll(extra); // a later -XX flag overrides an earlier one
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ProxyChild.class.getName()));
        Path err = Files.createTempFile("proxy-child", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (TestServers servers = new TestServers()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("HTTP_PROXY "), () -> line + " " + read(err));
            URI proxy = URI.create(line.substring("HTTP_PROXY ".length()));
            String basic = java.util.Base64.getEncoder().encodeToString(proxy.getUserInfo().getBytes(StandardCharsets.US_ASCII));
            String target = "127.0.0.1:" + servers.httpPort();
            CountDownLatch heads = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger complete = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket()) {
                        s.setReceiveBufferSize(32 * 1024); // before connect: the proxy, not the kernel, holds the rest
                        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), proxy.getPort()));
                        s.setSoTimeout(60_000);
                        OutputStream o = s.getOutputStream();
                        o.write(request(target, "/big?n=" + SIZE, basic));
                        InputStream in = s.getInputStream();
                        boolean ok = ProxyFixture.readHead(in).startsWith("HTTP/1.1 200");
                        heads.countDown();
                        go.await();
                        long n = 0;
                        byte[] buf = new byte[8192];
                        for (int r; (r = in.read(buf)) > 0; ) n += r;
                        if (ok && n == SIZE) complete.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        heads.countDown(); // closed (or reset) by the proxy: an end, not a wait
                    }
                });
                t.start();
                threads.add(t);
            }
            heads.await(60, TimeUnit.SECONDS);
            int headCount = CLIENTS - (int) heads.getCount();
            Thread.sleep(1500); // the proxy reads from upstream until each client's queue is full
            go.countDown();
            for (Thread t : threads) t.join(120_000);
            int afterwards;
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), proxy.getPort())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(request(target, "/", basic));
                String head = ProxyFixture.readHead(s.getInputStream());
                afterwards = head.isEmpty() ? -1 : Integer.parseInt(head.split(" ")[1]);
            }
            return new Outcome(headCount, complete.get(), afterwards, read(err));
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    private static byte[] request(String target, String path, String basic) {
        return ("GET http://" + target + path + " HTTP/1.1\r\nHost: " + target + "\r\nProxy-Authorization: Basic " + basic
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The JVM flags bin/srt starts srt with (its {@code flags="..."} list). */
    static List<String> launcherFlags() throws IOException {
        String launcher = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("bin").resolve("srt"));
        Matcher m = Pattern.compile("(?s)\\nflags=\"(.*?)\"\\n").matcher(launcher);
        assertTrue(m.find(), "no flags=\"...\" in bin/srt");
        List<String> flags = new ArrayList<>();
        for (String f : m.group(1).trim().split("\\s+")) {
            if (!f.isEmpty()) flags.add(f);
        }
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), flags.toString());
        return flags;
    }
}

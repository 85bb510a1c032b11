package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The parts of the take that need no relay: the TCP table, adoption, the host check. */
class ListenerTakeTest {
    private static final String TABLE = String.join("\n",
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0100007F:0438 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 77001 1 0000 100 0 0 10 0",
        "   1: 0100007F:0C38 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 77002 1 0000 100 0 0 10 0",
        "   2: 0100007F:0C38 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1001        0 77003 1 0000 20 4 30 10 -1",
        "");

    @Test
    void theListeningSocketsInodeIsReadFromItsLine() {
        assertEquals(77002, ListenerTake.listeningInode(TABLE, 3128)); // not the connected socket on the same port
        assertEquals(77001, ListenerTake.listeningInode(TABLE, 1080));
        assertEquals(-1, ListenerTake.listeningInode(TABLE, 8080));
        assertEquals(-1, ListenerTake.listeningInode("", 3128));
    }

    /** A descriptor of a listening socket becomes an NIO channel that accepts (this JVM has sun.nio.ch opened, as bin/srt gives it). */
    @Test
    void anAdoptedDescriptorAccepts() throws Exception {
        try (ServerSocketChannel original = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET)) {
            original.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int fd = -1;
            int port = ((InetSocketAddress) original.getLocalAddress()).getPort();
            long inode = ListenerTake.listeningInode(Files.readString(Path.of("/proc/self/net/tcp")), port);
            try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path p : fds) {
                    try {
                        if (Files.readSymbolicLink(p).toString().equals("socket:[" + inode + "]")) fd = Integer.parseInt(p.getFileName().toString());
                    } catch (java.io.IOException gone) {
                        // the directory stream's own descriptor
                    }
                }
            }
            assertTrue(fd >= 0);
            // a copy, as pidfd_getfd would give: adopting the original's number would close it twice
            int pidfd = (int) LinuxCalls.syscall(LinuxCalls.SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0);
            int copy = (int) LinuxCalls.syscall(LinuxCalls.SYS_PIDFD_GETFD, pidfd, fd);
            LinuxCalls.close(pidfd);
            try (ServerSocketChannel adopted = ListenerTake.adopt(copy);
                 SocketChannel client = SocketChannel.open(original.getLocalAddress());
                 SocketChannel accepted = adopted.accept()) {
                assertEquals(original.getLocalAddress(), adopted.getLocalAddress());
                assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
            }
        }
    }

    /** Looking in a namespace whose keeper has gone says so, rather than taking anything. */
    @Test
    void aKeeperThatIsGoneIsRefused() {
        assertThrows(ListenerTake.NotTaken.class, () -> ListenerTake.find(Long.MAX_VALUE, java.util.List.of(3128)));
    }

    /** This machine kind has Linux 5.6+ and no Yama restriction beyond descendants. */
    @Test
    void theTakeIsAvailableHere() {
        assertNull(ListenerTake.unavailable());
    }
}

package dev.srt.runner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A WebSocket upgrade (RFC 6455) through a CONNECT tunnel, client in python3, server on 127.0.0.1. */
class WebSocketTunnelTest {
    @Test
    void upgradeAndEchoOneFrame() throws Exception {
        try (ServerSocket ws = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                try (Socket s = ws.accept()) {
                    serve(s);
                } catch (Exception e) {
                    // the test fails on the client side
                }
            });
            server.setDaemon(true);
            server.start();
            try (ProxyFixture p = new ProxyFixture(Rules.policy().allow("api.example.test", "127.0.0.1"))) {
                String py = String.join("\n",
                    "import socket,os,sys,base64",
                    "s=socket.create_connection(('127.0.0.1',int(sys.argv[1])))",
                    "t='api.example.test:'+sys.argv[2]",
                    "s.sendall(('CONNECT %s HTTP/1.1\\r\\nHost: %s\\r\\nProxy-Authorization: Basic %s\\r\\n\\r\\n'%(t,t,sys.argv[3])).encode())",
                    "f=s.makefile('rb')",
                    "assert f.readline().split()[1]==b'200'",
                    "while f.readline()!=b'\\r\\n': pass",
                    "key=base64.b64encode(os.urandom(16)).decode()",
                    "s.sendall(('GET /chat HTTP/1.1\\r\\nHost: %s\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                        + "Sec-WebSocket-Key: %s\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n'%(t,key)).encode())",
                    "status=f.readline().split()[1]",
                    "while f.readline()!=b'\\r\\n': pass",
                    "m=os.urandom(4); data=b'hello through the tunnel'",
                    "s.sendall(bytes([0x81,0x80|len(data)])+m+bytes(b^m[i%4] for i,b in enumerate(data)))",
                    "h=f.read(2); payload=f.read(h[1]&0x7f)",
                    "print(status.decode(), payload.decode())");
                Curl.Result r = Curl.run("python3", "-c", py, String.valueOf(p.port()), String.valueOf(ws.getLocalPort()), p.basic());
                assertEquals("101 hello through the tunnel", r.out().trim(), r.err());
            }
        }
    }

    private static void serve(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        String head = ProxyFixture.readHead(in);
        String key = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) key = line.substring(18).trim();
        }
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
            + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        DataInputStream d = new DataInputStream(in);
        int b0 = d.readUnsignedByte();
        int len = d.readUnsignedByte() & 0x7f;
        byte[] mask = new byte[4];
        d.readFully(mask);
        byte[] payload = new byte[len];
        d.readFully(payload);
        for (int i = 0; i < len; i++) payload[i] ^= mask[i % 4];
        out.write(new byte[] {(byte) b0, (byte) len});
        out.write(payload);
        out.flush();
        Thread.sleep(200);
    }
}

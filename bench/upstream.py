#!/usr/bin/env python3
"""Loopback upstream for bench/proxy.sh: HTTP/1.1 keep-alive server (GET /big?n=BYTES via
sendfile from a sparse file, GET /small) and a TCP echo server. Prints its two ports."""
import os, socket, sys, tempfile, threading

def serve_http(conn, big_fd):
    f = conn.makefile('rb')
    try:
        while True:
            line = f.readline()
            if not line:
                return
            path = line.split()[1].decode()
            while f.readline() not in (b'\r\n', b'\n', b''):
                pass
            if path.startswith('/big'):
                n = int(path.split('n=')[1]) if 'n=' in path else 1 << 30
                conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n' % n)
                off = 0
                while off < n:
                    sent = os.sendfile(conn.fileno(), big_fd, off, min(n - off, 1 << 30))
                    if sent == 0:
                        return
                    off += sent
            else:
                conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n')
    except (ConnectionError, OSError):
        pass
    finally:
        conn.close()

def serve_echo(conn):
    try:
        while True:
            b = conn.recv(65536)
            if not b:
                return
            conn.sendall(b)
    except (ConnectionError, OSError):
        pass
    finally:
        conn.close()

def loop(sock, fn, *extra):
    while True:
        c, _ = sock.accept()
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=fn, args=(c,) + extra, daemon=True).start()

def listener():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', 0))
    s.listen(2048)
    return s

big = tempfile.TemporaryFile()
big.truncate(1 << 30)  # sparse: sendfile reads zero pages, no disk
http, echo = listener(), listener()
print(http.getsockname()[1], echo.getsockname()[1], flush=True)
threading.Thread(target=loop, args=(echo, serve_echo), daemon=True).start()
loop(http, serve_http, big.fileno())

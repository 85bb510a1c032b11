#!/usr/bin/env python3
"""Opens N concurrent CONNECT tunnels through the proxy bridge to the echo server, holds them
all open, then does one round trip on each. Prints: opened, round trips ok, errors."""
import base64, socket, sys

bridge, echo, secret, n = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
auth = base64.b64encode(('srt:' + secret).encode()).decode()
socks, errors = [], 0
for i in range(n):
    try:
        s = socket.create_connection(('127.0.0.1', bridge), timeout=30)
        s.sendall(('CONNECT 127.0.0.1:%d HTTP/1.1\r\nProxy-Authorization: Basic %s\r\n\r\n' % (echo, auth)).encode())
        head = b''
        while not head.endswith(b'\r\n\r\n'):
            b = s.recv(1)
            if not b:
                raise ConnectionError('closed')
            head += b
        if b' 200 ' not in head.split(b'\r\n')[0] + b' ':
            raise ConnectionError(head[:40])
        socks.append(s)
    except OSError as e:
        errors += 1
ok = 0
for i, s in enumerate(socks):
    try:
        msg = b'tunnel %d\n' % i
        s.sendall(msg)
        got = b''
        while len(got) < len(msg):
            b = s.recv(len(msg) - len(got))
            if not b:
                break
            got += b
        ok += got == msg
    except OSError:
        pass
print(len(socks), ok, errors + (len(socks) - ok))
for s in socks:
    s.close()

#!/usr/bin/env python3
"""Holds N idle keep-alive connections to a running server, then times normal
requests on a fresh connection and reads the server's RSS.

    python3 Benchmarks/idle_connections.py PORT PID [N=10000]
(raise `ulimit -n` first: the script needs N + a few descriptors)."""
import socket, sys, time

port, pid = int(sys.argv[1]), int(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000

def rss_mib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

def timed_get(path="/health"):
    start = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    s.close()
    return (time.perf_counter() - start) * 1000, data.split(b" ", 2)[1].decode()

before = rss_mib()
held = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    # One request each, so every connection is a real idle keep-alive connection.
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    held.append(s)
for s in held:
    s.recv(4096)
time.sleep(1)
after = rss_mib()
samples = sorted(timed_get()[0] for _ in range(50))
ms, status = timed_get("/rooms?district=St.%20J%C3%BCrgen&page=10")
print(f"idle connections held: {len(held)}")
print(f"server RSS: {before:.1f} MiB before, {after:.1f} MiB with them")
print(f"GET /health on a new connection meanwhile: p50 {samples[25]:.2f} ms, max {samples[-1]:.2f} ms (50 requests)")
print(f"GET /rooms meanwhile: status {status}, {ms:.2f} ms")

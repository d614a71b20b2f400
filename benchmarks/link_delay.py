"""A TCP proxy that delays what passes through it, each way, as a network link between hosts would.

    python -m benchmarks.link_delay --to /tmp/samvad-pg-XXXX/.s.PGSQL.5432 --delay-ms 0.5 [--listen 127.0.0.1:6432]

Every chunk read from one side is written to the other `--delay-ms` after it was read (chunks that arrive
meanwhile are not held behind it: each keeps its own time), so a round trip through the proxy costs twice the
delay on top of the server's own time. It prints `listening on HOST:PORT` once ready and runs until SIGTERM or
Ctrl-C. `--to` is a Unix socket path or HOST:PORT.

What it is for: `samvad bench --database-url postgresql://postgres@127.0.0.1:6432/DB` measures the bot with its
PostgreSQL server across such a link (the compose file's instances and database on separate hosts, say), where
each round trip to the server costs the link's latency, not only the server's CPU. It runs in a process of its
own with a thread per direction of each connection (the waits are `time.sleep`'s, precise to about 0.1 ms here).
"""

from __future__ import annotations

import argparse
import queue
import signal
import socket
import sys
import threading
import time
from collections.abc import Sequence

CHUNK = 65536


def _connect(target: str) -> socket.socket:
    if target.startswith("/"):
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(target)
        return upstream
    host, _, port = target.rpartition(":")
    upstream = socket.create_connection((host, int(port)))
    upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return upstream


def _pump(source: socket.socket, sink: socket.socket, delay: float) -> None:
    """Copy source to sink, each chunk written `delay` seconds after it was read."""
    due: queue.SimpleQueue[tuple[float, bytes] | None] = queue.SimpleQueue()

    def write() -> None:
        while (item := due.get()) is not None:
            at, data = item
            wait = at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                sink.sendall(data)
            except OSError:
                break
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        while data := source.recv(CHUNK):
            due.put((time.monotonic() + delay, data))
    except OSError:
        pass
    due.put(None)
    writer.join()


def _serve(client: socket.socket, target: str, delay: float) -> None:
    try:
        upstream = _connect(target)
    except OSError as error:
        print(f"cannot reach {target}: {error}", file=sys.stderr, flush=True)
        client.close()
        return
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    there = threading.Thread(target=_pump, args=(client, upstream, delay), daemon=True)
    there.start()
    _pump(upstream, client, delay)
    there.join()
    client.close()
    upstream.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.link_delay", description=__doc__.split("\n\n")[0])
    parser.add_argument("--to", required=True, help="the server: a Unix socket path or HOST:PORT")
    parser.add_argument("--delay-ms", type=float, required=True, help="added to each chunk, each way")
    parser.add_argument("--listen", default="127.0.0.1:6432", help="HOST:PORT to accept connections on")
    args = parser.parse_args(argv)
    if args.delay_ms < 0:
        parser.error("--delay-ms cannot be negative")
    host, _, port = args.listen.rpartition(":")
    listener = socket.create_server((host, int(port)), reuse_port=False)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"listening on {host}:{listener.getsockname()[1]}", flush=True)
    try:
        while True:
            client, _ = listener.accept()
            threading.Thread(target=_serve, args=(client, args.to, args.delay_ms / 1000), daemon=True).start()
    except KeyboardInterrupt:
        return 0
    finally:
        listener.close()


if __name__ == "__main__":
    sys.exit(main())

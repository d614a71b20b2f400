"""`python -m benchmarks.link_delay`: the delaying proxy the PostgreSQL figures across a link are measured through.

It must pass every byte both ways, in order, over several connections at once, and close cleanly, or the figures
measured through it would be of a broken link. (How long it delays is a figure it is used to measure, not asserted.)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _echo_server(path: Path) -> socket.socket:
    """A Unix-socket server that sends back, upper-cased, whatever each connection sends, until it closes."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()

    def serve(connection: socket.socket) -> None:
        with connection:
            while data := connection.recv(4096):
                connection.sendall(data.upper())

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return server


def _exchange(port: int, lines: list[bytes]) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        received = b""
        for line in lines:
            connection.sendall(line)
        connection.shutdown(socket.SHUT_WR)
        while data := connection.recv(4096):
            received += data
    return received


def test_the_proxy_passes_every_byte_both_ways_in_order_on_connections_at_once(tmp_path: Path) -> None:
    server = _echo_server(tmp_path / "echo.sock")
    proxy = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.link_delay", "--to", str(tmp_path / "echo.sock"), "--delay-ms", "0.5",
         "--listen", "127.0.0.1:0"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proxy.stdout is not None
        ready = proxy.stdout.readline()
        assert ready.startswith("listening on 127.0.0.1:")
        port = int(ready.rsplit(":", 1)[1])
        results: dict[int, bytes] = {}
        sent = {n: [f"connection {n} line {i};".encode() for i in range(50)] + [b"x" * 100_000] for n in range(4)}
        threads = [threading.Thread(target=lambda n=n: results.__setitem__(n, _exchange(port, sent[n])))
                   for n in sent]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        server.close()
    assert {n: results.get(n) for n in sent} == {n: b"".join(sent[n]).upper() for n in sent}
    assert proxy.returncode == 0  # stopped by SIGTERM, cleanly

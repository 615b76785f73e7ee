"""A local HTTP server that answers as real sites do: 200, 301, 404, 410, slowly, or by reset."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3.0


@dataclass
class Seen:
    agents: list[str] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    seen: Seen

    def do_GET(self) -> None:
        with self.seen.lock:
            self.seen.agents.append(self.headers.get("User-Agent", ""))
        if not self.path.startswith("/hold"):
            self._answer()
            return
        with self.seen.lock:  # only /hold counts: a timed-out /slow may still be sleeping here
            self.seen.in_flight += 1
            self.seen.most_in_flight = max(self.seen.most_in_flight, self.seen.in_flight)
        try:
            self._answer()
        finally:
            with self.seen.lock:
                self.seen.in_flight -= 1

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        if path == "/reset":
            # Linger 0: closing sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path == "/hold":
            time.sleep(0.2)
        status, location = {
            "/moved": (301, "/ok?from=moved"),
            "/loop": (301, "/loop"),
            "/missing": (404, None),
            "/gone": (410, None),
        }.get(path, (200, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        try:
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting (the slow answer)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def stub_server() -> Iterator[tuple[str, Seen]]:
    seen = Seen()
    handler = type("Handler", (_Handler,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()

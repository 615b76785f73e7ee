"""Request limits, against the real server (`courseatlas serve`) as it runs in production."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from courseatlas.http.limits import MAX_BODY_BYTES, MAX_HEAD_BYTES, MAX_HEADERS, MAX_REQUEST_LINE
from tests.web.live import served_data_dir

pytestmark = pytest.mark.slow  # a real server per module, and a slow client


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    with served_data_dir(tmp_path_factory.mktemp("limits")) as url:
        parts = urlsplit(url)
        yield parts.hostname or "", parts.port or 0


def _exchange(server: tuple[str, int], request: bytes) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def _get(path: str, *headers: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_head_too_large_is_refused(server: tuple[str, int]) -> None:
    big = [f"X-Filler-{n}: {'a' * 1000}" for n in range(MAX_HEAD_BYTES // 1000 + 2)]
    status, _, _ = _exchange(server, _get("/healthz", *big))
    assert status == 431  # by the server while incomplete, by the app once whole


def test_a_huge_head_is_cut_short(server: tuple[str, int]) -> None:
    """50 MB of header held in memory per connection: refused after the first kilobytes."""
    sent = 0
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        try:
            while sent < 50 * 2**20:
                sock.sendall(b"a" * 65536)
                sent += 65536
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert sent < 50 * 2**20


def test_an_incomplete_head_over_the_limit_is_refused_at_once(server: tuple[str, int]) -> None:
    filler = "".join(f"X-Filler-{n}: {'a' * 1000}\r\n" for n in range(MAX_HEAD_BYTES // 1000 + 2))
    status, headers, body = _exchange(server, f"GET /healthz HTTP/1.1\r\n{filler}".encode())
    assert status == 431 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["detail"] == (
        f"the request line and headers have at most {MAX_HEAD_BYTES:,} bytes"
    )


def test_a_body_sent_with_its_head_is_not_counted_as_head(server: tuple[str, int]) -> None:
    body = b"x" * (4 * MAX_HEAD_BYTES)
    head = (
        "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    status, _, answer = _exchange(server, head.encode() + body)
    assert status == 405 and json.loads(answer)["title"] == "Method Not Allowed"


def test_pipelined_requests_are_answered_in_order(server: tuple[str, int]) -> None:
    keep = _get("/healthz").replace(b"Connection: close", b"X-First: 1")
    status, _, body = _exchange(server, keep + _get("/api/v1/search?q=zzzz"))
    assert status == 200
    assert body.count(b"HTTP/1.1 200") == 1 and b'"total":0' in body


def test_many_pipelined_requests_are_not_taken_for_one_head(server: tuple[str, int]) -> None:
    """The bytes of requests already whole are not counted into the head that follows: here
    the first read ends inside a head, after 60 KiB of whole requests."""
    keep = _get("/healthz").replace(b"Connection: close", b"X-Filler: " + b"a" * 200)
    requests = keep * (4 * MAX_HEAD_BYTES // len(keep)) + _get("/healthz")
    cut = len(keep) * (4 * MAX_HEAD_BYTES // len(keep) - 1) + 30  # inside the last kept head
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(requests[:cut])
        time.sleep(0.5)  # read by the server on its own
        sock.sendall(requests[cut:])
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert b"HTTP/1.1 431" not in data
    assert data.count(b"HTTP/1.1 200") == requests.count(b"GET ")


def test_too_many_headers_are_refused(server: tuple[str, int]) -> None:
    status, headers, body = _exchange(server, _get("/healthz", *(f"X-{n}: 1" for n in range(120))))
    assert status == 431
    assert json.loads(body)["detail"] == f"a request has at most {MAX_HEADERS} headers"
    assert headers["x-content-type-options"] == "nosniff" and headers["x-request-id"]


def test_a_request_line_too_long_is_refused(server: tuple[str, int]) -> None:
    status, _, body = _exchange(server, _get("/api/v1/search?q=" + "a" * MAX_REQUEST_LINE))
    assert status == 414 and json.loads(body)["title"] == "URI Too Long"


def test_a_body_too_large_is_refused_before_it_is_read(server: tuple[str, int]) -> None:
    request = (
        "POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n"
    ).encode()
    status, _, body = _exchange(server, request)
    assert status == 413 and json.loads(body)["title"] == "Content Too Large"


def test_a_client_slow_to_send_its_head_is_cut_off(server: tuple[str, int]) -> None:
    """Slowloris: a header byte every half second would hold the connection for ever."""
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        closed = False
        for _ in range(200):  # up to 100 s of trickling, far beyond the deadline
            try:
                sock.sendall(b"a")
                sock.settimeout(0.5)
                closed = sock.recv(1024) == b""
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = True
            if closed:
                break
        assert closed


def test_a_normal_request_is_served(server: tuple[str, int]) -> None:
    status, _, body = _exchange(server, _get("/healthz", "User-Agent: test"))
    assert status == 200 and json.loads(body) == {"status": "ok"}

"""One HTTP POST with an overall deadline, on the standard library only.

A socket timeout bounds each read, not the request: a server that sends one byte every 5 s
never trips a 15 s read timeout and keeps the caller waiting for ever. Here every read gets
the time that is *left* of one deadline, so a request ends on time whatever the server does.
Failures are told apart, because the fix differs: :class:`RefusedError` (nothing listens, host
unknown), :class:`TimedOutError` (no full answer before the deadline), :class:`HttpError` (the
server answered with an error status). A reply that is not LanguageTool's JSON is the caller's
to judge. Loopback never goes through an environment proxy; other hosts honour ``https_proxy``.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.parse
import urllib.request

MAX_REPLY_BYTES = 64 * 1024 * 1024  # far above any real reply; stops a server that never ends
_CHUNK = 64 * 1024
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class RequestFailedError(Exception):
    """Base class; ``str()`` is a one-line reason for a person."""


class RefusedError(RequestFailedError):
    """No connection: nothing listens there, or the host name is unknown."""


class TimedOutError(RequestFailedError):
    """The whole answer did not arrive before the deadline."""


class HttpError(RequestFailedError):
    """The server answered with a non-2xx status; ``first_line`` is the start of its body."""

    def __init__(self, status: int, first_line: str) -> None:
        super().__init__(f"HTTP {status} {first_line}".strip())
        self.status = status
        self.first_line = first_line


def _proxy_for(parts: urllib.parse.SplitResult) -> urllib.parse.SplitResult | None:
    host = parts.hostname or ""
    if host in _LOOPBACK or urllib.request.proxy_bypass(host):
        return None
    proxy = urllib.request.getproxies().get(parts.scheme)
    return urllib.parse.urlsplit(proxy) if proxy else None


def post_form(url: str, fields: dict[str, str], deadline_s: float) -> bytes:
    """POST ``fields`` form-encoded to ``url``; the body of a 2xx answer.

    Raises :class:`RefusedError`, :class:`TimedOutError` or :class:`HttpError`; never waits much
    longer than ``deadline_s`` in total (connect, send and every read share it).
    """
    return _request(url, urllib.parse.urlencode(fields).encode("utf-8"), deadline_s)


def get_within(url: str, deadline_s: float) -> bytes:
    """GET ``url`` under the same rules as :func:`post_form`."""
    return _request(url, None, deadline_s)


def _request(url: str, body: bytes | None, deadline_s: float) -> bytes:
    deadline = time.monotonic() + deadline_s
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedError(f"not an http(s) URL: {url}")
    proxy = _proxy_for(parts)
    target = proxy or parts
    connection_class = (
        http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(target.hostname or "", target.port, timeout=deadline_s)
    if proxy is not None and parts.scheme == "https":
        connection.set_tunnel(parts.hostname or "", parts.port)
    path = url if proxy is not None and parts.scheme == "http" else _path_of(parts)
    try:
        try:
            connection.connect()
        except (ConnectionError, socket.gaierror, OSError) as error:
            if isinstance(error, TimeoutError | socket.timeout):
                raise TimedOutError(f"no connection within {deadline_s:g} s") from error
            raise RefusedError(_refusal(error)) from error
        if body is None:
            connection.request("GET", path)
        else:
            headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
            connection.request("POST", path, body=body, headers=headers)
        _limit(connection, deadline)
        response = connection.getresponse()
        data = _read_all(connection, response, deadline, deadline_s)
    except TimeoutError as error:
        raise TimedOutError(f"no complete answer within {deadline_s:g} s") from error
    except (http.client.HTTPException, ConnectionError) as error:
        raise TimedOutError(
            f"the connection broke before the answer was complete ({error})"
        ) from error
    finally:
        connection.close()
    if response.status >= 300:
        text = data.decode("utf-8", "replace").strip().splitlines()[:1] or [""]
        raise HttpError(response.status, text[0][:200])
    return data


def _path_of(parts: urllib.parse.SplitResult) -> str:
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _refusal(error: BaseException) -> str:
    if isinstance(error, socket.gaierror):
        return "host not found"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (nothing listens at that address)"
    return str(error) or type(error).__name__


def _limit(connection: http.client.HTTPConnection, deadline: float) -> None:
    """Give the next socket operation only the time left of the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    if connection.sock is not None:
        connection.sock.settimeout(left)


def _read_all(
    connection: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    deadline: float,
    deadline_s: float,
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        _limit(connection, deadline)
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_REPLY_BYTES:
            raise TimedOutError(f"the answer grew beyond {MAX_REPLY_BYTES // 2**20} MB")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimedOutError(f"no complete answer within {deadline_s:g} s")

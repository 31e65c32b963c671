"""The socket guard itself: tests may use loopback, never the outside network."""

import socket

import pytest


def test_outside_connections_are_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(OSError, match="blocked"):
            sock.connect(("93.184.216.34", 80))


def test_outside_name_lookups_are_refused():
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("example.com", 443)


def test_loopback_is_allowed():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass

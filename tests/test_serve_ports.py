"""What scripts/serve.py says when it cannot listen where it was asked to."""

from __future__ import annotations

import errno
import importlib.util
import socket
import sys

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
assert spec is not None and spec.loader is not None
serve = importlib.util.module_from_spec(spec)
sys.modules["serve"] = serve  # its dataclasses look their module up
spec.loader.exec_module(serve)


def refusing(error: OSError) -> type[socket.socket]:
    class Refusing(socket.socket):
        def bind(self, address: object) -> None:
            raise error

    return Refusing


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "needs privileges this user lacks"),
        (OSError(errno.EADDRINUSE, "Address already in use"), "already in use"),
        (OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"), "Cannot assign requested address"),
    ],
    ids=["no-permission", "in-use", "other"],
)
def test_each_reason_a_port_cannot_be_used_is_named(monkeypatch, error, words):
    monkeypatch.setattr(serve.socket, "socket", refusing(error))
    problem = serve.port_problem(81)
    assert problem is not None and words in problem
    if not isinstance(error, PermissionError):
        assert "privileges" not in problem


def test_a_free_port_has_no_problem():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert serve.port_problem(port) is None

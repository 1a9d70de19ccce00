"""Hostile websocket clients are cut off at the protocol; the readers beside them never notice."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets

from bench.protocol import one_session
from tests.e2e.server import streamlit_server

QUERY = "regions=liaoning&regions=ningxia"
READERS = 8


async def hostile(url: str, frame: bytes | str) -> int:
    """Send one frame and report how the server ended the connection: its close code, or 0 for none sent.

    Bounded in time: a server that kept the connection open would fail the test by timeout.
    """
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with asyncio.timeout(60):
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=2**24) as ws:
            try:
                await ws.send(frame)  # a frame past the server's limit is refused while it is sent
                while True:
                    await ws.recv()
            except websockets.ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else 0


def run(coroutine):
    """Run a coroutine on a thread of its own: Playwright's sync browser may own this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=300)


FRAMES = {
    "garbage": (b"\xff\x00\x13 not a protobuf \x99" * 10, 1002),
    "truncated-backmsg": (b"\x2a\xff\xff\xff\x0f", 1002),
    "oversized-2mb": (b"\x00" * (2 * 2**20), 1009),
    "oversized-20mb": (b"\x00" * (20 * 2**20), 1009),
}


@pytest.mark.parametrize("name", FRAMES)
def test_a_bad_frame_is_cut_off_and_other_sessions_finish(name: str):
    frame, code = FRAMES[name]
    with streamlit_server() as url:

        async def scene() -> tuple[list[int], list]:
            readers = [one_session(url, QUERY) for _ in range(READERS)]
            attackers = [hostile(url, frame) for _ in range(3)]
            results = await asyncio.gather(*attackers, *readers)
            return list(results[:3]), list(results[3:])

        closes, sessions = run(scene())  # type: ignore[assignment]
    assert closes == [code] * 3
    assert [s.cut_off for s in sessions] == [None] * READERS
    assert all(len(s.runs) == 3 for s in sessions)


def test_a_text_frame_is_refused():
    with streamlit_server() as url:
        assert run(hostile(url, "hello")) in (0, 1000, 1002, 1003)  # ended, not served
        sessions = run(one_session(url, QUERY))
    assert sessions.cut_off is None and len(sessions.runs) == 3

"""Bytes -> text: UTF-8 only (a BOM is fine), or a located problem at the first bad byte.

A file whose last bytes begin a character they do not finish is a file cut short (a writer stopped, or a copy
was cut, inside a Chinese character), and says so rather than blaming its encoding."""

from __future__ import annotations

from metrics.problems import MetricsFileError, Problem


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text (a BOM is fine), or a problem at the first byte that is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MetricsFileError([Problem(path, 1, 1, "(file)", "file is UTF-16; save it as UTF-8")])
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    nul = raw.find(b"\x00")
    if nul >= 0:  # valid UTF-8, but no text holds it: most likely UTF-16 saved without its BOM
        before = raw[:nul]
        line, column = before.count(b"\n") + 1, nul - (before.rfind(b"\n") + 1) + 1
        message = "a NUL byte is not allowed (UTF-16 without a BOM?); save the file as UTF-8"
        raise MetricsFileError([Problem(path, line, column, "(file)", message)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[err.start : err.start + 1].hex()
        message = f"not UTF-8 (byte 0x{bad}); save the file as UTF-8"
        if err.end == len(raw) and err.reason == "unexpected end of data":
            message = (
                f"the file ends inside a character (byte 0x{bad} begins one that never ends), so it may be cut short "
                "(still being written?)"
            )
        raise MetricsFileError([Problem(path, line, column, "(file)", message)]) from None

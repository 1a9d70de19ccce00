"""Reads always end: devices, FIFOs, directories and growing files are refused, not read."""

from __future__ import annotations

import os
import threading

import pytest

from metrics.__main__ import main
from metrics.bounded import ReadRefused, read_bounded
from metrics.catalogue.load import MetricsFileError, load


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(ReadRefused, match="is a device"):
        read_bounded("/dev/zero", 1024)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[str] = []

    def attempt() -> None:
        try:
            read_bounded(fifo, 1024)
        except ReadRefused as err:
            result.append(str(err))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert result and "FIFO" in result[0]


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(ReadRefused, match="is a directory"):
        read_bounded(tmp_path, 1024)


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(ReadRefused, match="limit"):
        read_bounded(path, 2048)
    assert read_bounded(path, 4096) == b"x" * 2049


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_validate_refuses_a_device_with_a_located_message(path, capsys):
    assert main(["validate", path]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:1:1: (file): is a device")
    assert "Traceback" not in err


def test_validate_refuses_a_fifo_at_once(tmp_path):
    fifo = tmp_path / "metrics.yaml"
    os.mkfifo(fifo)
    with pytest.raises(MetricsFileError, match="FIFO"):
        load(fifo)

"""No orphan temporary files: a failed write removes its own, a killed writer's are removed by
the next start (ledger) and by the next write beside them (pid in the name)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from postingstudio.docio import ExportError, atomic


@pytest.fixture
def ledger(tmp_path):
    atomic.use_ledger(tmp_path / "ledger")
    yield tmp_path / "ledger"
    atomic.use_ledger(None)


def _temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_writer_leaves_nothing(tmp_path, ledger):
    def broken(path: str) -> None:
        with open(path, "wb") as out:
            out.write(b"half")
        raise ValueError("the exporter broke")

    with pytest.raises(ValueError):
        atomic.write_atomic(tmp_path / "out.docx", broken)
    assert _temporaries(tmp_path) == []
    assert list(ledger.iterdir()) == []


def test_a_full_disk_leaves_nothing(tmp_path, ledger):
    def full(path: str) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="disk is full"):
        atomic.write_atomic(tmp_path / "out.docx", full)
    assert _temporaries(tmp_path) == [] and list(ledger.iterdir()) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")
def test_a_killed_writer_is_cleaned_on_the_next_start_and_the_next_write(tmp_path, ledger):
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from postingstudio.docio import atomic
        atomic.use_ledger({str(ledger)!r})
        def die(path):
            open(path, "wb").write(b"x" * 100_000)
            os.kill(os.getpid(), signal.SIGKILL)
        for name in ("a.docx", "b.docx"):
            if os.fork() == 0:
                atomic.write_atomic(os.path.join({str(tmp_path)!r}, name), die)
            os.wait()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    left = _temporaries(tmp_path)
    assert len(left) == 2 and len(list(ledger.iterdir())) == 2  # what a kill -9 leaves
    removed = atomic.clean_orphans(ledger)  # the next start
    assert len(removed) == 2
    assert _temporaries(tmp_path) == [] and list(ledger.iterdir()) == []


def test_the_next_write_removes_a_dead_writers_sibling(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    orphan = tmp_path / f".out.docx.{dead.stdout.strip()}.abc123.tmp"
    orphan.write_bytes(b"left by a killed export")
    live = tmp_path / f".out.docx.{os.getpid()}.def456.tmp"  # a write in flight: kept
    live.write_bytes(b"mine")
    atomic.write_atomic(tmp_path / "out.docx", b"new")
    assert not orphan.exists() and live.exists()
    assert (tmp_path / "out.docx").read_bytes() == b"new"

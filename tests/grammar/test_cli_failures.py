"""`postingstudio check --grammar` against a misbehaving LanguageTool (the loopback fake): the
style report is always printed, the request ends on its deadline however slowly the server
trickles, and each failure is named for what it is, in words for a command line."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from postingstudio.cli import run_cli as main

from .fake_languagetool import FakeLanguageTool

POSTING = "Data Engineer\nWe need a engineer who knows teh stack. Salary $90,000.\n"
GUI_WORDING = ("next change", "retried with", "choose a folder", "button")


def run_check(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    main(["check", str(posting), "--grammar", *args])
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_a_server_trickling_one_byte_at_a_time_cannot_hold_the_check(
    fake_lt: FakeLanguageTool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each byte arrives well inside any per-read timeout; only an overall deadline stops it.
    fake_lt.behaviour, fake_lt.trickle_s = "trickle", 0.3
    finished = threading.Event()
    outcome: list[tuple[str, str]] = []

    def check() -> None:
        outcome.append(run_check(tmp_path, capsys, "--languagetool-url", fake_lt.url,
                                 "--grammar-timeout", "1.5"))  # fmt: skip
        finished.set()

    worker = threading.Thread(target=check, daemon=True)
    worker.start()
    # The whole trickled answer would take minutes; the check must end long before.
    assert finished.wait(30), "check --grammar was still waiting for the trickling server"
    fake_lt.release.set()
    out, err = outcome[0]
    assert "overall" in out and "/100" in out  # the style report is printed all the same
    assert "grammar skipped" in err and "no complete answer within 1.5 s" in err
    assert not any(words in err for words in GUI_WORDING)


def test_a_garbage_answer_is_not_called_connection_refused(
    fake_lt: FakeLanguageTool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_lt.behaviour = "garbage"
    out, err = run_check(tmp_path, capsys, "--languagetool-url", fake_lt.url)
    assert "overall" in out and "/100" in out
    assert "not with LanguageTool's JSON" in err and "<html>" in err
    assert "refused" not in err
    assert not any(words in err for words in GUI_WORDING)


def test_nothing_listening_is_called_connection_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out, err = run_check(tmp_path, capsys, "--languagetool-url", f"http://127.0.0.1:{port}")
    assert "overall" in out and "/100" in out
    assert "connection refused" in err and "JSON" not in err
    assert "--languagetool-url" in err  # what to check, for a command line
    assert not any(words in err for words in GUI_WORDING)


def test_http_500_is_reported_with_its_status(
    fake_lt: FakeLanguageTool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_lt.behaviour = "http500"
    out, err = run_check(tmp_path, capsys, "--languagetool-url", fake_lt.url)
    assert "overall" in out and "/100" in out
    assert "HTTP 500" in err and "refused" not in err
    assert "Run the command again" in err


def test_the_language_follows_the_posting_unless_chosen(
    fake_lt: FakeLanguageTool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    british = tmp_path / "uk.txt"
    british.write_text("Analyst, London. Salary £40,000. Join our organisation.", "utf-8")
    main(["check", str(british), "--grammar", "--languagetool-url", fake_lt.url])
    main(["check", str(british), "--grammar", "--languagetool-url", fake_lt.url,
          "--language", "en-US"])  # fmt: skip
    run_check(tmp_path, capsys, "--languagetool-url", fake_lt.url)  # "$90,000": American
    capsys.readouterr()
    assert [c["language"] for c in fake_lt.checks()] == ["en-GB", "en-US", "en-US"]

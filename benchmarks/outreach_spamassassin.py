"""Score .eml messages with a real SpamAssassin (Debian ``spamassassin``, its default rules,
network tests off: ``-L``), as an independent judge of the outreach drafts.

All messages go through one ``spamassassin --mbox`` process (starting it costs about two
seconds; each message then takes tens of milliseconds). Used by benchmarks/outreach_drafts.py
and by tests/core/test_outreach_spamassassin.py.

    .venv/bin/python benchmarks/outreach_spamassassin.py FILE.eml…
"""

from __future__ import annotations

import mailbox
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

_STATUS = re.compile(r"score=(-?[\d.]+)\s+required=([\d.]+)\s+tests=(\S*)")
_ID_HEADER = "X-Outreach-Item"
# SpamAssassin rules about the envelope, not the words: every unsent draft trips them.
STRUCTURAL = frozenset({"NO_RECEIVED", "NO_RELAYS", "MISSING_HEADERS", "none"})


@dataclass(frozen=True)
class Verdict:
    score: float
    required: float
    tests: tuple[str, ...]

    @property
    def content_tests(self) -> tuple[str, ...]:
        return tuple(t for t in self.tests if t not in STRUCTURAL)


def available() -> bool:
    return shutil.which("spamassassin") is not None


def score_messages(messages: list[bytes], timeout: float = 3600, workers: int = 2) -> list[Verdict]:
    """One verdict per message, in order; large batches are split over ``workers`` processes."""
    if workers > 1 and len(messages) > 200:
        size = -(-len(messages) // workers)
        chunks = [messages[i : i + size] for i in range(0, len(messages), size)]
        with ThreadPoolExecutor(len(chunks)) as pool:
            parts = list(pool.map(lambda chunk: _score(chunk, timeout), chunks))
        return [verdict for part in parts for verdict in part]
    return _score(messages, timeout)


def _score(messages: list[bytes], timeout: float) -> list[Verdict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.mbox"
        box = mailbox.mbox(str(path))
        for number, raw in enumerate(messages):
            mail = message_from_bytes(raw)
            mail[_ID_HEADER] = str(number)
            box.add(mail)
        box.flush()
        box.close()
        with path.open("rb") as stream:
            done = subprocess.run(
                # -L: no network tests. Bayes is off: with no trained database it never fires,
                # and skipping it saves time; the default rule set is otherwise untouched.
                ["spamassassin", "-L", "--mbox", "--cf=report_safe 0", "--cf=use_bayes 0"],
                stdin=stream,
                capture_output=True,
                timeout=timeout,
                check=True,
                env={"PATH": "/usr/bin:/bin", "HOME": folder, "LANG": "C.UTF-8"},
            )
        out = Path(folder) / "out.mbox"
        out.write_bytes(done.stdout)
        verdicts: dict[int, Verdict] = {}
        for mail in mailbox.mbox(str(out)):
            # The header is folded after commas: unfold it before reading the list of tests.
            status = re.sub(r",\s+", ",", " ".join(str(mail.get("X-Spam-Status", "")).split()))
            match = _STATUS.search(status)
            number = mail.get(_ID_HEADER)
            if match is None or number is None:
                continue
            tests = tuple(t.strip() for t in match.group(3).split(",") if t.strip())
            verdicts[int(number)] = Verdict(float(match.group(1)), float(match.group(2)), tests)
    missing = [n for n in range(len(messages)) if n not in verdicts]
    if missing:
        raise RuntimeError(f"SpamAssassin returned no verdict for messages {missing[:5]}")
    return [verdicts[n] for n in range(len(messages))]


def main(argv: list[str]) -> int:
    if not available():
        print("spamassassin is not installed (scripts/system-deps installs it)", file=sys.stderr)
        return 2
    files = [Path(a) for a in argv]
    for path, verdict in zip(files, score_messages([p.read_bytes() for p in files]), strict=True):
        print(f"{verdict.score:5.1f}/{verdict.required:.1f}  {path}  {','.join(verdict.tests)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

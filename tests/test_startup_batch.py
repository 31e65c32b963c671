"""``check`` over many files in worker processes gives byte-for-byte the output of one process,
in the given order, with the same exit code (an unreadable file among them still counts)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from postingstudio.cli.check_batch import CHUNK, MIN_FILES_PER_WORKER, chunks

PARAGRAPHS = [
    "We are a fast-paced company looking for a rockstar ninja to join our team.",
    "You will build data pipelines in Python and review code with two other engineers.",
    "Salary: 52,000 to 61,000 EUR a year. We offer 30 days of paid holiday.",
    "The successful candidate will utilize Excel in order to win deals.",
]


@pytest.fixture(scope="module")
def postings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for number in range(2 * MIN_FILES_PER_WORKER + 3):
        # Each posting differs (order and a number), so a mix-up between files would show.
        lines = [f"Analyst {number}", *PARAGRAPHS[number % 4 :], *PARAGRAPHS[: number % 4]]
        path = folder / f"posting_{number:03d}.txt"
        path.write_text("\n\n".join(lines) + f"\n\nRef {number}.\n", encoding="utf-8")
        paths.append(str(path))
    paths.insert(17, str(folder / "missing.txt"))
    return paths


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postingstudio", "check", *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="parallel check needs fork")
@pytest.mark.parametrize("output", [["--format", "json"], ["--format", "json", "--pretty"], []])
def test_parallel_check_equals_one_process(postings, output):
    one = check("--jobs", "1", *output, *postings)
    two = check("--jobs", "2", *output, *postings)
    assert one.returncode == two.returncode == 2  # the missing file
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "missing.txt" in one.stderr
    present = [path for path in postings if "missing" not in path]
    positions = [two.stdout.index(path) for path in present]
    assert positions == sorted(positions)  # the order the files were given


@pytest.mark.parametrize("count", [1, 7, 80, 499])
@pytest.mark.parametrize("workers", [2, 3])
def test_runs_cover_every_file_once_in_order_shrinking_at_the_end(count, workers):
    names = [f"posting_{number}.txt" for number in range(count)]
    runs = chunks(names, workers)
    assert [name for run in runs for name in run] == names
    sizes = [len(run) for run in runs]
    assert max(sizes) <= CHUNK
    assert sizes == sorted(sizes, reverse=True)
    if count >= 4 * workers * CHUNK:  # long enough to start with full runs
        assert sizes[0] == CHUNK and sizes[-1] < CHUNK


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="parallel check needs fork")
def test_an_unreadable_first_file_is_reported_by_the_parallel_check_too(postings):
    # The first file is checked before the workers start; an unreadable one there is no different.
    files = [postings[17], *postings[:17], *postings[18:]]
    one = check("--jobs", "1", "--format", "json", *files)
    two = check("--jobs", "2", "--format", "json", *files)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    assert '"error"' in two.stdout.split('"files":[', 1)[1][:400]

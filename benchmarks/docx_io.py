"""Read and write time of the .docx layer: every corpus .docx and a generated 50-page posting.

Targets (issue 3): a typical posting reads in ≤ 50 ms, a 50-page document in ≤ 500 ms.
"Typical" means the corpus job descriptions (categories jd_real, jd_generic, hr_template).
Each figure is the median of several runs after one warm-up run. Results go into
``docs/benchmarks.md`` between ``<!-- docx-io:start -->`` and ``<!-- docx-io:end -->`` only.

    python benchmarks/docx_io.py [--repeat 7] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _markers import write_section  # noqa: E402

from postingstudio.core.model import Block, BlockKind, Posting, Run  # noqa: E402
from postingstudio.docio.docx_reader import read_docx  # noqa: E402
from postingstudio.docio.docx_writer import build_docx  # noqa: E402

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus" / "docx"
TYPICAL = ("jd_real", "jd_generic", "hr_template")
READ_TARGET_MS, LONG_TARGET_MS = 50.0, 500.0


def median_ms(action, repeat: int) -> float:
    action()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fifty_pages() -> Posting:
    """55 A4 pages in the shipped template (as LibreOffice renders it): 36 sections of a heading,
    4 paragraphs and 8 bullets."""
    sentence = (
        "You will design, build and run the data pipelines our analysts rely on every day, "
        "working with product managers and engineers to ship reliable, well-tested features. "
    )
    blocks: list[Block] = [Block(BlockKind.HEADING, (Run("Senior Data Engineer"),), level=1)]
    for section in range(36):
        blocks.append(
            Block(BlockKind.HEADING, (Run(f"Section {section + 1}: what you will do"),), level=2)
        )
        for _ in range(4):
            runs = (
                Run(sentence * 3),
                Run("Important: ", bold=True),
                Run(sentence * 2, italic=True),
            )
            blocks.append(Block(BlockKind.PARAGRAPH, runs))
        for item in range(8):
            link = Run(" (details)", link="https://example.com/details") if item == 0 else Run("")
            runs = tuple(r for r in (Run(sentence.strip()), link) if r.text)
            blocks.append(
                Block(BlockKind.LIST_ITEM, runs, level=item % 2, numbered=section % 2 == 1)
            )
    return Posting(tuple(blocks), title="Senior Data Engineer")


def run(repeat: int) -> tuple[str, dict[str, float]]:
    rows = []
    typical_reads: list[float] = []
    all_reads: list[float] = []
    writes: list[float] = []
    files = sorted(CORPUS.glob("*/*.docx"))
    if not files:
        raise SystemExit(f"corpus not found at {CORPUS}")
    for path in files:
        data = path.read_bytes()
        posting = read_docx(str(path), data).posting
        read = median_ms(lambda path=path, data=data: read_docx(str(path), data), repeat)
        write = median_ms(lambda posting=posting: build_docx(posting), repeat)
        all_reads.append(read)
        writes.append(write)
        if path.parent.name in TYPICAL:
            typical_reads.append(read)
        rows.append((path.parent.name, path.name, len(data), len(posting.blocks), read, write))
    long_posting = fifty_pages()
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "fifty.docx"
        long_write = median_ms(lambda: target.write_bytes(build_docx(long_posting)), repeat)
        long_data = target.read_bytes()
        long_read = median_ms(lambda: read_docx(str(target), long_data), repeat)
        long_blocks = len(read_docx(str(target), long_data).posting.blocks)
        words = len(long_posting.text.split())
    figures = {
        "typical_read_median": statistics.median(typical_reads),
        "typical_read_max": max(typical_reads),
        "all_read_median": statistics.median(all_reads),
        "all_read_max": max(all_reads),
        "write_median": statistics.median(writes),
        "write_max": max(writes),
        "long_read": long_read,
        "long_write": long_write,
    }
    ok = "✅" if figures["typical_read_max"] <= READ_TARGET_MS else "❌"
    ok_long = "✅" if long_read <= LONG_TARGET_MS else "❌"
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. "
        f"Median of {repeat} runs after a warm-up; times in ms. Reproduce: "
        "`python benchmarks/docx_io.py`.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| typical posting read ({len(typical_reads)} corpus JDs), median / max | "
        f"{figures['typical_read_median']:.1f} / {figures['typical_read_max']:.1f} "
        f"| ≤ {READ_TARGET_MS:.0f} {ok} |",
        f"| all {len(files)} corpus files read, median / max | "
        f"{figures['all_read_median']:.1f} / {figures['all_read_max']:.1f} | |",
        f"| all corpus files written unchanged, median / max | "
        f"{figures['write_median']:.1f} / {figures['write_max']:.1f} | |",
        f"| generated 50-page posting ({words:,} words, {long_blocks:,} blocks, "
        f"{len(long_data) // 1024} KB) read | {long_read:.1f} | ≤ {LONG_TARGET_MS:.0f} {ok_long} |",
        f"| generated 50-page posting written (template) | {long_write:.1f} | |",
        "",
        "<details><summary>Per file</summary>",
        "",
        "| category | file | KB | blocks | read | write |",
        "|---|---|---|---|---|---|",
    ]
    for category, name, size, blocks, read, write in rows:
        lines.append(
            f"| {category} | {name[:70]} | {size // 1024} | {blocks} | {read:.1f} | {write:.1f} |"
        )
    lines += ["", "</details>"]
    return "\n".join(lines), figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()
    body, figures = run(args.repeat)
    print(body)
    if not args.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "docx-io", ".docx read and write time", body)
    return (
        0
        if figures["typical_read_max"] <= READ_TARGET_MS and figures["long_read"] <= LONG_TARGET_MS
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())

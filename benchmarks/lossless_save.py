"""Lossless save, measured: every corpus .docx × every edit through the real window, the save
time of a 50-page document, and LibreOffice page counts before and after a one-word edit.

    python benchmarks/lossless_save.py [--no-render] [--no-write]

The edit matrix runs ``tests/e2e/test_lossless_save.py`` with ``LOSSLESS_FULL_MATRIX=1`` (under
Xvfb when ``xvfb-run`` exists) and reads the outcomes it records. Page counts and the page-1
pictures (``docs/images/lossless-*.png``) need ``soffice`` and ``pdftoppm``. Results go into
``docs/benchmarks.md`` between ``<!-- lossless-save:start -->`` and ``<!-- lossless-save:end -->``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _markers import write_section  # noqa: E402
from docx_io import fifty_pages  # noqa: E402

from postingstudio.core.model import BlockOrigin, Run  # noqa: E402
from postingstudio.docio.docx_writer import build_docx  # noqa: E402
from postingstudio.docio.source import open_source  # noqa: E402

SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "docx"
PICTURED = (
    "jd_real/lironcohen8__Gender_Bias_in_Job_Descriptions__iteration3__biased_jobs_examples.docx",
    "jd_real/Ismail-therap__Statistical-analysis-on-sales-pipeline-data__Job_Description.docx",
)


def edit_matrix(results: Path) -> list[dict]:
    env = dict(os.environ, LOSSLESS_FULL_MATRIX="1", LOSSLESS_RESULTS=str(results))
    env.setdefault("POSTINGSTUDIO_SHARED", str(SHARED))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/e2e/test_lossless_save.py",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    if shutil.which("xvfb-run") and not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", *command]
    subprocess.run(command, cwd=REPO, env=env, check=False)
    return [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]


def with_word_at_end(source, *, first: bool = False):
    """The posting with one word typed at the end of its last (or first) body paragraph."""
    blocks = list(source.posting.blocks)
    body = [i for i, b in enumerate(blocks) if b.origin is BlockOrigin.BODY]
    last = body[0] if first else body[-1]
    runs = blocks[last].runs or (Run(""),)
    blocks[last] = replace(
        blocks[last], runs=(*runs[:-1], replace(runs[-1], text=runs[-1].text + " polished"))
    )
    return source.posting.with_blocks(tuple(blocks))


def save_time_fifty_pages(work: Path, repeat: int = 7) -> tuple[float, int]:
    path = work / "fifty.docx"
    path.write_bytes(build_docx(fifty_pages()))
    source = open_source(path)
    edited = with_word_at_end(source)
    build_docx(edited, source=source.reading)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        data = build_docx(edited, source=source.reading)
        (work / "saved.docx").write_bytes(data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(source.posting.blocks)


def pdf_pages(docx_path: Path, out_dir: Path) -> tuple[int, Path]:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out_dir / (docx_path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return pages, pdf


def page_counts(work: Path) -> list[tuple[str, int, int]]:
    rows = []
    images = REPO / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for path in sorted((CORPUS / "jd_real").glob("*.docx")) + sorted(
        (CORPUS / "fixture_python_docx").glob("*.docx")
    ):
        source = open_source(path)
        if not any(b.origin is BlockOrigin.BODY for b in source.posting.blocks):
            continue
        before_dir, after_dir = work / "before", work / "after"
        before_dir.mkdir(exist_ok=True)
        after_dir.mkdir(exist_ok=True)
        edited = after_dir / path.name
        # The word goes into the first paragraph, so page 1 shows it and all that follows reflows.
        edited.write_bytes(build_docx(with_word_at_end(source, first=True), source=source.reading))
        original = before_dir / path.name
        shutil.copyfile(path, original)
        pages_before, pdf_before = pdf_pages(original, before_dir)
        pages_after, pdf_after = pdf_pages(edited, after_dir)
        rows.append((f"{path.parent.name}/{path.name}", pages_before, pages_after))
        if f"{path.parent.name}/{path.name}" in PICTURED:
            stem = "lossless-" + path.name.split("__")[0].lower()
            for label, pdf in (("before", pdf_before), ("after", pdf_after)):
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        str(pdf),
                        str(images / f"{stem}-{label}"),
                    ],
                    check=True,
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-render", action="store_true", help="skip LibreOffice page counts")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        outcomes = edit_matrix(work / "outcomes.jsonl")
        save_ms, blocks = save_time_fifty_pages(work)
        pages = [] if args.no_render or not shutil.which("soffice") else page_counts(work)
    files = sorted({o["file"] for o in outcomes})
    lines = [
        "Every .docx in `jd_real/` and the python-docx fixtures, opened in the real main window "
        "(Xvfb), one edit, Ctrl+S, re-read with python-docx. Untouched paragraphs are lined up "
        "in order by canonical `w:p` XML and compared on text, style, per-character "
        "bold/italic/underline and XML. Reproduce: `python benchmarks/lossless_save.py`.",
        "",
        "| edit | files | edit made | paragraphs compared | differences |",
        "|---|---|---|---|---|",
    ]
    for edit in (
        "type_word_at_end",
        "apply_one_fix",
        "insert_section",
        "apply_all_safe_fixes",
        "type_line_after_enter",
    ):
        rows = [o for o in outcomes if o["edit"] == edit]
        lines.append(
            f"| {edit.replace('_', ' ')} | {len(rows)} | {sum(o['edited'] for o in rows)} | "
            f"{sum(o['compared'] for o in rows)} | {sum(len(o['differences']) for o in rows)} |"
        )
    total = sum(len(o["differences"]) for o in outcomes)
    lines += ["", f"Files: {len(files)}; differences in total: **{total}** (target 0).", ""]
    lines.append(
        f"Save time of a 50-page document ({blocks} blocks, one word edited, written into its "
        f"kept source package and to disk): **{save_ms:.0f} ms** median of 7 (target ≤ 300 ms)."
    )
    if pages:
        same = sum(1 for _n, a, b in pages if b in (a, a + 1))
        lines += [
            "",
            "LibreOffice page count after a one-word edit (a word typed at the end of the first "
            f"paragraph): {same} of {len(pages)} files the same (or one more where the word "
            "wraps onto a new page).",
            "",
            "| file | pages before | pages after |",
            "|---|---|---|",
        ]
        lines += [f"| {name.split('/')[-1][:60]} | {a} | {b} |" for name, a, b in pages]
        lines += ["", "Page 1 before / after the one-word edit:", ""]
        for name in PICTURED:
            stem = "lossless-" + Path(name).name.split("__")[0].lower()
            before, after = f"images/{stem}-before.png", f"images/{stem}-after.png"
            lines.append(f"![{stem} before]({before}) ![{stem} after]({after})")
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "lossless-save", "Lossless save", body)


if __name__ == "__main__":
    main()

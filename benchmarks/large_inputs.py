"""Large inputs: time and peak memory to read, analyse and export, each case in a fresh process.

Cases: real postings (the corpus's dev split, shuffled with a fixed seed and concatenated) at
50 KB, 500 KB and 5 MB of text (read .txt → analyse → export .docx; the linearity check is, per
phase, 10× the text ≤ 12× the CPU time), a
200,000-line list (.txt), a .docx of 1 million empty paragraphs, and a .docx whose style
``basedOn`` chain is 10,000 styles long. Memory is the process's peak resident set
(``VmHWM``), which includes the interpreter and libraries (the "baseline" row: imports only).

Run: ``.venv/bin/python benchmarks/large_inputs.py`` (writes the ``large-inputs`` section of
``docs/benchmarks.md``; ``--no-write`` only prints).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from _markers import write_section  # noqa: E402

CORPUS = REPO.parent.parent / "shared" / "corpus" / "postings" / "postings.jsonl"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/postings/postings.jsonl")

WORKER = r"""
import json, sys, time
from postingstudio.core.analyse import analyse
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.docio import load_posting, save_posting
book = default_rulebook()
source, target, mode = sys.argv[1], sys.argv[2], sys.argv[3]
started, cpu_started = time.perf_counter(), time.process_time()
phases = {}
def timed(name, step, *args, **kwargs):
    mark, cpu = time.perf_counter(), time.process_time()
    result = step(*args, **kwargs)
    phases[name] = time.perf_counter() - mark
    phases[name + "_cpu"] = time.process_time() - cpu
    return result
if mode != "baseline":
    posting = timed("read", load_posting, source)
    report = timed("analyse", analyse, posting, book)
    timed("export", save_posting, posting, target, overwrite=True)
    phases["blocks"] = len(posting.blocks)
    phases["notes"] = list(posting.notes)
phases["total"] = time.perf_counter() - started
phases["total_cpu"] = time.process_time() - cpu_started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
status = open("/proc/self/status").read()
phases["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(phases))
"""


def corpus_text(size: int) -> str:
    """``size`` characters of dev-split postings in one seeded shuffled order, so that 50 KB,
    500 KB and 5 MB are each the start of the next and hold the same mix of postings (in file
    order the first few hundred are one-line postings and the later ones have many lines, so
    the sizes differed in their lines per kilobyte, not only in their length)."""
    import random

    with open(CORPUS, encoding="utf-8") as stream:
        texts = [r["text"] for r in map(json.loads, stream) if r.get("split") == "dev"]
    random.Random(14).shuffle(texts)
    parts, total = [], 0
    for text in texts:
        parts.append(text)
        total += len(text) + 2
        if total >= size:
            break
    text = "\n\n".join(parts)
    while len(text) < size:  # the dev split is large, but never fail for want of text
        text += "\n\n" + text
    return text[:size]


def docx_with(document_body: str, styles: str = "") -> bytes:
    import io

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    style_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{style_type}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels_ns}"><Relationship Id="r1" '
            f'Type="{office}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{rels_ns}"><Relationship Id="r1" Type="{office}/styles" '
            'Target="styles.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml", f"<w:document {w}><w:body>{document_body}</w:body></w:document>"
        )
        archive.writestr("word/styles.xml", f"<w:styles {w}>{styles}</w:styles>")
    return buffer.getvalue()


def style_chain(length: int) -> str:
    styles = ['<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="S0"/></w:style>']
    for index in range(1, length):
        styles.append(
            f'<w:style w:type="paragraph" w:styleId="S{index}"><w:name w:val="S{index}"/>'
            f'<w:basedOn w:val="S{index - 1}"/></w:style>'
        )
    return "".join(styles)


def build_cases(folder: Path) -> list[tuple[str, Path, str]]:
    cases = [("baseline (imports, rule book)", folder / "none.txt", "baseline")]
    (folder / "none.txt").write_text("x", encoding="utf-8")
    for label, size in (("50 KB", 50_000), ("500 KB", 500_000), ("5 MB", 5_000_000)):
        path = folder / f"postings-{size}.txt"
        path.write_text(corpus_text(size), encoding="utf-8")
        cases.append((f"real postings, {label} (.txt)", path, "run"))
    lines = folder / "list.txt"
    lines.write_text("\n".join(f"- item number {n} of the list" for n in range(200_000)), "utf-8")
    cases.append(("a 200,000-line list (.txt)", lines, "run"))
    for count in (10_000, 100_000):  # Word's own kind of long file: one paragraph per item
        items = folder / f"items-{count}.docx"
        paragraph = (
            '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>'
        )
        body = "".join(paragraph.format(f"Item number {n} of the list.") for n in range(count))
        items.write_bytes(docx_with(body))
        cases.append((f"a {count:,}-paragraph list (.docx)", items, "run"))
    empty = folder / "empty.docx"
    # revision ids differ paragraph to paragraph, as Word writes them (and as a zip bomb does not)
    paragraphs = "".join(f'<w:p w:rsidR="{n * 7919 % 16**8:08X}"/>' for n in range(1_000_000))
    empty.write_bytes(docx_with(paragraphs + "<w:p><w:r><w:t>End.</w:t></w:r></w:p>"))
    cases.append(("1 million empty paragraphs (.docx)", empty, "run"))
    chain = folder / "chain.docx"
    body = '<w:p><w:pPr><w:pStyle w:val="S9999"/></w:pPr><w:r><w:t>Deep style.</w:t></w:r></w:p>'
    chain.write_bytes(docx_with(body * 50, style_chain(10_000)))
    cases.append(("a 10,000-long style basedOn chain (.docx)", chain, "run"))
    return cases


def run_case(path: Path, mode: str, folder: Path) -> dict:
    target = folder / "out.docx"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(path), str(target), mode],
        capture_output=True,
        text=True,
        timeout=900,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def linearity(results: dict[str, dict]) -> list[str]:
    """Per phase, how many times the CPU time grows when the text grows 10× (target ≤ 12×)."""
    sizes = [f"real postings, {label} (.txt)" for label in ("50 KB", "500 KB", "5 MB")]
    if not all(label in results and "total_cpu" in results[label] for label in sizes):
        return ["Linearity: not measured (a real-postings case failed)."]
    rows = ["| phase (CPU time) | 50 KB → 500 KB | 500 KB → 5 MB |", "|---|---|---|"]
    for phase in ("read", "analyse", "export", "total"):
        times = [results[label][phase + "_cpu"] for label in sizes]
        ratios = [
            f"{big / small:.1f}×" if small else "–"
            for small, big in zip(times, times[1:], strict=False)
        ]
        rows.append(f"| {phase} | {' | '.join(ratios)} |")
    pair = [f"a {count:,}-paragraph list (.docx)" for count in (10_000, 100_000)]
    if all(label in results and "total_cpu" in results[label] for label in pair):
        rows += ["", "| phase (CPU time), .docx list | 10,000 → 100,000 paragraphs |", "|---|---|"]
        for phase in ("read", "analyse", "export", "total"):
            small, big = (results[label][phase + "_cpu"] for label in pair)
            rows.append(f"| {phase} | {big / small:.1f}× |" if small else f"| {phase} | – |")
    return ["Linearity (10× the text; the target is at most 12× the time):", "", *rows]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, path, mode in build_cases(folder):
            result = run_case(path, mode, folder)
            print(label, result, flush=True)
            rows.append((label, path.stat().st_size, result))
    lines = [
        f"Command: `.venv/bin/python benchmarks/large_inputs.py` (Python "
        f"{platform.python_version()}, {platform.machine()}, 2 shared cores; each case a fresh "
        "process; each phase's CPU time inside it, with its wall time in brackets; total is "
        "read + analyse + export .docx; memory the peak RSS of the whole process). Load "
        f"average {load_before:.1f} → {os.getloadavg()[0]:.1f} during the run: other jobs share "
        "the 2 cores, so wall times are upper bounds and the linearity is judged on CPU time.",
        "",
        "| input | size | read | analyse | export | total | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, size, result in rows:
        if "error" in result:
            lines.append(f"| {label} | {size / 1e6:.2f} MB | failed: {result['error']} | | | | |")
            continue
        cells = [
            f"{result[k + '_cpu']:.2f} s ({result[k]:.2f})" if k in result else "–"
            for k in ("read", "analyse", "export", "total")
        ]
        lines.append(
            f"| {label} | {size / 1e6:.2f} MB | {' | '.join(cells)} | {result['peak_mb']:.0f} MB |"
        )
    lines += ["", *linearity(dict((label, result) for label, _size, result in rows))]
    text = "\n".join(lines)
    print(text)
    if not options.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "large-inputs", "Large inputs", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Large inputs: time and peak memory to read, analyse and export, each case in a fresh process.

Cases: real postings (the corpus's dev split, concatenated) at 50 KB, 500 KB and 5 MB of text
(read .txt → analyse → export .docx; the linearity check is 10× the text ≤ 12× the time), a
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
started = time.perf_counter()
phases = {}
if mode != "baseline":
    posting = load_posting(source)
    phases["read"] = time.perf_counter() - started
    mark = time.perf_counter()
    report = analyse(posting, book)
    phases["analyse"] = time.perf_counter() - mark
    mark = time.perf_counter()
    save_posting(posting, target, overwrite=True)
    phases["export"] = time.perf_counter() - mark
    phases["blocks"] = len(posting.blocks)
    phases["notes"] = list(posting.notes)
phases["total"] = time.perf_counter() - started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
status = open("/proc/self/status").read()
phases["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(phases))
"""


def corpus_text(size: int) -> str:
    parts, total = [], 0
    with open(CORPUS, encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record.get("split") != "dev":
                continue
            parts.append(record["text"])
            total += len(record["text"]) + 2
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
        "process; time is read + analyse + export .docx inside it, memory the peak RSS of the "
        f"whole process). Load average {load_before:.1f} → {os.getloadavg()[0]:.1f} during the "
        "run (other jobs share the 2 cores, so the times are upper bounds).",
        "",
        "| input | size | read | analyse | export | total | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, size, result in rows:
        if "error" in result:
            lines.append(f"| {label} | {size / 1e6:.2f} MB | failed: {result['error']} | | | | |")
            continue
        cells = [
            f"{result.get(k, 0):.2f} s" if k in result else "–"
            for k in ("read", "analyse", "export")
        ]
        lines.append(
            f"| {label} | {size / 1e6:.2f} MB | {' | '.join(cells)} | {result['total']:.2f} s | "
            f"{result['peak_mb']:.0f} MB |"
        )
    totals = {label: result.get("total") for label, _size, result in rows}
    small, big = (
        totals.get("real postings, 500 KB (.txt)"),
        totals.get("real postings, 5 MB (.txt)"),
    )
    if small and big:
        lines += [
            "",
            f"Linearity: 5 MB takes {big / small:.1f}× the time of 500 KB (10× the text).",
        ]
    text = "\n".join(lines)
    print(text)
    if not options.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "large-inputs", "Large inputs", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The real LanguageTool server (Maven-assembled by scripts/languagetool-server), measured.

Writes a section of docs/benchmarks.md (between the languagetool-server markers):
- ready time: Java start until /v2/languages answers, on a fresh server of its own;
- first and warm /v2/check latency on a 300-word and a 5,000-word posting (the first check
  on a fresh server loads the English rules; warm = median of 5 repeats);
- over N dev postings (default 500, every source in turn, the language from the posting as the
  app chooses it): LanguageTool matches per 100 words by category, the share switched off
  because the category overlaps our rules, and how many of those really overlapped one of our
  own findings (the duplicates the writer would have seen).

Run: ``scripts/languagetool-server assemble`` once, then
``.venv/bin/python benchmarks/languagetool_server.py [--limit N] [--no-write]``
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _markers import write_section  # noqa: E402

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
STYLE_ORIGINS = {"generic", "dry", "readability", "inclusive"}
SHORT_SPAN = 80  # our sentence-level findings (long sentence) overlap everything: left out


def dev_postings(limit: int) -> list[dict]:
    by_source: dict[str, list[dict]] = collections.defaultdict(list)
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["split"] == "dev":  # never the holdout split
                by_source[record["source"]].append(record)
    chosen: list[dict] = []
    while len(chosen) < limit and any(by_source.values()):
        for source in sorted(by_source):
            if by_source[source] and len(chosen) < limit:
                chosen.append(by_source[source].pop(0))
    return chosen


def start_server(lib: Path) -> tuple[subprocess.Popen, str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    config = Path(tempfile.mkdtemp()) / "server.properties"
    config.write_text("maxCheckThreads=2\n", encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(
        ["java", "-Xmx1g", "-Djava.awt.headless=true", "-cp", f"{lib}/*",
         "org.languagetool.server.HTTPServer", "--port", str(port), "--config", str(config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    while True:
        try:
            with NO_PROXY.open(url + "v2/languages", timeout=2) as reply:
                if reply.status == 200:
                    return process, url, time.perf_counter() - started
        except OSError:
            if process.poll() is not None:
                raise SystemExit("LanguageTool exited while starting") from None
            time.sleep(0.05)


def timed_check(url: str, text: str, language: str = "en-US") -> float:
    from postingstudio.grammar.judge import check

    start = time.perf_counter()
    check(text, url, language, deadline_s=300)
    return (time.perf_counter() - start) * 1000


def words_text(postings: list[dict], words: int, skip: int = 0) -> str:
    """About ``words`` words of real postings joined (cycling if the sample is small)."""
    out: list[str] = []
    index = skip
    while len(out) < words:
        out.extend(postings[index % len(postings)]["text"].split(" "))
        index += 1
    return " ".join(out[:words])


def latency(lib: Path, postings: list[dict]) -> dict[str, float]:
    process, url, ready_s = start_server(lib)
    try:
        short, long = words_text(postings, 300), words_text(postings, 5000, skip=7)
        first_short = timed_check(url, short)
        warm_short = statistics.median(timed_check(url, short) for _ in range(5))
        first_long = timed_check(url, long)
        warm_long = statistics.median(timed_check(url, long) for _ in range(5))
    finally:
        process.terminate()
        process.wait(10)
    return {"ready_s": ready_s, "first_300": first_short, "warm_300": warm_short,
            "first_5000": first_long, "warm_5000": warm_long}  # fmt: skip


def java_version() -> str:
    done = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    return (done.stderr.splitlines() or ["java"])[0].replace('"', "")


def overlaps(match, ours) -> bool:
    return any(f.start < match.end and match.start < f.end for f in ours)


def corpus_matches(url: str, postings: list[dict]) -> dict:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.plaintext import parse_text
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.grammar.categories import is_shown
    from postingstudio.grammar.judge import check
    from postingstudio.grammar.variant import english_variant

    book = default_rulebook()
    per_category: collections.Counter[str] = collections.Counter()
    shown = dropped = dropped_overlapping = kept_overlapping = words = 0
    languages: collections.Counter[str] = collections.Counter()
    for posting in postings:
        report = analyse(parse_text(posting["text"]), book)
        ours = [f for f in report.findings
                if str(f.category) in STYLE_ORIGINS and f.end - f.start <= SHORT_SPAN]  # fmt: skip
        language = english_variant(report.text)
        languages[language] += 1
        words += len(report.text.split())
        for match in check(report.text, url, language, deadline_s=300):
            per_category[match.category_id] += 1
            if is_shown(match.category_id):
                shown += 1
                kept_overlapping += overlaps(match, ours)
            else:
                dropped += 1
                dropped_overlapping += overlaps(match, ours)
    return {"per_category": per_category, "shown": shown, "dropped": dropped, "words": words,
            "dropped_overlapping": dropped_overlapping, "kept_overlapping": kept_overlapping,
            "languages": languages, "postings": len(postings)}  # fmt: skip


def render(timing: dict[str, float], corpus: dict, version: str) -> str:
    from postingstudio.grammar.categories import decisions

    total = corpus["shown"] + corpus["dropped"]
    kept_share = 100 * corpus["kept_overlapping"] / max(corpus["shown"], 1)
    per100 = 100 / max(corpus["words"], 1)
    rows = [
        "| category | kind | decision | matches | per 100 words |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    known = decisions()
    for category, count in corpus["per_category"].most_common():
        decision = known.get(category)
        kind, choice = (decision.kind, decision.decision) if decision else ("?", "keep (unlisted)")
        rows.append(f"| {category} | {kind} | {choice} | {count} | {count * per100:.2f} |")
    languages = ", ".join(f"{k} {v}" for k, v in sorted(corpus["languages"].items()))
    return "\n".join(
        [
            f"LanguageTool {version} (server + English from Maven Central) on {java_version()}, "
            f"{platform.machine()}, {os.cpu_count()} cores; `maxCheckThreads=2`, `-Xmx1g`.",
            "",
            "| measure | value |",
            "| --- | ---: |",
            f"| server ready (Java start → /v2/languages answers) | {timing['ready_s']:.1f} s |",
            f"| first check, 300 words (loads the English rules) | {timing['first_300']:.0f} ms |",
            f"| warm check, 300 words (median of 5) | {timing['warm_300']:.0f} ms |",
            f"| first check, 5,000 words (after the 300-word ones) | {timing['first_5000']:.0f} "
            "ms |",
            f"| warm check, 5,000 words (median of 5) | {timing['warm_5000']:.0f} ms |",
            "",
            f"Over {corpus['postings']} dev postings ({corpus['words']:,} words; checked as "
            f"{languages}, chosen from each posting): {total} LanguageTool matches, "
            f"{total * per100:.2f} per 100 words, of which {corpus['shown']} "
            f"({corpus['shown'] * per100:.2f} per 100 words) are shown.",
            "",
            f"- Dropped because the category overlaps our own rules: {corpus['dropped']} of "
            f"{total} ({100 * corpus['dropped'] / max(total, 1):.1f} %); of these, "
            f"{corpus['dropped_overlapping']} lay on the very words one of our style findings "
            "(generic, dry, inclusive, short readability spans) already marks.",
            f"- Shown matches that overlap one of our style findings: {corpus['kept_overlapping']} "
            f"of {corpus['shown']} ({kept_share:.1f}"
            " %) — a spelling or grammar mistake inside a phrase we flag for style, a different "
            "problem, so both are shown.",
            "",
            *rows,
            "",
            "Reproduce: `scripts/languagetool-server assemble && .venv/bin/python "
            f"benchmarks/languagetool_server.py --limit {corpus['postings']}`",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    assembled = subprocess.run(
        [str(REPO / "scripts" / "languagetool-server"), "assemble"],
        check=True,
        capture_output=True,
        text=True,
    )
    lib = Path(assembled.stdout.split()[-1])
    version = lib.parent.name
    postings = dev_postings(args.limit)
    timing = latency(lib, postings)
    print(json.dumps(timing), flush=True)
    process, url, _ = start_server(lib)
    try:
        timed_check(url, "This is a example.")  # warm up before the corpus run
        corpus = corpus_matches(url, postings)
    finally:
        process.terminate()
        process.wait(10)
    body = render(timing, corpus, version)
    print(body)
    if not args.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "languagetool-server",
                      "Real LanguageTool server", body)  # fmt: skip


if __name__ == "__main__":
    main()

"""Rewrite one marked section of docs/benchmarks.md, leaving the other scripts' sections alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

HEADER = (
    "# Benchmarks\n\nEvery figure here is written by a script under `benchmarks/`; the command "
    "that reproduces it is under each table. Tests never assert timings.\n"
)


def write_section(path: Path, name: str, title: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n## {title}\n\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".benchmarks-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)

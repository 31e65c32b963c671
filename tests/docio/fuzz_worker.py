"""Fuzz cases for docio, run in worker processes: mutate a corpus .docx, read it, export it.

A case is fully determined by (seed, case number): which corpus file, which mutation (raw bytes:
flips, truncation, insertion, duplication; or XML inside one part: deletions, duplications,
hostile snippets, odd attribute values, a missing part), and whether the result is also
exported. The worker reports the outcome, the CPU time taken and its peak memory; anything but
a Posting or a :class:`DocumentError` is a failure.
"""

from __future__ import annotations

import io
import os
import random
import resource
import signal
import time
import traceback
import zipfile
from pathlib import Path

SNIPPETS = [
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>",
    "</w:t></w:r>",
    '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="-1"/></w:numPr>',
    '<w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr>',
    '<w:pStyle w:val="Heading1"/>',
    '<w:pStyle w:val="NoSuchStyle"/>',
    '<w:outlineLvl w:val="12"/>',
    '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
    "<w:vMerge/>",
    '<w:hyperlink r:id="rId999"><w:r><w:t>x</w:t></w:r></w:hyperlink>',
    '<w:hyperlink w:anchor=""><w:r><w:t>y</w:t></w:r></w:hyperlink>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:instrText> HYPERLINK "javascript:alert(1)" </w:instrText></w:r>',
    '<w:r><w:sym w:char="ZZZZ"/><w:sym w:char="D800"/></w:r>',
    '<w:r><w:t xml:space="preserve">\u202e\U0001f600\ufeff</w:t></w:r>',
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    "&amp;&lt;&#0;&#xFFFF;",
    "<w:sdt><w:sdtContent>" * 40,
    "</w:sdtContent></w:sdt>" * 3,
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    "<mc:Choice><w:p><w:r><w:t>c</w:t></w:r></w:p></mc:Choice></mc:AlternateContent>",
    "<w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del></w:ins>",
    "<w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent>",
    '<w:basedOn w:val="Normal"/>',
    '<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>',
    '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="Loop"/></w:abstractNum>',
]
ODD_VALUES = ["-1", "0", "99999999999999999999", "", "x", "9", "nan", "\u00e9", "1e9", " 3 "]
BUSY_TIMEOUT = 20  # seconds of wall clock before a stuck case is killed (and reported)

_cache: dict[str, bytes] = {}


def _limit_memory(extra_bytes: int) -> int:
    """Cap the address space at what the worker uses now plus ``extra_bytes``; return the cap."""
    with open("/proc/self/status") as status:
        vm = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    cap = vm + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return cap


def init_worker(extra_bytes: int) -> None:
    _limit_memory(extra_bytes)


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("case exceeded the wall-clock watchdog")


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:
        del data[rng.randrange(1, len(data)) :]
    elif kind == 2:
        at = rng.randrange(len(data))
        data[at:at] = rng.randbytes(rng.randint(1, 64))
    elif kind == 3:
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 512))
        data[start:start] = data[start:end]
    else:
        start = rng.randrange(len(data))
        data[start : start + rng.randint(1, 256)] = b"\0" * min(256, len(data) - start)
    return bytes(data)


def _mutate_xml(rng: random.Random, text: str) -> str:
    if not text:
        return rng.choice(SNIPPETS)
    kind = rng.randrange(6)
    at = rng.randrange(len(text))
    if kind == 0:  # delete a range
        return text[:at] + text[at + rng.randint(1, 400) :]
    if kind == 1:  # duplicate a range
        piece = text[at : at + rng.randint(1, 2000)]
        where = rng.randrange(len(text))
        return text[:where] + piece * rng.randint(1, 5) + text[where:]
    if kind == 2:  # insert hostile or odd markup at a tag boundary
        where = text.find("<", at)
        where = at if where < 0 else where
        return text[:where] + rng.choice(SNIPPETS) + text[where:]
    if kind == 3:  # odd attribute values
        parts = text.split('w:val="')
        for index in (
            rng.sample(range(1, len(parts)), min(len(parts) - 1, rng.randint(1, 8)))
            if len(parts) > 1
            else []
        ):
            rest = parts[index].split('"', 1)
            if len(rest) == 2:
                parts[index] = rng.choice(ODD_VALUES) + '"' + rest[1]
        return 'w:val="'.join(parts)
    if kind == 4:  # rename one tag
        start = text.find("<w:", at)
        if start < 0:
            return text
        end = start + 3
        while end < len(text) and text[end].isalnum():
            end += 1
        return (
            text[: start + 3]
            + rng.choice(["p", "r", "t", "tbl", "tc", "hyperlink", "xyz", "sdt"])
            + text[end:]
        )
    return text.replace(
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "urn:other", 1
    )


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TREE_SNIPPETS = [
    f'<w:p xmlns:w="{_W}"><w:pPr><w:numPr><w:ilvl w:val="7"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    "<w:r><w:t>item</w:t></w:r></w:p>",
    f'<w:tbl xmlns:w="{_W}"><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p>'
    "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
    f'<w:r xmlns:w="{_W}"><w:br/><w:tab/><w:t>\u00a0</w:t></w:r>',
    f'<w:hyperlink xmlns:w="{_W}" w:anchor="a"><w:hyperlink w:anchor="b"><w:r><w:t>l</w:t></w:r>'
    "</w:hyperlink></w:hyperlink>",
    f'<w:sdt xmlns:w="{_W}"><w:sdtContent><w:p><w:r><w:t>cc</w:t></w:r></w:p>'
    "</w:sdtContent></w:sdt>",
]


def _mutate_tree(rng: random.Random, data: bytes) -> bytes:
    """Well-formed mutations: move, drop, duplicate and re-value elements of a parsed part."""
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data
    elements = list(root.iter())
    for _ in range(rng.randint(1, 6)):
        if len(elements) < 2:
            break
        element = rng.choice(elements[1:])
        parent = element.getparent()
        kind = rng.randrange(5)
        if kind == 0 and parent is not None:
            parent.remove(element)
        elif kind == 1 and parent is not None:
            element.addnext(etree.fromstring(etree.tostring(element)))
        elif kind == 2:
            target = rng.choice(elements)
            if element not in list(target.iterancestors()) and target is not element:
                target.append(element)
        elif kind == 3:
            for attribute in list(element.attrib):
                element.set(attribute, rng.choice(ODD_VALUES))
        else:
            element.append(etree.fromstring(rng.choice(_TREE_SNIPPETS)))
        elements = list(root.iter())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _mutate_zip(rng: random.Random, data: bytes) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    files = {info.filename: archive.read(info) for info in archive.infolist()}
    xml_names = [n for n in files if n.endswith((".xml", ".rels"))]
    main = [n for n in xml_names if n.endswith("document.xml")] or xml_names
    name = rng.choice(main) if rng.random() < 0.7 else rng.choice(xml_names)
    if rng.random() < 0.05:
        del files[name]
    elif rng.random() < 0.55:
        files[name] = _mutate_tree(rng, files[name])
    else:
        for _ in range(rng.randint(1, 3)):
            text = files[name].decode("utf-8", "replace")
            files[name] = _mutate_xml(rng, text).encode("utf-8", "surrogatepass")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for member, content in files.items():
            target.writestr(member, content)
    return out.getvalue()


def run_case(job: tuple[int, int, str, str]) -> dict[str, object]:
    """Run one case; never raises (a crash is reported as the outcome)."""
    case, seed, corpus_file, workdir = job
    from postingstudio.docio import DocumentError, load_posting
    from postingstudio.docio.html_export import to_html
    from postingstudio.docio.markdown_export import to_markdown
    from postingstudio.docio.text_export import to_text

    rng = random.Random(seed * 1_000_003 + case)
    source = _cache.get(corpus_file)
    if source is None:
        source = _cache[corpus_file] = Path(corpus_file).read_bytes()
    mutated = _mutate_bytes(rng, source) if rng.random() < 0.35 else _mutate_zip(rng, source)
    export = rng.random() < 0.25
    path = Path(workdir) / f"case{case}.docx"
    path.write_bytes(mutated)
    outcome, detail = "posting", ""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(BUSY_TIMEOUT)
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        posting = load_posting(path)
        to_html(posting), to_markdown(posting), to_text(posting)
        if export:
            from postingstudio.docio.docx_writer import build_docx

            build_docx(posting)
    except DocumentError as error:
        outcome, detail = type(error).__name__, error.reason
    except BaseException as error:  # noqa: BLE001 - this is what the fuzzer hunts for
        outcome, detail = (
            "CRASH",
            f"{type(error).__name__}: {error}\n{traceback.format_exc()[-1500:]}",
        )
    finally:
        signal.alarm(0)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        try:
            os.unlink(path)
        except OSError:
            pass
    return {
        "case": case,
        "file": Path(corpus_file).name,
        "outcome": outcome,
        "detail": detail[:2000],
        "cpu": cpu,
        "wall": wall,
        "exported": export,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }

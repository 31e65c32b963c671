"""Clean, semantic HTML for job boards and ATS fields.

:func:`html_fragment` gives only the posting's content (``h1``–``h6``, ``p``, properly nested
``ul``/``ol``, ``table``, ``strong``/``em``/``u``/``a``), which pastes cleanly into a job board's
rich-text field. :func:`to_html` wraps it in a small standalone page with header and footer text
in ``<header>``/``<footer>``. Everything is escaped; links keep only safe schemes (http, https,
mailto, tel, in-page anchors), so a ``javascript:`` target in a document never reaches a browser.
"""

from __future__ import annotations

from html import escape

from postingstudio.core.model import Block, BlockKind, Posting, Run

from .layout import TableSpec, heading_runs, link_groups, segments, split_origins

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")
_STYLE = """
body { font-family: Calibri, "Segoe UI", Arial, sans-serif; line-height: 1.5; color: #262626;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { color: #1f4e79; line-height: 1.25; }
table { border-collapse: collapse; margin: 1rem 0; }
td { border: 1px solid #bfbfbf; padding: 0.3rem 0.5rem; vertical-align: top; }
header, footer { color: #808080; font-size: 0.9rem; }
""".strip()


def safe_href(link: str) -> str | None:
    """``link`` when its scheme is safe in exported HTML (http(s), mailto, tel, #),
    "www." made https; None drops it."""
    target = link.strip()
    lowered = target.lower()
    if lowered.startswith(_SAFE_SCHEMES):
        return target
    if lowered.startswith("www."):
        return "https://" + target
    return None


def inline(runs: tuple[Run, ...]) -> str:
    """Runs as inline HTML; adjacent runs with the same link share one ``<a>``."""
    parts: list[str] = []
    for link, group in link_groups(runs):
        inner = "".join(_run(run, in_link=bool(link)) for run in group)
        href = safe_href(link) if link else None
        parts.append(f'<a href="{escape(href, quote=True)}">{inner}</a>' if href else inner)
    return "".join(parts)


def _run(run: Run, *, in_link: bool) -> str:
    text = escape(run.text, quote=False).replace("\v", "<br>").replace("\t", " ")
    if not text.strip():
        return text
    if run.underline and not in_link:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    return text


def _table(spec: TableSpec, out: list[str]) -> None:
    out.append("<table>")
    for row in range(spec.rows):
        out.append("<tr>")
        for col in range(spec.cols):
            items = spec.cells.get((row, col), [])
            cell: list[str] = []
            for item in items:
                if isinstance(item, TableSpec):
                    _table(item, cell)
                else:
                    cell.append(
                        f"<p>{inline(item.runs)}</p>" if len(items) > 1 else inline(item.runs)
                    )
            out.append(f"<td>{''.join(cell)}</td>")
        out.append("</tr>")
    out.append("</table>")


def _body(blocks: list[Block], out: list[str]) -> None:
    lists: list[str] = []  # open list tags, one per nesting level

    def close_lists(depth: int) -> None:
        while len(lists) > depth:
            out.append(f"</li></{lists.pop()}>")

    for item in segments(blocks):
        if isinstance(item, TableSpec):
            close_lists(0)
            _table(item, out)
            continue
        block = item
        if block.kind is BlockKind.LIST_ITEM:
            tag = "ol" if block.numbered else "ul"
            level = min(max(block.level, 0), len(lists))  # never skip a level: nesting stays valid
            close_lists(level + 1)
            if len(lists) == level + 1 and lists[-1] != tag:
                close_lists(level)
            if len(lists) == level + 1:
                out.append("</li>")
            else:
                lists.append(tag)
                out.append(f"<{tag}>")
            out.append(f"<li>{inline(block.runs)}")
            continue
        close_lists(0)
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 6)
            out.append(f"<h{level}>{inline(heading_runs(block))}</h{level}>")
        else:
            out.append(f"<p>{inline(block.runs)}</p>")
    close_lists(0)


def html_fragment(posting: Posting) -> str:
    """The posting's body as HTML elements only, for pasting into a job board or ATS."""
    _, body, _ = split_origins(posting.blocks)
    out: list[str] = []
    _body(body, out)
    return "\n".join(out) + "\n"


TITLE_WORDS = 12  # a browser tab or search result shows about this much


def page_title(posting: Posting) -> str:
    """The page's ``<title>``: the posting's title, else its first heading, else its first line.

    A job seeker's tab, bookmark and search result show this, so "Job posting" is only the last
    resort (an empty posting).
    """
    if posting.title and posting.title.strip():
        return " ".join(posting.title.split())
    blocks = [block for block in posting.blocks if block.text.strip()]
    first = next((b for b in blocks if b.kind is BlockKind.HEADING), blocks[0] if blocks else None)
    if first is None:
        return "Job posting"
    words = first.text.replace("\v", " ").split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def to_html(posting: Posting, *, lang: str = "en") -> str:
    """A standalone HTML page: header text, the posting, footer text."""
    header, body, footer = split_origins(posting.blocks)
    title = escape(page_title(posting), quote=False)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
    ]
    if header:
        out.append("<header>")
        _body(header, out)
        out.append("</header>")
    out.append("<main>")
    _body(body, out)
    out.append("</main>")
    if footer:
        out.append("<footer>")
        _body(footer, out)
        out.append("</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"

"""Write a comparison (``core.compare.Comparison``) as a self-contained HTML report.

One file, inline CSS, no scripts and nothing fetched: it opens the same offline, in a browser
or an e-mail. Every piece of posting text is escaped; the cue inside each quoted sentence is
wrapped in ``<mark>``. Tables are semantic (caption, ``th`` with ``scope``) so screen readers
can walk them. A ``.pdf`` path is laid out with ReportLab by :mod:`compare_pdf` instead.
Which suffix gets which writer is a row of :data:`.formats.REPORT_FORMATS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from . import formats
from .atomic import write_atomic
from .errors import ExportError

# Said from the writer's side: an arrow beside their number read as if they were ahead.
_ARROWS = {
    "better": "✓ yours better",
    "worse": "✗ yours worse",
    "same": "= same",
    "unknown": "?",
}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:64rem;padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #d8d8d8;padding:.35rem .5rem;vertical-align:top;text-align:left}
thead th{background:#f3f4f6}td.num{text-align:right;white-space:nowrap}
.better{color:#116329}.worse{color:#b42318}.same,.unknown{color:#555}
blockquote{margin:.2rem 0;padding:.2rem .6rem;border-left:3px solid #c7d2fe;background:#f8f9ff}
mark{background:#fde68a;padding:0 .1rem}.muted{color:#666;font-size:.85rem}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
"""


class ReportWriteError(ExportError):
    """The comparison report could not be written (unsupported format or a file error)."""


def _quote(evidence: Any) -> str:
    """The evidence sentence, escaped, with its cue marked."""
    if evidence is None:
        return ""
    parts = evidence.parts()
    if parts is None:
        return f"<blockquote>{escape(evidence.text)}</blockquote>"
    before, cue, after = parts
    return f"<blockquote>{escape(before)}<mark>{escape(cue)}</mark>{escape(after)}</blockquote>"


def _metrics_table(comparison: Any, names: list[str]) -> list[str]:
    out = ["<table>", "<caption>Side by side</caption>", "<thead><tr>"]
    out.append('<th scope="col">Metric</th>')
    out.append(f'<th scope="col">{escape(names[0])} (yours)</th>')
    for number, name in enumerate(names[1:], start=1):
        out.append(f'<th scope="col">[{number}] {escape(name)}</th>')
    out.append('<th scope="col">You vs the best of them</th></tr></thead><tbody>')
    for row in comparison.metrics:
        out.append(f'<tr><th scope="row" title="{escape(row.source)}">{escape(row.label)}</th>')
        out.append(f'<td class="num">{escape(row.display[0])}</td>')
        for value, verdict in zip(row.display[1:], row.versus, strict=True):
            # The verdict in a competitor's cell is *mine* against that competitor.
            out.append(
                f'<td class="num">{escape(value)} '
                f'<span class="{verdict}">{escape(_ARROWS[str(verdict)])}</span></td>'
            )
        best = str(row.versus_best)
        out.append(f'<td class="{best}">{escape(_ARROWS[best])}</td></tr>')
    out.append("</tbody></table>")
    out.append(
        '<p class="muted">In a competitor\'s column, "yours better" means yours is better than '
        "theirs on that line. Hover a metric for the evidence behind its direction.</p>"
    )
    return out


def comparison_html(comparison: Any, title: str = "Posting comparison") -> str:
    """The whole report as one HTML document (a string)."""
    names = [p.name for p in comparison.postings]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="muted">Your posting: {escape(names[0])}; compared with '
        f"{len(names) - 1} competitor posting(s).</p></header><main>",
        "<section><h2>How your posting stands</h2>",
        *_metrics_table(comparison, names),
        "</section>",
        "<section><h2>What they offer that you don't</h2>",
    ]
    if comparison.they_offer:
        out.append("<table><caption>Stated by a competitor, absent from yours</caption>")
        out.append(
            '<thead><tr><th scope="col">Competitor</th><th scope="col">Kind</th>'
            '<th scope="col">What</th><th scope="col">Where they say it</th></tr></thead><tbody>'
        )
        for offer in comparison.they_offer:
            out.append(
                f"<tr><td>[{offer.competitor}] {escape(names[offer.competitor])}</td>"
                f"<td>{escape(str(offer.kind))}</td><td>{escape(offer.label)}</td>"
                f"<td>{_quote(offer.evidence)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Nothing: every benefit, section and fact they state, you state too.</p>")
    out.append("</section><section><h2>Shared clichés</h2>")
    if comparison.shared_cliches:
        out.append("<table><caption>Phrases that make you sound like them</caption>")
        out.append(
            '<thead><tr><th scope="col">Phrase</th><th scope="col">Also in</th>'
            '<th scope="col">Your sentence</th></tr></thead><tbody>'
        )
        for cliche in comparison.shared_cliches:
            also = ", ".join(f"[{n}] {escape(names[n])}" for n in cliche.competitors)
            out.append(
                f"<tr><td>{escape(cliche.phrase)}</td><td>{also}</td>"
                f"<td>{_quote(cliche.mine)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>None found.</p>")
    out.append("</section><section><h2>What makes you different</h2>")
    if comparison.distinctive:
        out.append("<table><caption>Terms only you use: consider putting them first</caption>")
        out.append(
            '<thead><tr><th scope="col">Term</th><th scope="col">Times</th>'
            '<th scope="col">First used in</th></tr></thead><tbody>'
        )
        for term in comparison.distinctive:
            out.append(
                f'<tr><td>{escape(term.term)}</td><td class="num">{term.count}</td>'
                f"<td>{_quote(term.evidence)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Nothing stands out against these competitors.</p>")
    if comparison.distinctive_sentences:
        out.append("<h3>Your most distinctive sentences</h3><ol>")
        for sentence in comparison.distinctive_sentences:
            out.append(f"<li>{_quote(sentence.evidence)}</li>")
        out.append("</ol>")
    out.append("</section></main>")
    out.append('<footer class="muted"><p>Made offline by Posting Studio.</p></footer>')
    out.append("</body></html>\n")
    return "\n".join(out)


def html_report(comparison: Any) -> bytes:
    """The ``html`` row's writer: the page as UTF-8."""
    return comparison_html(comparison).encode("utf-8")


def _pdf(comparison: Any, path: str) -> None:
    from .compare_pdf import write_comparison_pdf  # ReportLab is imported only for a PDF

    write_comparison_pdf(comparison, path)


def pdf_report(comparison: Any) -> Callable[[str], None]:
    """The ``pdf`` row's writer: ReportLab wants a file name, so it writes the temporary path."""

    def write_pdf(temporary: str) -> None:
        _pdf(comparison, temporary)

    return write_pdf


def write_comparison_report(comparison: Any, path: str | os.PathLike[str]) -> Path:
    """Write the report to ``path`` (format from its suffix), atomically; return the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    row = formats.report_format_for(suffix)
    if row is None:
        raise ReportWriteError(
            target,
            f"reports are written as {formats.report_suffixes_text()}, not '{suffix or 'none'}'",
        )
    data: bytes | Callable[[str], None] = formats.resolve(row.writer)(comparison)
    try:
        write_atomic(target, data)  # 0644 under umask 022, like every other export
    except ExportError as error:  # the folder is missing or read-only, the disk is full
        raise ReportWriteError(target, error.reason) from None
    except Exception as error:  # noqa: BLE001 - ReportLab raises its own types on bad layout
        raise ReportWriteError(target, f"the {row.label} could not be laid out ({error})") from None
    return target

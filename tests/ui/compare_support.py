"""Shared set-up for the compare-view tests: real corpus pairs and waiting for a comparison.

Postings come from the dev split of ../shared/corpus (read, never copied); a test skips with a
reason when the corpus or a pair meeting its condition is absent.
"""

from __future__ import annotations

from tests.conftest import corpus_path, dev_pair, dev_postings
from tests.ui.conftest import wait_report

# Two real Word job descriptions from neighbouring fields (data science / data analytics).
MINE_DOCX = "sahasransu-sahu__rightFit__job_description.docx"
THEIRS_DOCX = "A01258386__Resume-Scanner__job_description.docx"

BENEFIT_WORDS = ("dental", "health", "insurance", "401", "vacation", "pto", "benefit", "leave")


pair = dev_pair  # the UI tests' historical name
__all__ = ["corpus_path", "dev_postings", "pair"]


def dental_pair() -> tuple[dict, dict]:
    """Two data-scientist ads: mine names no benefit at all, theirs offers dental insurance."""
    return pair(
        "glassdoor_ds",
        lambda t: not any(word in t.lower() for word in BENEFIT_WORDS) and len(t) > 1500,
        lambda t: "dental insurance" in t.lower(),
    )


def wait_comparison(qtbot, ws, competitors: int = 1, timeout: int = 20_000):
    """Wait until the comparison of the current text of mine with every competitor is shown."""
    wait_report(qtbot, ws, timeout)
    controller = ws.compare.controller

    def current() -> bool:
        latest = controller.latest
        shown = ws.session.markers.result
        return (
            latest is not None
            and shown is not None
            and len(controller.competitors) == competitors
            and all(c.ready for c in controller.competitors.values())
            and latest.generation == controller.generation
            and latest.comparison.mine.report is shown.report
            and len(latest.keys) == competitors
            and ws.compare.view.comparison is latest.comparison
        )

    qtbot.waitUntil(current, timeout=timeout)
    return controller.latest

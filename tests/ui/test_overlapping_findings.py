"""Every finding within reach: hover and the right-click menu list all findings under the
cursor, the most specific first; the allow-list offers the phrase, never the sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from postingstudio.core.model import Block, BlockKind, Posting
from postingstudio.ui.common.tooltips import findings_tooltip
from postingstudio.ui.editor.editor import allow_term

from .conftest import wait_report

HARD_WITH_CLICHE = (
    "The successful applicant will coordinate the operational administration of departmental "
    "documentation in a fast-paced environment, ensuring regulatory compliance across "
    "multidisciplinary organisational functions and maintaining the institutional records that "
    "the accreditation authorities review every single year with the board."
)  # 40 words: hard sentences are 38 words or more


def _load(ws, qtbot):
    ws.start(show=False)
    easy = "You will help our customers every day in the shop. " * 12
    ws.session.load(
        Posting(
            (Block.of(BlockKind.PARAGRAPH, HARD_WITH_CLICHE), Block.of(BlockKind.PARAGRAPH, easy))
        )
    )
    return wait_report(qtbot, ws)


def _position(ws, words: str) -> int:
    found = ws.window.editor.document().find(words)
    assert not found.isNull(), words
    return found.selectionStart() + 1


def test_hover_lists_the_cliche_first_then_the_sentence(qtbot, workspace):
    _load(workspace, qtbot)
    markers = workspace.session.markers.all_at(_position(workspace, "fast-paced"))
    rules = [m.finding.rule_id for m in markers]
    assert rules[0].startswith("generic.") and any(r.startswith("readability.") for r in rules)
    tip = findings_tooltip(
        [m.finding for m in markers],
        ["Generic", "Readability"][: len(markers)] + ["x"] * (len(markers) - 2),
    )
    assert markers[0].finding.message[:20] in tip and "Also here" in tip
    assert markers[-1].finding.message[:15] in tip


def test_menu_offers_each_finding_and_allows_only_the_phrase(qtbot, workspace):
    _load(workspace, qtbot)
    editor = workspace.window.editor
    menu = QMenu(editor)
    assert editor.fix_menu(_position(workspace, "fast-paced"), menu)
    labels = [a.text() for a in menu.actions()]
    allows = [label for label in labels if label.startswith("Add “")]
    assert allows and all("fast-paced" in label.lower() for label in allows)
    submenus = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert submenus, "the sentence-level finding is offered in its own submenu"
    (sentence,) = [sub for sub in submenus if sub.title().startswith("Readability")]
    inner = [a.text() for a in sentence.actions()]
    assert "Ignore" in inner and not any(t.startswith("Add “") for t in inner)


def test_allow_term_is_never_a_sentence(rulebook):
    from postingstudio.core.analyse import analyse

    report = analyse(HARD_WITH_CLICHE, rulebook)
    for finding in report.findings:
        term = allow_term(finding)
        assert term is None or len(term.split()) <= 6
    sentence = next(f for f in report.findings if f.rule_id.startswith("readability.very_hard"))
    assert allow_term(sentence) is None


def test_findings_panel_shows_all_hard_sentences_on_request(qtbot, workspace, app_paths):
    workspace.start(show=False)
    mild = (
        "You will pack the boxes{}, check the orders, answer the phone, help the drivers load "
        "the vans, keep the stock room tidy and clean, and tell the manager when we run low on "
        "tape or labels or boxes."
    )  # 38 words, so even the shortest variant is a hard sentence
    hard = " ".join(mild.format(" and parcels" * n) for n in range(6))
    easy = " You will help our customers every day in the shop." * 12
    workspace.session.load(Posting((Block.of(BlockKind.PARAGRAPH, hard + easy),)))

    def sentence_findings(report):
        return [f for f in report.findings if f.rule_id.endswith("_sentence")]

    assert len(sentence_findings(wait_report(qtbot, workspace).report)) == 3
    panel = workspace.window.findings
    panel.all_hard.setChecked(True)
    qtbot.waitUntil(
        lambda: len(sentence_findings(workspace.session.markers.result.report)) == 6,
        timeout=10_000,
    )
    assert workspace.session.preferences.analysis.show_all_hard_sentences
    assert "show_all_hard_sentences" in app_paths.preferences.read_text(encoding="utf-8")

"""Fix buttons in the findings panel are elided at a word, with the full text in a tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from postingstudio.core.findings import Category, Finding, Severity
from postingstudio.ui.common.elide import ELLIPSIS, ElidedButton, elide_words
from postingstudio.ui.findings.panel import FindingsPanel

LONG = (
    "projects such as <e.g. the office move, the new payroll system and the regional "
    "customer survey that runs every spring>"
)


def _finding(replacement: str) -> Finding:
    text = "various projects"
    return Finding(
        "generic.various", Category.GENERIC, Severity.SUGGESTION, 10, 10 + len(text), text,
        "Vague", "Say which", "guide", (replacement,),
    )  # fmt: skip


def _fix_buttons(panel: FindingsPanel) -> list[ElidedButton]:
    layout = panel.detail_buttons
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w for w in widgets if isinstance(w, ElidedButton)]


def _select_first(panel: FindingsPanel) -> None:
    panel.tree.setCurrentIndex(panel.index_for(0))
    QApplication.processEvents()


def _whole_words(shown: str, full: str) -> None:
    kept = shown.removesuffix(ELLIPSIS)
    assert full.startswith(kept), (shown, full)
    assert full[len(kept)] == " ", f"cut mid-word: {shown!r}"


def test_long_replacement_is_elided_at_a_word_with_the_full_text_in_the_tooltip(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_findings([_finding(LONG)])
    _select_first(panel)
    (button,) = _fix_buttons(panel)
    full = f"Apply “{LONG}”"
    assert button.text().endswith(ELLIPSIS), button.text()
    assert len(button.text()) < len(full)
    _whole_words(button.text(), full)
    assert button.toolTip() == full
    assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width()
    emitted = []
    panel.applyRequested.connect(lambda i, r: emitted.append((i, r)))
    button.click()
    assert emitted == [(0, LONG)]  # the whole replacement is applied, not the shown part


def test_short_replacement_is_shown_whole_without_an_ellipsis(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_findings([_finding("several")])
    _select_first(panel)
    (button,) = _fix_buttons(panel)
    assert button.text() == "Apply “several”"
    assert not button.text().endswith(ELLIPSIS)


def test_button_re_elides_when_narrowed_and_widened(qtbot):
    button = ElidedButton(f"Apply “{LONG}”", max_chars=200)
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    button.resize(600, 30)
    wide = button.text()
    button.resize(150, 30)
    narrow = button.text()
    assert narrow.endswith(ELLIPSIS) and len(narrow) < len(wide)
    _whole_words(narrow, button.full_text)
    assert button.toolTip() == button.full_text


def test_elide_words_never_cuts_inside_a_word(qapp):
    metrics = ElidedButton("x").fontMetrics()
    text = "alpha beta gamma delta epsilon zeta eta theta"
    for width in range(metrics.horizontalAdvance("alpha…") + 2, metrics.horizontalAdvance(text)):
        shown = elide_words(metrics, text, width)
        assert shown.endswith(ELLIPSIS)
        assert metrics.horizontalAdvance(shown) <= width
        _whole_words(shown, text)
    assert elide_words(metrics, text, 10_000) == text

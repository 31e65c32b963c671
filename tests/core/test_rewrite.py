"""The rewrite engine's parts: agreement checks, the fix policy, placeholders, run edits."""

from __future__ import annotations

from postingstudio.core.analyse import analyse
from postingstudio.core.findings import Category, Finding, Severity
from postingstudio.core.fixes import (
    PLACEHOLDER_RULE,
    is_safe,
    placeholder_findings,
    polish_text,
    unsafe_reason,
)
from postingstudio.core.model import Block, BlockKind, Posting, Run
from postingstudio.core.report import SectionState
from postingstudio.core.rewrite.agreement import new_problems, problems
from postingstudio.core.rewrite.fit import Edit
from postingstudio.core.rewrite.posting_edit import apply_to_posting
from postingstudio.core.rewrite.rewriter import apply_changes
from postingstudio.core.rules.rulebook import default_rulebook


def _finding(text: str, replacement: str, **extra: object) -> Finding:
    return Finding(
        "dry.wordy", Category.DRY, Severity.SUGGESTION, 0, len(text), text, "m", "w", "s",
        (replacement,), extra=dict(extra),
    )  # fmt: skip


def test_agreement_checks_find_each_kind_of_break() -> None:
    assert problems("You demonstrates a record.")
    assert problems("If you has time, call.")
    assert problems("We need an user.")
    assert problems("We need a hour.")
    assert problems("Take a choices.")
    assert problems("The focus of you'll the team.")
    assert problems("You must can lift boxes.")
    assert not problems("You demonstrate a record and take an hour a day.")
    assert not problems("Thank you notes are welcome; you lead the team.")


def test_only_problems_the_change_added_count() -> None:
    assert new_problems("We need an user.", "We need an user today.") == []
    assert new_problems("We need a engineer.", "We need an expert.") == []
    assert new_problems("You lead.", "You leads.")


def test_policy_ticks_only_meaning_kept_placeholder_free_fixes() -> None:
    assert is_safe(_finding("utilize", "use", meaning="kept"))
    assert not is_safe(_finding("rockstar", "skilled engineer"))
    assert unsafe_reason(_finding("x", "<team size>", meaning="kept"), "lead <team size>") == (
        "needs your words: <team size>"
    )
    judged = _finding("facilitate", "run", judgement="it depends")
    assert unsafe_reason(judged, "run") == "needs your judgement: it depends"


def test_unfilled_placeholders_are_findings_and_keep_the_section_thin() -> None:
    text = "Pay\nWe pay <salary range> a year, reviewed every April.\n"
    found = placeholder_findings(text)
    assert [f.text for f in found] == ["<salary range>"]
    book = default_rulebook()
    report = analyse(text, book)
    assert any(f.rule_id == PLACEHOLDER_RULE for f in report.findings)
    filled = analyse(text.replace("<salary range>", "£30,000–£34,000"), book)
    assert report.scores.overall <= filled.scores.overall
    for section in report.sections:
        if section.start is not None and section.end is not None:
            if section.start <= text.index("<") < section.end:
                assert section.state is not SectionState.PRESENT


def test_polish_applies_safe_changes_and_offers_the_rest() -> None:
    book = default_rulebook()
    text = "The successful candidate utilizes a number of tools.\nWe offer <perk>.\n"
    report = analyse(text, book)
    polished = polish_text(report.text, list(report.findings))
    assert polished.after.startswith("You use several tools.")
    assert "<perk>" in polished.after
    assert apply_changes(report.text, polished.safe) == polished.after  # type: ignore[arg-type]


def test_run_edits_keep_the_format_of_untouched_words() -> None:
    bold = Run("Utilize", bold=True)
    posting = Posting((Block(BlockKind.PARAGRAPH, (bold, Run(" data daily."))),))
    edited = apply_to_posting(posting, [Edit(0, 7, "Use"), Edit(13, 18, "every day")])
    assert edited.text == "Use data every day."
    assert edited.blocks[0].runs[0].text == "Use"
    assert edited.blocks[0].runs[0].bold


def test_check_does_not_load_the_inflection_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\n"
        "from postingstudio.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['check', '--sample'])\n"
        "print('lemminflect' in sys.modules, 'inflect' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False False", result.stderr[-2000:]

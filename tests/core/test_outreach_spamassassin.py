"""A real SpamAssassin (Debian ``spamassassin``, default rules, network tests off) as an
independent judge: drafted emails from real postings score below its threshold, and a message
built from phrases our rules flag scores above it (so the judge is really judging)."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.outreach import draft_outreach, kit_for
from postingstudio.core.outreach.drafts import fill
from postingstudio.core.plaintext import parse_text
from postingstudio.docio.outreach_export import eml_bytes
from postingstudio.paths import resources_dir
from tests.conftest import dev_postings

_HELPER = Path(__file__).resolve().parents[2] / "benchmarks" / "outreach_spamassassin.py"


def _judge():
    spec = importlib.util.spec_from_file_location("outreach_spamassassin", _HELPER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    if not module.available():
        pytest.skip("spamassassin is not installed (scripts/system-deps installs it)")
    return module


def test_drafted_emails_score_below_the_threshold_and_spam_scores_above(rulebook):
    judge = _judge()
    kit = kit_for(resources_dir())
    messages = []
    for source in ("monster_us", "adzuna_uk", "google_careers"):
        for record in dev_postings(source)[:2]:
            posting = replace(parse_text(record["text"]), title=record.get("title"))
            drafts = draft_outreach(
                posting, analyse(posting, rulebook), rulebook, kit, channels=("email", "follow_up")
            )
            for message in drafts.messages:
                messages.append(
                    eml_bytes(fill(message.subject, kit.typical), fill(message.body, kit.typical))
                )
    spam = "Dear Friend,\n\n100% guaranteed income! Be your own boss. Click here: bit.ly/x\n\nSam"
    verdicts = judge.score_messages([*messages, eml_bytes("EARN MONEY FROM HOME NOW", spam)])
    drafted, control = verdicts[:-1], verdicts[-1]
    assert len(drafted) == 24
    assert all(v.score < v.required for v in drafted), [v for v in drafted if v.score >= v.required]
    # The judge once found our own opener ("I found your profile") in every email: never again.
    assert not any("FOUND_YOU" in v.tests for v in drafted)
    assert control.score >= control.required and "DEAR_FRIEND" in control.tests

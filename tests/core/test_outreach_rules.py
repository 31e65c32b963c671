"""Every spam rule flags its own examples and passes its counter-examples (rules are data)."""

from __future__ import annotations

import pytest

from postingstudio.core.outreach import Message, kit_for
from postingstudio.core.outreach.checks import spam_findings
from postingstudio.paths import resources_dir

KIT = kit_for(resources_dir())
RULES = {rule.id: rule for rule in KIT.spam_rules}


def _hits(rule_id: str, text: str) -> bool:
    rule = RULES[rule_id]
    field = "subject" if rule.where == "subject" else "body"
    message = Message(
        "email",
        body=text if field == "body" else "Hello",
        subject=text if field == "subject" else "Hi",
    )
    return any(
        f.rule_id == rule_id and f.extra["field"] == field for f in spam_findings(message, KIT)
    )


def test_every_rule_names_its_source_and_has_examples():
    assert len(RULES) >= 20
    for rule in RULES.values():
        assert "SpamAssassin" in rule.source or "checklist" in rule.source, rule.id
        assert rule.flags and rule.passes, rule.id


@pytest.mark.parametrize(("rule_id", "text"), [(r.id, t) for r in KIT.spam_rules for t in r.flags])
def test_rule_flags_its_examples(rule_id, text):
    assert _hits(rule_id, text)


@pytest.mark.parametrize(("rule_id", "text"), [(r.id, t) for r in KIT.spam_rules for t in r.passes])
def test_rule_passes_its_counter_examples(rule_id, text):
    assert not _hits(rule_id, text)


def test_all_caps_subject_follows_spamassassin_reading():
    def caps(subject):
        found = spam_findings(Message("email", body="Hello", subject=subject), KIT)
        return any(f.rule_id == "spam.subject_all_caps" for f in found)

    assert caps("DATA ENGINEER ROLE AT ACME")
    assert not caps("ENGINEER")  # one word
    assert not caps("DATA ROLE")  # under ten characters
    assert not caps("Data engineer role at ACME")


def test_spam_offsets_point_at_the_phrase_in_the_body():
    body = "Hi Ana,\nThis is a UNIQUE OPPORTUNITY for you. Click here!!!"
    found = spam_findings(Message("email", body=body, subject="Role"), KIT)
    for finding in found:
        assert body[finding.start : finding.end] == finding.text
    assert {"spam.opportunity", "spam.opportunity_caps", "spam.click_here", "spam.bangs"} <= {
        f.rule_id for f in found
    }

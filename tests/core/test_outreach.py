"""Outreach drafts built from real postings and real .docx files, and their checks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.outreach import CHANNELS, DraftOptions, draft_outreach, kit_for, recheck
from postingstudio.core.outreach.checks import as_posting, engine_findings
from postingstudio.core.outreach.facts import short_role
from postingstudio.core.plaintext import parse_text
from postingstudio.paths import resources_dir
from tests.conftest import corpus_path, dev_postings

KIT = kit_for(resources_dir())


def _drafts(rulebook, posting, **options):
    return draft_outreach(
        posting, analyse(posting, rulebook), rulebook, KIT, options=DraftOptions(**options)
    )


def _with_pay(source="monster_us"):
    for record in dev_postings(source):
        posting = replace(parse_text(record["text"]), title=record.get("title"))
        report_salary = analyse(posting, _book()).salary
        if str(report_salary.kind) == "range" and "*" not in report_salary.text:
            return posting
    pytest.skip(f"no {source} dev posting with a pay range")


def _book():
    from postingstudio.core.rules.rulebook import default_rulebook

    return default_rulebook()


def test_every_channel_is_drafted_with_the_postings_role_and_pay(rulebook):
    posting = _with_pay()
    drafts = _drafts(rulebook, posting)
    channels = [m.channel for m in drafts.messages]
    assert set(channels) == set(CHANNELS) | {"voicemail_email"}
    assert channels.count("follow_up") == 3
    assert drafts.facts.pay
    for message in drafts.messages:
        text = message.body + (message.subject or "")
        assert drafts.facts.role_short in text, message.channel
        pay = drafts.facts.pay.replace("–", "-") if message.channel == "sms" else drafts.facts.pay
        assert pay in text, message.channel
        assert message.within_limits, (message.channel, message.length, message.limit)


def test_follow_ups_carry_the_schedule_days_from_data(rulebook):
    drafts = _drafts(rulebook, _with_pay())
    steps = [(m.step, m.day) for m in drafts.messages if m.channel == "follow_up"]
    assert steps == list(zip([1, 2, 3], KIT.schedule["sequence"]["days"], strict=True))
    assert "source" in KIT.schedule["send_time"]


def test_sms_has_opt_out_segments_and_stays_gsm7(rulebook):
    drafts = _drafts(rulebook, _with_pay())
    sms = next(m for m in drafts.messages if m.channel == "sms")
    assert "Reply STOP" in sms.body
    assert sms.sms is not None and sms.sms.encoding == "GSM-7" and 1 <= sms.segments <= 2
    edited = recheck(
        replace(sms, body=sms.body.replace("Reply STOP to opt out.", "Thanks’")), rulebook, KIT
    )
    rules = {f.rule_id for f in edited.findings}
    assert {"outreach.sms_opt_out", "outreach.sms_ucs2"} <= rules
    ucs2 = next(f for f in edited.findings if f.rule_id == "outreach.sms_ucs2")
    assert "’" in ucs2.message and edited.sms.encoding == "UCS-2"


def test_third_party_contacts_get_the_article_14_sentence(rulebook):
    posting = _with_pay()
    plain = _drafts(rulebook, posting)
    sourced = _drafts(rulebook, posting, third_party=True)
    sentence = KIT.sentences["article14"][:30]
    for channel in ("email", "inmail", "voicemail_email"):
        assert sentence not in next(m for m in plain.messages if m.channel == channel).body
        assert sentence in next(m for m in sourced.messages if m.channel == channel).body
    email = next(m for m in sourced.messages if m.channel == "email")
    stripped = recheck(
        replace(email, body=email.body.split("Your details come from")[0] + "Best"),
        rulebook,
        KIT,
        third_party=True,
    )
    assert "outreach.article14" in {f.rule_id for f in stripped.findings}


def test_a_posting_without_a_title_drafts_a_role_placeholder_and_says_so(rulebook):
    posting = parse_text(
        "We build payment tools for small shops.\nYou will write Python services and own them."
    )
    drafts = _drafts(rulebook, posting)
    assert drafts.facts.role is None
    for message in drafts.messages:
        assert "{role}" in message.body + (message.subject or "")
        assert "role" in message.placeholders
        assert any(f.rule_id == "outreach.no_role" for f in message.findings), message.channel


def test_placeholders_are_listed_and_filled_by_the_writer(rulebook):
    posting = _with_pay()
    drafts = _drafts(rulebook, posting)
    email = next(m for m in drafts.messages if m.channel == "email")
    assert {"first_name", "their_skill", "where_we_found_you", "sender_name", "company"} <= set(
        email.placeholders
    )
    filled = _drafts(rulebook, posting, contact={"first_name": "Priya", "company": "Acme"})
    email = next(m for m in filled.messages if m.channel == "email")
    assert email.body.startswith("Hi Priya,") and "{company}" not in email.body
    assert "first_name" not in email.placeholders


def test_edited_draft_loses_its_call_to_action_and_gets_spam_warnings(rulebook):
    email = next(m for m in _drafts(rulebook, _with_pay()).messages if m.channel == "email")
    edited = recheck(
        replace(
            email,
            body="Dear Candidate, this is a unique opportunity. Act now!!!",
            subject="Re: JOBS FOR YOU NOW",
        ),
        rulebook,
        KIT,
    )
    rules = {f.rule_id for f in edited.findings}
    assert {
        "outreach.no_call_to_action",
        "spam.dear_something",
        "spam.act_now",
        "spam.bangs",
        "spam.fake_reply",
        "spam.subject_all_caps",
    } <= rules
    for finding in edited.findings:
        text = edited.subject if finding.extra["field"] == "subject" else edited.body
        assert text[finding.start : finding.end] == finding.text


def test_posting_cliches_are_flagged_in_drafts_at_body_offsets(rulebook):
    body = "Hi Ana,\n\nWe are a fast-paced team of rockstars.\n\nWould a call suit you?"
    found = engine_findings(body, rulebook)
    assert found, "the posting rules should flag this cliché in a draft"
    for finding in found:
        assert body[finding.start : finding.end] == finding.text
    assert as_posting(body).text == body


def test_limits_hold_with_long_typical_values_by_falling_back_to_shorter_variants(rulebook):
    record = next(r for r in dev_postings("electionline") if len(r["title"]) > 45)
    posting = replace(parse_text(record["text"]), title=record.get("title"))
    drafts = _drafts(rulebook, posting)
    assert all(m.within_limits for m in drafts.messages)
    note = next(m for m in drafts.messages if m.channel == "linkedin_note")
    assert note.limit == 200 and len(note.measured_body) <= 200


def test_short_role_cuts_at_separators():
    assert short_role("Data Engineer - Payments (Remote)") == "Data Engineer"
    assert short_role("Senior .Net Developer Job in Knoxville") == "Senior .Net Developer"
    assert short_role("Nurse") == "Nurse"


def test_competitor_terms_take_the_place_of_corpus_terms(rulebook):
    posting = _with_pay()
    drafts = draft_outreach(
        posting,
        analyse(posting, rulebook),
        rulebook,
        KIT,
        distinctive_terms=["kubernetes operators"],
    )
    assert (
        any("kubernetes operators" in h for h in drafts.facts.highlights)
        or len(drafts.facts.highlights) == 3
    )


@pytest.mark.parametrize(
    "name",
    ["jzf21__resume-analyser__job_description.docx", "KavithaLakshmi28__Resume_tracker__JD.docx"],
)
def test_drafts_from_real_docx(rulebook, name):
    from postingstudio.docio import load_posting

    posting = load_posting(corpus_path("docx", "jd_real", name))
    drafts = _drafts(rulebook, posting)
    assert drafts.messages and all(m.within_limits for m in drafts.messages)
    if drafts.facts.role:
        assert all(drafts.facts.role_short in m.body + (m.subject or "") for m in drafts.messages)
    email = next(m for m in drafts.messages if m.channel == "email")
    assert email.subject and len(email.measured_subject) <= 60


def test_an_all_capitals_title_is_not_shouted_in_subjects(rulebook):
    posting = parse_text(
        "BECOME A LICENSED TEACHER\nWe train teachers in Ohio. The pay is $40,000 a year."
    )
    drafts = _drafts(rulebook, posting)
    email = next(m for m in drafts.messages if m.channel == "email")
    assert email.subject.startswith("Become A Licensed Teacher")
    assert not any(
        f.rule_id == "spam.subject_all_caps" for m in drafts.messages for f in m.findings
    )


def test_a_scraped_titles_style_sheet_and_board_tail_are_cut_from_the_role(rulebook):
    from postingstudio.core.outreach.facts import posting_title

    scraped = "Registered Nurse Job in Boston, MA body { margin:px; overflow: visible; }"
    posting = replace(parse_text("We care for 300 patients a day."), title=scraped)
    assert posting_title(posting, KIT, rulebook) == "Registered Nurse"
    kept = replace(parse_text("We care for 300 patients a day."), title="Job in a Box Coordinator")
    assert posting_title(kept, KIT, rulebook) == "Job in a Box Coordinator"

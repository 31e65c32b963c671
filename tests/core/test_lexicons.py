"""The shipped lexicons keep their promised size and shape: every entry explains itself and
offers at least one concrete replacement."""

from __future__ import annotations

import tomllib

from postingstudio.paths import resources_dir


def entries(rulebook, prefix):
    return [
        entry
        for rule in rulebook.rules
        if rule.id.startswith(prefix) and rule.kind == "substitution"
        for entry in rule.entries
    ]


def test_generic_lexicon_has_at_least_150_entries(rulebook):
    generic = [e for e in entries(rulebook, "generic.") if e]
    assert len(generic) >= 150, len(generic)


def test_dry_lexicon_has_at_least_80_entries(rulebook):
    assert len(entries(rulebook, "dry.")) >= 80


def test_every_entry_explains_and_offers_a_fix(rulebook):
    for rule in rulebook.rules:
        for entry in rule.entries if rule.kind == "substitution" else ():
            assert entry.explain.strip(), (rule.id, entry.terms)
            assert entry.replacements, (rule.id, entry.terms)


REQUIRED = {
    "fast-paced environment": "You will thrive in a fast-paced environment.",
    "rockstar": "We need a sales rockstar.",
    "wear many hats": "You will wear many hats.",
    "self-starter": "You are a self-starter.",
    "team player": "You are a team player.",
    "work hard, play hard": "We work hard, play hard.",
    "other duties as assigned": "Other duties as assigned.",
    "hit the ground running": "You can hit the ground running.",
    "synergy": "You create synergy across teams.",
    "responsible for": "You will be responsible for payroll.",
    "duties include": "Duties include filing.",
    "utilize": "You will utilize Excel.",
    "in order to": "You will call clients in order to book visits.",
    "The successful candidate will": "The successful candidate will manage accounts.",
    "competitive salary": "We offer a competitive salary.",
    "commensurate with experience": "Salary commensurate with experience.",
    "ping-pong": "We have a ping-pong table.",
    "digital native": "You are a digital native.",
    "recent graduate": "This role suits a recent graduate.",
    "Native English speaker": "Native English speaker required.",
    "culture fit": "We hire for culture fit.",
    "young and energetic": "Join our young and energetic team.",
}


def test_required_phrases_are_flagged_with_a_fix(rulebook):
    from postingstudio.core.analyse import analyse

    for phrase, sentence in REQUIRED.items():
        report = analyse(sentence, rulebook)
        start = sentence.lower().index(phrase.lower())
        hits = [
            f for f in report.findings
            if f.is_span and f.start < start + len(phrase) and start < f.end and f.replacements
        ]  # fmt: skip
        assert hits, f"{phrase!r} is not flagged in {sentence!r}"


def test_gender_lexicon_carries_the_published_lists():
    with (resources_dir() / "lexicons" / "gender_coded.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert len(data["masculine"]["stems"]) >= 42 and len(data["feminine"]["stems"]) >= 40
    assert "Gaucher" in data["source"]
    for stem in data["masculine"]["stems"]:
        assert data["alternatives"].get(stem), f"no neutral alternative for {stem}"

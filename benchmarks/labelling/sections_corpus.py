"""The labelled postings as the section trainer reads them (``sections_train.py``): both raters'
labels, the adjudicated states, each posting's parsed text, the rules' verdicts and marks, its
sentence units and their features, computed once."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from section_quality import SPECS, parse_text  # noqa: E402
from sections_agreement import corpus_records, found, load_gold, load_rater  # noqa: E402

from postingstudio.core.salary import classify_salary  # noqa: E402
from postingstudio.core.sections import (  # noqa: E402
    detect_sections,
    load_section_specs,
    rule_marks,
)
from postingstudio.core.sections_learned import sentence_units, unit_features  # noqa: E402
from postingstudio.core.sections_marks import MARK_PREFIXES  # noqa: E402
from postingstudio.core.sections_spec import salary_vague_terms  # noqa: E402
from postingstudio.core.text import TextIndex  # noqa: E402


class Corpus:
    """The labelled postings with what every fit and measurement needs, computed once."""

    def __init__(self) -> None:
        self.a, _ = load_rater("a")
        self.b, _ = load_rater("b")
        self.gold = load_gold(self.a, self.b)
        self.ids = sorted(set(self.a) & set(self.b) & set(self.gold))
        self.records = corpus_records(set(self.ids))
        specs = load_section_specs(SPECS)
        self.labels = [(spec.id, spec.label) for spec in specs]
        self.units, self.feats, self.rules, self.text = {}, {}, {}, {}
        self.kind: dict[str, str] = {}
        for posting_id in self.ids:
            posting = parse_text(self.records[posting_id]["text"])
            index = TextIndex(posting.text)
            salary = classify_salary(index, salary_vague_terms(specs))
            self.kind[posting_id] = str(salary.kind)
            results = detect_sections(posting, index, specs, salary)
            self.rules[posting_id] = [
                (r.state, r.reason, (r.start, r.end) if r.start is not None else None)
                for r in results
            ]
            self.text[posting_id] = posting.text
            self.units[posting_id] = sentence_units(posting.text)
            marks = rule_marks(posting, index, specs)
            self.feats[posting_id] = unit_features(posting.text, self.units[posting_id], marks)

    def rows(
        self, ids: list[str], section: str, context: bool = True, marks: bool = True
    ) -> list[tuple[frozenset[str], bool]]:
        """Each sentence's features and label; without ``context`` the words of the sentence
        before (``p:``) are left out, without ``marks`` the rules' cue hits and headings
        (``c:``, ``hs:``), so the weights have none and the product ignores them."""
        dropped = (() if context else ("p:",)) + (() if marks else MARK_PREFIXES)
        out = []
        for posting_id in ids:
            marked = set(self.a[posting_id].get("sentences", {}).get(section, [])) | set(
                self.b[posting_id].get("sentences", {}).get(section, [])
            )
            positive = self.positives(posting_id, marked)
            for unit, feats in zip(self.units[posting_id], self.feats[posting_id], strict=True):
                if dropped:
                    feats = frozenset(f for f in feats if not f.startswith(dropped))
                out.append(
                    (feats, _words(self.text[posting_id][unit.start : unit.end]) in positive)
                )
        return out

    def positives(self, posting_id: str, marked: set[str]) -> set[tuple[str, ...]]:
        """The word sequences of the sentences a rater marked. Raters saw the corpus text's own
        lines (blank lines included), the product reads the parsed text (blank lines gone), so
        the ids differ wherever a posting has blank lines: a sentence is matched by its words."""
        raw = self.records[posting_id]["text"]
        return {
            _words(raw[u.start : u.end])
            for u in sentence_units(raw)
            if f"{u.block}.{u.number}" in marked
        } - {()}

    def agreed(self, posting_id: str, section: str) -> bool:
        return found(self.a[posting_id], section) == found(self.b[posting_id], section)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))

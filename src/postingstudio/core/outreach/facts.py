"""The facts a recruiting message is built from, read from a posting and its analysis: the
role, the pay (core.salary), work mode and place, the next step of the process, and two or three
facts that make this employer different (the checklist's benefits, then what makes the posting
different: the compare engine's distinctive terms against loaded competitors, or, with none,
terms rare in the dev corpus, whose document frequencies ship as data)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..compare.phrases import stem
from ..model import BlockKind, Posting
from ..report import Report, SalaryKind
from ..rules.rulebook import RuleBook
from ..structure import benefits_mentioned
from ..text import TextIndex
from .kit import OutreachKit

_ROLE_CUT = re.compile(
    r"\s+[-–—|/]\s+|\s*[(,:]|\s+(?:job|jobs|position|vacancy|opening) (?:in|at)\b", re.I
)
_TITLE_MAX_WORDS = 14
_FIRST_LINE_MAX_WORDS = 10  # an untitled first line longer than this is a sentence
_TITLE_MARKS = " #*_\t"  # Markdown heading and emphasis marks around a pasted title
_SHORT_ROLE_MAX = 40
_TERM_STOP = frozenset(
    "about above after again also because been before being below between both could each from "
    "have having here into more most other over same should some such than that their them then "
    "there these they this those through under until very what when where which while will with "
    "would your yours you're we're our ours ourselves work working role team job company "
    "experience skills ability strong including within across using well able must".split()
)


# A highlight reads "work on <term>", so the term must be a thing: common adjective, adverb and
# verb-form endings are skipped (a crude filter, but no tagger runs offline in 1 ms).
_NOT_NOUN = ("ive", "ous", "ful", "able", "ible", "ly", "al", "ic", "ent", "ant", "ed", "ing")


@dataclass(frozen=True, slots=True)
class PostingFacts:
    """What the drafts may say about the job, taken from the posting;
    empty where it states nothing."""

    role: str | None  # None: the posting names no role
    role_short: str | None
    pay: str  # "" when the posting states no figure
    work_mode: str
    place: str
    next_step: str
    next_step_found: bool
    highlights: tuple[str, ...]

    @property
    def where(self) -> str:
        return ", ".join(p for p in (self.work_mode, self.place) if p)

    def to_json(self) -> dict[str, object]:
        return {
            "role": self.role,
            "pay": self.pay or None,
            "work_mode": self.work_mode or None,
            "place": self.place or None,
            "next_step": self.next_step,
            "highlights": list(self.highlights),
        }


def posting_title(
    posting: Posting, kit: OutreachKit | None = None, book: RuleBook | None = None
) -> str | None:
    """The posting's title: a labelled line near the top ("Job Title: …"), else the reader's
    title or a short first line that reads as one and is not a section heading."""
    blocks = posting.blocks[: kit.title_blocks if kit else 8]
    if kit is not None and kit.title_label is not None:
        for block in blocks:
            match = kit.title_label.match(" ".join(block.text.split()))
            if match and match.group(1).strip(_TITLE_MARKS):
                return match.group(1).strip(_TITLE_MARKS)
    candidates = [posting.title or ""] + [b.text for b in posting.blocks[:1]]
    for number, raw in enumerate(candidates):
        text = " ".join(raw.strip(_TITLE_MARKS).split())
        if kit is not None and kit.title_trim is not None:
            text = kit.title_trim.sub("", text).strip(_TITLE_MARKS)
        words = len(text.split())
        first = posting.blocks[0] if posting.blocks else None
        heading_like = number == 0 or (
            first is not None
            and first.kind is not BlockKind.LIST_ITEM  # a requirement bullet, not a name
            and (first.kind is BlockKind.HEADING or not text.endswith((".", "!", "?")))
        )
        most = _TITLE_MAX_WORDS if number == 0 else _FIRST_LINE_MAX_WORDS
        if (
            0 < words <= most
            and heading_like
            and not text.endswith(":")
            and not _section_heading(text, kit, book)
        ):
            return text
    return None


def _section_heading(text: str, kit: OutreachKit | None, book: RuleBook | None) -> bool:
    lowered = text.lower().strip(" :")
    if kit is not None and kit.not_title is not None and kit.not_title.match(lowered):
        return True
    specs = book.sections if book is not None else ()
    return any(
        lowered in spec.headings or any(p.fullmatch(lowered) for p in spec.heading_patterns)
        for spec in specs
    )


def calm_capitals(title: str) -> str:
    """An all-capitals title in ordinary capitals ("BECOME A LICENSED TEACHER" -> "Become A
    Licensed Teacher"): a shouted subject is a spam signal (SUBJ_ALL_CAPS). Short words (RN,
    QA, IT) keep their capitals, as they are mostly acronyms."""
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 8 or not all(c.isupper() for c in letters):
        return title
    return " ".join(w if len(w) <= 3 else w[:1] + w[1:].lower() for w in title.split(" "))


def short_role(role: str) -> str:
    """The role up to its first separator ("Data Engineer - Payments (Remote)" -> "Data
    Engineer"), so subjects and texts can name it within their limits."""
    head = _ROLE_CUT.split(role, maxsplit=1)[0].strip()
    head = head or role
    if len(head) > _SHORT_ROLE_MAX:
        cut = head[:_SHORT_ROLE_MAX].rsplit(" ", 1)[0]
        head = cut or head[:_SHORT_ROLE_MAX]
    return head


def _first(patterns: Sequence[object], text: str) -> tuple[str, str] | None:
    for item in patterns:
        match = item.pattern.search(text)  # type: ignore[attr-defined]
        if match:
            return item.say, (match.group(1) if match.groups() else match.group(0))  # type: ignore[attr-defined]
    return None


def _pay(report: Report) -> str:
    salary = report.salary
    if salary.kind in (SalaryKind.RANGE, SalaryKind.FIGURE) and "*" not in salary.text:
        return " ".join(salary.text.split()).rstrip(".,;")
    return ""


def corpus_terms(
    index: TextIndex, kit: OutreachKit, role: str | None = None, count: int = 2
) -> list[str]:
    """Words this posting uses that few dev-corpus postings use (TF-IDF against the shipped
    document frequencies). Words unseen in the corpus are skipped: they are mostly names; so
    are the title's words, which every posting for the role repeats."""
    if not kit.documents:
        return []
    title_stems = {stem(w) for w in re.findall(r"[a-z]+", (role or "").lower())}
    counts: Counter[str] = Counter()
    surfaces: dict[str, str] = {}
    for norm in index.norms:  # the plain column: no Token objects to build
        if len(norm) < 5 or not norm.isalpha() or norm in _TERM_STOP or norm.endswith(_NOT_NOUN):
            continue
        key = stem(norm)
        if key in title_stems:
            continue
        counts[key] += 1
        surfaces.setdefault(key, norm)
    scored = []
    for key, tf in counts.items():
        df = kit.document_frequency.get(key, 0)
        if df < 3 or tf < 2:
            continue
        scored.append(((1 + math.log(tf)) * math.log(kit.documents / df), key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [_with_neighbour(index, surfaces[key]) for _weight, key in scored[:count]]


def _with_neighbour(index: TextIndex, word: str) -> str:
    """The word with the neighbour it most often stands beside, when that pair recurs
    ("entity" -> "entity framework"): one word alone rarely says what the work is."""
    norms = index.norms
    pairs: Counter[str] = Counter()
    for i, norm in enumerate(norms):
        if norm != word:
            continue
        if i + 1 < len(norms) and norms[i + 1].isalpha() and norms[i + 1] not in _TERM_STOP:
            pairs[f"{norm} {norms[i + 1]}"] += 1
        if (
            i
            and norms[i - 1].isalpha()
            and len(norms[i - 1]) > 3
            and norms[i - 1] not in _TERM_STOP
        ):
            pairs[f"{norms[i - 1]} {norm}"] += 1
    best = pairs.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else word


def extract_facts(
    posting: Posting,
    report: Report,
    book: RuleBook,
    kit: OutreachKit,
    distinctive_terms: Sequence[str] = (),
) -> PostingFacts:
    """``distinctive_terms``: the compare engine's terms against loaded competitors; without
    them, terms rare in the dev corpus stand in."""
    text = report.text
    role = posting_title(posting, kit, book)
    role = calm_capitals(role) if role else None
    mode = _first(kit.work_modes, text)
    place = _first(kit.places, text)
    step = _first(kit.next_steps, text)
    index = TextIndex(text)
    benefits = benefits_mentioned(index, book.benefits)
    ordered = sorted(benefits, key=lambda b: benefits[b][0])
    highlights = [kit.benefit_labels.get(b, b).lower() for b in ordered[:2]]
    terms = list(distinctive_terms) or corpus_terms(index, kit, role)
    for term in terms:
        if len(highlights) >= 3:
            break
        phrase = kit.sentences.get("highlight_term", "{term}").replace("{term}", term)
        if term.lower() not in " ".join(highlights):
            highlights.append(phrase)
    place_text = place[1].strip().rstrip(",.") if place else ""
    return PostingFacts(
        role=role,
        role_short=short_role(role) if role else None,
        pay=_pay(report),
        work_mode=mode[0] if mode else "",
        place=place_text[:40],
        next_step=step[0] if step else kit.defaults.get("next_step", "a short call"),
        next_step_found=step is not None,
        highlights=tuple(highlights),
    )

"""Section specs (``resources/sections/<lang>/*.toml``): loading, validation and the cue matcher.

A spec names a checklist section, the headings that announce it, the content cues that reveal it
when there is no heading, what makes it "thin", the template to insert when it is missing, and
the messages with their evidence. The format is documented in ``docs/sections.md``.

All phrases of all specs go into one first-word table, so finding every cue and heading costs
one dict lookup per token of the posting (see :class:`CueMatcher`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from .findings import Severity
from .rules.terms import TermTable
from .text import TextIndex

_TOP_KEYS = {
    "id", "label", "order", "headings", "heading_patterns", "heading_min_words",
    "heading_requires", "present_requires", "present_any", "thin_groups", "insert_after",
    "insert_default", "template", "thin_hint", "derived", "vague_terms", "claims_sentences",
    "missing", "thin", "cue", "strengthen", "examples", "ignores_claims",
}  # fmt: skip
_REQUIRED = {"id", "label", "order", "template", "missing", "thin"}
_MESSAGE_KEYS = {"severity", "message", "why", "source"}
_CUE_KEYS = {"name", "label", "min", "count", "phrases", "starts", "patterns", "unless_patterns"}
_COUNTS = {"sentences", "distinct", "occurrences"}
# [examples]: pass = reads as present, thin = found but thin, flag = thin or missing. They are
# checked by tests/core/test_section_examples.py, not read by the product.
_EXAMPLE_KEYS = {"flag", "pass", "thin"}


@dataclass(frozen=True)
class Advice:
    """What a finding says for one state (missing or thin). ``message`` may use ``{reason}``."""

    severity: Severity
    message: str
    why: str
    source: str


@dataclass(frozen=True)
class CuePattern:
    """A regular expression cue. It is matched case-sensitively against the lower-cased text
    (fast: a literal start lets the engine skip ahead), or, written with a ``case:`` prefix,
    against the original text. One that starts with a letter must start a word."""

    regex: re.Pattern[str]
    original_case: bool
    word_start: bool
    # Literal strings one of which every match opens with (:func:`openings`); () when unknown.
    openings: tuple[str, ...] = ()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The regex's matches in ``text``; none, without a search, where no opening occurs."""
        openings = self.openings
        if openings and not (
            openings[0] in text if len(openings) == 1 else any(map(text.__contains__, openings))
        ):
            return iter(())
        return self.regex.finditer(text)


@dataclass(frozen=True)
class CueGroup:
    """One kind of evidence for a section. ``phrases`` match anywhere, ``starts`` only when they
    open a sentence, line or bullet (action verbs for duties); both are token sequences whose
    last word may end in ``*`` (a stem). ``min`` hits make the group *satisfied*."""

    name: str
    label: str
    min: int = 1
    count: str = "sentences"
    phrases: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    patterns: tuple[CuePattern, ...] = ()
    unless_patterns: tuple[CuePattern, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    """A checklist section: how its heading and content are recognised and what to advise."""

    id: str
    label: str
    order: int
    template: str
    missing: Advice
    thin: Advice
    headings: tuple[str, ...] = ()
    heading_patterns: tuple[re.Pattern[str], ...] = ()
    heading_min_words: int = 12
    heading_requires: tuple[str, ...] = ()
    present_requires: tuple[str, ...] = ()
    present_any: tuple[str, ...] = ()  # any one of these groups satisfied is enough
    thin_groups: tuple[str, ...] = ()
    insert_after: tuple[str, ...] = ()
    insert_default: str = "end"
    thin_hint: str = ""
    derived: str | None = None  # "salary": state comes from SalaryInfo, not from cues
    vague_terms: tuple[str, ...] = ()
    claims_sentences: bool = False  # sentences this section's cues hit count for no other section
    ignores_claims: bool = False  # its cues count in claimed sentences too
    cues: tuple[CueGroup, ...] = ()
    # (cue group or "default", lines to add when a thin section lacks that group), in file order.
    strengthen: tuple[tuple[str, str], ...] = ()
    source_file: str = field(default="", compare=False)

    def additions(self, lacking: tuple[str, ...]) -> str:
        """The lines a thin section needs: one entry per cue group it lacks, else "default"."""
        entries = dict(self.strengthen)
        lines = [entries[name] for name in lacking if name in entries]
        if not lines and "default" in entries:
            lines = [entries["default"]]
        return "\n".join(lines)

    def group(self, name: str) -> CueGroup | None:
        return next((g for g in self.cues if g.name == name), None)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Cue group name -> label (read for every posting's checklist)."""
        return {g.name: g.label for g in self.cues}


_Built = TypeVar("_Built")


class PerSpecSet(Generic[_Built]):
    """One value per spec set, built on first use and kept (specs are immutable), for at most
    ``limit`` sets. Keyed by the specs' identities (hashing a spec hashes all its fields), with
    the specs kept alive beside the value so that no other set can take their ids."""

    def __init__(self, build: Callable[[tuple[SectionSpec, ...]], _Built], limit: int = 16) -> None:
        self._build = build
        self._limit = limit
        self._entries: dict[tuple[int, ...], tuple[tuple[SectionSpec, ...], _Built]] = {}

    def get(self, specs: tuple[SectionSpec, ...]) -> _Built:
        entry = self._entries.get(tuple(map(id, specs)))
        if entry is None:
            entry = (specs, self._build(specs))
            self.keep(specs, entry[1])
        return entry[1]

    def keep(self, specs: tuple[SectionSpec, ...], value: _Built) -> None:
        """Use ``value``, built from ``specs`` elsewhere (a start-up cache), for them."""
        if len(self._entries) >= self._limit:
            self._entries.clear()
        self._entries[tuple(map(id, specs))] = (specs, value)


def _fail(path: Path, problem: str) -> ValueError:
    return ValueError(f"{path}: {problem}")


def _strings(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where} must be a list of non-empty strings")
    return tuple(value)


def _regexes(path: Path, where: str, value: Any) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in _strings(path, where, value):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise _fail(path, f"{where}: bad regular expression {pattern!r}: {error}") from None
    return tuple(compiled)


def _cue_patterns(path: Path, where: str, value: Any) -> tuple[CuePattern, ...]:
    compiled = []
    for source in _strings(path, where, value):
        original = source.startswith("case:")
        body = source[5:] if original else source
        try:
            regex = re.compile(body)
        except re.error as error:
            raise _fail(path, f"{where}: bad regular expression {source!r}: {error}") from None
        compiled.append(CuePattern(regex, original, body[:1].isalpha(), openings(regex)))
    return tuple(compiled)


def openings(regex: re.Pattern[str]) -> tuple[str, ...]:
    """The literal strings every match of a case-sensitive ``regex`` opens with: its leading
    literal run, or each branch's of a leading alternation ("(?:based on|on the basis of) ...").
    A text holding none of them has no match, and ``in`` finds that in C; re itself tries an
    alternation at every letter that opens a branch. () when a branch has no literal opening,
    or the regex ignores case."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    if regex.flags & re.IGNORECASE:
        return ()
    try:
        nodes = list(_parser.parse(regex.pattern, regex.flags))
    except (re.error, RecursionError):
        return ()
    lead = _literal_run(nodes)
    if lead:
        return (lead,)
    if not nodes:
        return ()
    op, value = nodes[0]
    if op is sre.SUBPATTERN and not value[1]:  # a group without flags of its own
        inner = list(value[3])
        op, value = inner[0] if len(inner) == 1 else (None, None)
    if op is not sre.BRANCH:
        return ()
    runs = tuple(_literal_run(list(branch)) for branch in value[1])
    return runs if all(runs) else ()


def _literal_run(nodes: list[tuple[Any, Any]]) -> str:
    from re import _constants as sre  # type: ignore[attr-defined]

    run = []
    for op, value in nodes:
        if op is not sre.LITERAL:
            break
        run.append(chr(value))
    return "".join(run)


def _advice(path: Path, where: str, value: Any) -> Advice:
    if not isinstance(value, dict):
        raise _fail(path, f"[{where}] must be a table")
    unknown = set(value) - _MESSAGE_KEYS
    missing = _MESSAGE_KEYS - set(value)
    if unknown or missing:
        raise _fail(
            path, f"[{where}] unknown keys {sorted(unknown)} / missing keys {sorted(missing)}"
        )
    try:
        severity = Severity(value["severity"])
    except ValueError:
        raise _fail(path, f"[{where}] severity must be suggestion, warning or error") from None
    return Advice(severity, value["message"], value["why"], value["source"])


def _cue(path: Path, raw: Any) -> CueGroup:
    if not isinstance(raw, dict) or "name" not in raw:
        raise _fail(path, "every [[cue]] needs a name")
    unknown = set(raw) - _CUE_KEYS
    if unknown:
        raise _fail(path, f"cue {raw['name']!r}: unknown keys {sorted(unknown)}")
    count = raw.get("count", "sentences")
    if count not in _COUNTS:
        raise _fail(path, f"cue {raw['name']!r}: count must be one of {sorted(_COUNTS)}")
    minimum = raw.get("min", 1)
    if not isinstance(minimum, int) or minimum < 1:
        raise _fail(path, f"cue {raw['name']!r}: min must be a positive integer")
    where = f"cue {raw['name']!r}"
    for key in ("phrases", "starts"):
        for phrase in raw.get(key, []):
            words = phrase.split()
            if "*" in phrase.rstrip()[:-1]:
                raise _fail(path, f"{where}: a stem '*' may only end the last word: {phrase!r}")
            if len(words) == 1 and phrase.endswith("*") and len(phrase) < 4:
                raise _fail(path, f"{where}: a one-word stem needs at least 3 letters: {phrase!r}")
    return CueGroup(
        raw["name"], str(raw.get("label", raw["name"])), minimum, count,
        _strings(path, f"{where}.phrases", raw.get("phrases", [])),
        _strings(path, f"{where}.starts", raw.get("starts", [])),
        _cue_patterns(path, f"{where}.patterns", raw.get("patterns", [])),
        _cue_patterns(path, f"{where}.unless_patterns", raw.get("unless_patterns", [])),
    )  # fmt: skip


def _spec(path: Path) -> SectionSpec:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise _fail(path, f"cannot be read: {error}") from None
    unknown, missing = set(raw) - _TOP_KEYS, _REQUIRED - set(raw)
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}")
    if missing:
        raise _fail(path, f"missing keys {sorted(missing)}")
    cues = tuple(_cue(path, c) for c in raw.get("cue", []))
    names = [c.name for c in cues]
    if len(names) != len(set(names)):
        raise _fail(path, "duplicate cue names")
    for key in ("heading_requires", "present_requires", "present_any", "thin_groups"):
        for name in raw.get(key, []):
            if name not in names:
                raise _fail(path, f"{key} names an unknown cue group {name!r}")
    if raw.get("insert_default", "end") not in ("start", "end"):
        raise _fail(path, "insert_default must be 'start' or 'end'")
    if raw.get("derived") not in (None, "salary"):
        raise _fail(path, "derived may only be 'salary'")
    _regexes(path, "vague_terms", raw.get("vague_terms", []))  # validate; kept as strings
    examples = raw.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - _EXAMPLE_KEYS:
        raise _fail(path, f"[examples] may only hold {sorted(_EXAMPLE_KEYS)}")
    for key, value in examples.items():
        _strings(path, f"examples.{key}", value)
    strengthen = raw.get("strengthen", {})
    if not isinstance(strengthen, dict) or set(strengthen) - {*names, "default"}:
        raise _fail(path, "strengthen maps cue group names (or 'default') to the lines to add")
    return SectionSpec(
        id=raw["id"], label=raw["label"], order=int(raw["order"]),
        template=raw["template"].strip("\n"),
        missing=_advice(path, "missing", raw["missing"]), thin=_advice(path, "thin", raw["thin"]),
        headings=_strings(path, "headings", raw.get("headings", [])),
        heading_patterns=_regexes(path, "heading_patterns", raw.get("heading_patterns", [])),
        heading_min_words=int(raw.get("heading_min_words", 12)),
        heading_requires=tuple(raw.get("heading_requires", [])),
        present_requires=tuple(raw.get("present_requires", [])),
        present_any=tuple(raw.get("present_any", [])),
        thin_groups=tuple(raw.get("thin_groups", [])),
        insert_after=tuple(raw.get("insert_after", [])),
        insert_default=raw.get("insert_default", "end"), thin_hint=raw.get("thin_hint", ""),
        derived=raw.get("derived"), vague_terms=tuple(raw.get("vague_terms", [])), cues=cues,
        claims_sentences=bool(raw.get("claims_sentences", False)),
        ignores_claims=bool(raw.get("ignores_claims", False)),
        strengthen=tuple((k, str(v).strip("\n")) for k, v in strengthen.items()),
        source_file=str(path),
    )  # fmt: skip


def load_section_specs(folder: Path) -> tuple[SectionSpec, ...]:
    """Every ``*.toml`` in ``folder``, ordered by their ``order`` key.

    Raises ValueError naming the file and the problem (unknown or missing keys, bad regular
    expressions, unknown cue groups, duplicate section ids)."""
    specs = [_spec(path) for path in sorted(Path(folder).glob("*.toml"))]
    seen: dict[str, str] = {}
    for spec in specs:
        if spec.id in seen:
            raise ValueError(
                f"{spec.source_file}: duplicate section id {spec.id!r} (also in {seen[spec.id]})"
            )
        seen[spec.id] = spec.source_file
        for other in spec.insert_after:
            if other not in {s.id for s in specs}:
                raise ValueError(
                    f"{spec.source_file}: insert_after names unknown section {other!r}"
                )
    return tuple(sorted(specs, key=lambda s: s.order))


def salary_vague_terms(specs: tuple[SectionSpec, ...]) -> tuple[str, ...]:
    """The vague-pay expressions from the salary spec, for :func:`salary.classify_salary`."""
    return next((s.vague_terms for s in specs if s.derived == "salary"), ())


# Payload kinds in the matcher table.
HEADING, CUE, START = 0, 1, 2


class CueMatcher:
    """All heading phrases and cue phrases of a spec set in one term table (the same word trie
    the rules use, ``rules.terms.TermTable``).

    ``find`` returns ``(first_token, end_token, (kind, spec_index, group_index))`` for every
    match; at each position every phrase that matches is reported (groups are independent)."""

    def __init__(self, specs: tuple[SectionSpec, ...]) -> None:
        self.table: TermTable[tuple[int, int, int]] = TermTable()
        for s, spec in enumerate(specs):
            for heading in spec.headings:
                self._add(heading, (HEADING, s, -1))
            for g, group in enumerate(spec.cues):
                for phrase in group.phrases:
                    self._add(phrase, (CUE, s, g))
                for phrase in group.starts:
                    self._add(phrase, (START, s, g))

    def _add(self, phrase: str, payload: tuple[int, int, int]) -> None:
        try:
            self.table.add(phrase, payload)
        except ValueError:  # a phrase with no words (punctuation only) matches nothing
            return

    def find(self, index: TextIndex) -> list[tuple[int, int, tuple[int, int, int]]]:
        # No sentence limit here: heading hits are checked against their block by
        # ``sections._find``, and cue phrases have always been matched across sentence ends.
        return list(self.table.find_in(index, within_sentences=False))

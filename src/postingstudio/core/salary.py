"""What a posting says about pay: a range, one figure, vague wording ("competitive"), or nothing.

A money mention only counts when it is about pay. Numbers are everywhere in postings ("$5 billion
company", "401(k)", "5+ years", phone numbers, dates, "Fortune 500", "$10M funding"), so a
candidate amount must carry a currency *and* a period or a pay word in its sentence, or sit right
after a pay label ("Salary: 45,000-55,774"), or be directly followed by a period ("**** p/h").
Adzuna masks every digit run as ``****`` and strips currency signs and dashes, so
"Salary: **** ****" is a masked range and "**** per annum" a masked figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from .report import SalaryInfo, SalaryKind, SectionState
from .text import TextIndex

_CURRENCY = r"(?:[£$€¥₹]|pound;|\b(?:USD|GBP|EUR|CAD|AUD|NZD|CHF|SEK|DKK|NOK|INR|US\$|CA\$|A\$)\s?)"
_NUMBER = r"(?:\d{1,3}(?:[,.]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?|\*{4,}|<SALARY>)"
_NUMBER_AT = re.compile(rf"{_NUMBER}")
_CURRENCY_BEFORE = re.compile(rf"{_CURRENCY}\s?(?:c\.?\s?|circa\s|up to\s)?$")
_MULTIPLIER = re.compile(r"\s?(?:(?P<k>[kK])(?![A-Za-z0-9])|(?:m|bn|billion|million|mn)\b)")
# What may stand between the two ends of a range. Masked ranges lost their dash ("**** ****").
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|/|up to|\bbis\b)?\s*$", re.IGNORECASE)
_MASKED_GAP = re.compile(r"\s*$")
_PERIODS = {
    "hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour", "ph": "hour", "p/h": "hour",
    "annum": "year", "year": "year", "yr": "year", "annually": "year", "yearly": "year",
    "pa": "year", "p.a": "year", "p.a.": "year", "annual": "year",
    "month": "month", "mo": "month", "monthly": "month", "pcm": "month",
    "week": "week", "wk": "week", "weekly": "week", "pw": "week",
    "day": "day", "daily": "day", "diem": "day", "credit": "credit hour",
}  # fmt: skip
_PERIOD_AFTER = re.compile(
    r"\s*(?:(?:and|or) (?:more|above)\s+)?(?:\(\s*)?"
    r"(?:(?:per|an?|/|each)\s*(?:credit\s+)?(?P<a>hour|hr|h|annum|year|yr|month|mo|week|wk|day|credit)"
    r"(?:\b|(?-i:(?=[A-Z])))"
    r"|(?P<b>p/h|ph|p\.a\.?|pa|pcm|pw)(?![a-z])"
    r"|(?P<c>hourly|annually|yearly|monthly|weekly|daily)\b(?!\s+[a-z]))",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<p>hourly|annual|yearly|monthly|weekly|daily)\s+(?:base\s+)?(?:rate|salary|pay|wage|"
    r"compensation|stipend)\b[^.!?]*$",
    re.IGNORECASE,
)
_PAY_WORD = re.compile(
    r"\b(?:salar(?:y|ies)|pay|paid|paying|compensation|remuneration|wages?|rates?|earn(?:s|ing|ings)?|"
    r"ote|base|basic|stipend|income|hiring range|pay range|per annum|p/h)\b",
    re.IGNORECASE,
)
_PAY_LABEL = re.compile(
    r"(?:\b(?:salary|salaries|pay|compensation|remuneration|wages?|rate|ote|earnings|stipend|"
    r"hiring range)\b[^.!?\d*<]{0,40}|\bpackage\b\s*(?::|of|up to|circa)?\s*[£$€]?\s*)$",
    re.IGNORECASE,
)
# A number followed by one of these is a count, a size or a duration, not pay.
_NOT_PAY_AFTER = re.compile(
    r"\s*(?:\+|plus)?\s*(?:billion|bn|million|mn|m\b|years?|yrs?|months?|weeks?|days?|hours?|"
    r"hrs?|employees|people|staff|customers|members|users|locations|offices|countries|miles|"
    r"words|floors|residents|beds|%|percent|x\b|cases|students|clients|companies|tons?|lbs?|"
    r"pounds? of|feet|ft|sq|acres?|k?m\b|mph|times|shifts?|positions?|vacancies|openings|"
    r"in (?:annual )?(?:revenue|sales|funding|purchases|assets)|(?:in )?(?:funding|revenue|"
    r"turnover|investment|valuation|round))",
    re.IGNORECASE,
)
_NOT_PAY_BEFORE = re.compile(
    r"(?:fortune|nasdaq|s&p|series [a-e]|call|phone|tel\.?|telephone|mobile|fax|ref(?:erence)?"
    r"|no\.?|number|id|code|since|in|year|age|aged|over|top)\s*[:#]?\s*$",
    re.IGNORECASE,
)
_RETIREMENT_PLAN = re.compile(r"^(?:401|403|457)$")
_CODE_AFTER = re.compile(r"[A-Za-z]{1,3}\d")  # "298A0000", "3M2": a code, not an amount
_CODE_CURRENCY_AFTER = re.compile(r"\s?(?P<c>USD|GBP|EUR|CAD|AUD)\b")  # "160,000 USD"
# A masked amount (Adzuna drops the currency sign) is pay when a pay word follows it.
_PAY_AFTER = re.compile(r"\s*(?:basic|base|ote|salary|bonus)\b", re.IGNORECASE)
_MASKED_YEARLY = re.compile(r"(?:[kK]|\b(?:basic|base|ote|salary))\s*$", re.IGNORECASE)
# A pay heading on the line above the amount ("Salary Range" then "$82,000-$129,000").
_PAY_HEADING = re.compile(
    r"\b(?:salary|pay|compensation|remuneration|wages?|hiring range)\b[^\n]{0,25}\n\s*$",
    re.IGNORECASE,
)

DEFAULT_VAGUE_TERMS: tuple[str, ...] = (
    r"competitive\W+(?:\w+\W+){0,3}?(?:salary|salaries|pay|compensation|remuneration|wages?|"
    r"rates?|earnings|ote)(?:\b|(?-i:(?=[A-Z])))",
    r"(?:salary|compensation|pay|remuneration)\W+(?:\w+\W+){0,5}?competitive\b",
    r"(?<![(\w])(?:doe|d\.o\.e\.?)\b(?!\s*\)|\s+(?:employees|contractors))",
    r"depend(?:ent|ant|ing|s)? (?:up)?on (?:your )?(?:skills and )?(?:experience|qualifications)",
    r"commensurate with (?:your )?(?:\w+ (?:and|&) )?"
    r"(?:experience|qualifications|skills|education)",
    r"commensurate (?:based on|upon|on|to|according to)\b",
    r"(?:salary|pay|compensation|range)\W+commensurate\b",
    r"\bnegotiable\b",
    r"attractive (?:salary|package|remuneration|compensation|pay)",
    r"(?:competitive|excellent|generous|great|good|market[- ]leading|industry[- ]leading|"
    r"lucrative) (?:remuneration |salary |pay |compensation |reward )?package",
    r"(?:great|excellent|good|generous|top|market|awesome|amazing|above[- ]market|"
    r"above[- ]average|industry[- ]leading|market[- ]leading|lucrative) (?:basic |base )?"
    r"(?:salary|pay|rates?|compensation|wages?)\b",
    r"\bhigh(?:er)? (?:basic |base )?(?:salary|salaries|pay|wages?)\b",
    r"\b(?:well|highly)[- ]paid\b",
    r"\bpaid well\b",
    r"six[- ]figure (?:salary|income|earnings|compensation|pay)",
    r"earning potential",
    r"varying (?:pay|salary|salaries|packages?)",
    r"\b(?:rewarded|rewarding) financially|financially rewarding|financial rewards?\b",
    r"(?:salary|compensation|pay) (?:is |will be )?(?:to be determined|tbd|tbc)",
    r"(?:salary|compensation|pay|remuneration|rate)[^.!?]{0,60}(?:depends on|based on|"
    r"predetermined|determined by|according to|in line with|in accordance with|"
    r"collective agreement|will vary|varies|vary)",
    r"wages?\b[^.!?]{0,60}\b(?:vary|varies|depends on|based on)\b",
    r"(?:salary|compensation|pay|remuneration|wages?)[^.!?]{0,30}(?:to be discussed|"
    r"to be agreed|discussed at interview|by agreement|open to discussion)",
    r"uncapped (?:commission|earnings|bonus)",
    r"\bpay (?:that reflects|worthy of|reflecting)\b",
    r"\bsalary on offer\b",
    r"(?:salary|pay|compensation)[^.!?]{0,40}(?:up)?on request",
    r"fixed hourly wage",
    r"(?:salary|compensation|pay)\s*:\s*(?:open|tbd|tbc|doe|negotiable|standard|per)\b",
    r"\b(?:salary|compensation|pay)\s*:\s*[a-z][^.\n]{0,60}\brate\b",
)  # fmt: skip


# Words at least one of which every vague-pay expression contains (they anchor the search).
_VAGUE_KEYWORDS = frozenset(
    "salary salaries pay compensation remuneration wage wages rate rates earnings ote doe d "
    "negotiable package commensurate competitive depending dependent dependant depends "
    "uncapped paid earning packages financially financial".split()
)


_WORD_START = "(?:(?<![a-z])|(?-i:(?<=[a-z])(?=[A-Z])))"


@lru_cache(maxsize=8)
def _vague_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One regex of all vague-pay terms, each matching only at the start of a word: "rate ...
    based on" is not in "strategic initiatives based on", nor "pay" in "prepayment". A capital
    glued to a lower-case letter starts a word too, as flattened text joins lines
    ("Job OfferCompetitive compensation package")."""
    alternatives = "|".join(f"(?:{term})" for term in terms)
    return re.compile(_WORD_START + "(?:" + alternatives + ")", re.IGNORECASE)


@dataclass(slots=True)
class _Amount:
    start: int
    end: int
    currency: str | None
    value: float | None  # None when masked
    masked: bool


def _currency_code(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    return {"£": "GBP", "pound;": "GBP", "$": "USD", "US$": "USD", "€": "EUR", "¥": "JPY",
            "₹": "INR", "CA$": "CAD", "A$": "AUD"}.get(raw, raw.upper())  # fmt: skip


def _number(raw: str, mult: str | None) -> float | None:
    if raw.startswith("*") or raw.startswith("<"):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # "45.000" is European thousands
        raw = raw.replace(".", "")
    value = float(raw.replace(",", ""))
    if mult and mult.strip().lower() == "k":
        value *= 1000
    return value


def _amounts(index: TextIndex) -> Iterator[_Amount]:
    """Amounts in order, found from the shared tokens (digit runs, ``****``, ``<SALARY>``):
    scanning the text with a regex that starts with a character class would cost more than
    everything else. One at a time: a 200,000-line numbered list has 200,000 of them."""
    text = index.text
    consumed = -1
    starts, norms = index.starts, index.norms
    positions: Iterable[int] = range(len(norms))
    if "**" not in text and "<" not in text:  # no "****" and no "<SALARY>": digits only
        # The tokens that open with a digit, picked out in C (a Python test per token was most
        # of the search).
        positions = compress(count(), map(str.isdigit, map(itemgetter(0), norms)))
    for position in positions:
        norm = norms[position]
        first = norm[0]
        if first == "s":
            if norm != "salary":
                continue
            start = starts[position]
            if start < consumed or text[start - 1 : start] != "<":
                continue
            start -= 1
        elif first.isdigit() or first == "*":
            start = starts[position]
            if start < consumed:
                continue
        else:
            continue
        match = _NUMBER_AT.match(text, start)
        if match is None:
            continue
        num, end = match.group(), match.end()
        if (
            start
            and not num.startswith("*")
            and (text[start - 1].isalnum() or text[start - 1] in "#/")
        ):
            continue  # inside a code, a reference or a path ("MT940", "job1234", "/2019")
        consumed = end
        mult = _MULTIPLIER.match(text, end)
        if mult and not mult.group("k"):
            continue  # "$5 billion", "£2m": company sizes and funding, never pay
        if not mult and _CODE_AFTER.match(text, end):
            continue  # "Position Number 298A0000"
        if _RETIREMENT_PLAN.match(num) and (mult or text[end : end + 3] == "(k)"):
            continue  # 401(k), 403b
        if mult:
            end = mult.end()
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 14), start)
        if currency:
            start = currency.start()
        cur = currency.group().strip() if currency else None
        cur = (
            re.sub(r"\s*(?:c\.?|circa|up to)$", "", cur, flags=re.IGNORECASE).strip()
            if cur
            else None
        )
        code_after = None if cur else _CODE_CURRENCY_AFTER.match(text, end)
        if code_after:
            cur, end = code_after.group("c"), code_after.end()
        yield _Amount(start, end, _currency_code(cur), _number(num, mult.group() if mult else None),
                      num.startswith(("*", "<")))  # fmt: skip


@dataclass(slots=True)
class _Candidate:
    kind: SalaryKind
    start: int
    end: int
    currency: str | None
    period: str | None
    low: float | None
    high: float | None
    rank: int


def _period_after(text: str, end: int) -> tuple[str | None, int]:
    match = _PERIOD_AFTER.match(text, end, min(len(text), end + 24))
    if not match:
        return None, end
    word = (match.group("a") or match.group("b") or match.group("c")).lower().rstrip(".")
    return _PERIODS.get(word, _PERIODS.get(word + ".", None)), match.end()


def _judge(text: str, index: TextIndex, first: _Amount, last: _Amount) -> _Candidate | None:
    """A pay candidate from one amount (first is last) or a range, or None if it is not pay."""
    sentence_start, sentence_end = index.sentence_of(first.start)
    before = text[max(sentence_start, first.start - 60) : first.start]
    period, end = _period_after(text, last.end)
    if period is None:
        if _NOT_PAY_AFTER.match(text, last.end, min(len(text), last.end + 30)):
            return None
        back = _PERIOD_BEFORE.search(before)
        period = _PERIODS.get(back.group("p").lower()) if back else None
    # The tests below each reject on their own, so their order does not change the verdict;
    # the cheap ones come first, and most numbers (years, phone numbers, sizes) stop there.
    currency = first.currency or last.currency
    labelled = bool(_PAY_LABEL.search(before)) or bool(
        _PAY_HEADING.search(text, max(0, first.start - 50), first.start)
    )
    masked = first.masked or last.masked
    if masked and not labelled and period is None:
        # "****k", "**** basic", "****K ****K OTE": Adzuna's masked pay, currency sign dropped
        after = _PAY_AFTER.match(text, end)
        labelled = text[last.end - 1] in "kK" or bool(after)
        if after:  # "**** basic": the pay word is quoted, so the state can read it as yearly
            end = after.end()
    if currency:
        if not period and not labelled:
            window = text[max(sentence_start, first.start - 120) : min(sentence_end, end + 60)]
            # "$100,000- $75,000" on a line of its own is a pay line, not a company figure
            line_start = text.rfind("\n", 0, first.start) + 1
            alone = first is not last and not text[line_start : first.start].strip()
            if not _PAY_WORD.search(window) and not alone:
                return None
    elif not (labelled or (period and _PERIOD_AFTER.match(text, last.end))):
        return None
    if masked and not currency and not labelled and period is None:
        return None
    if _NOT_PAY_BEFORE.search(before) and not _PAY_LABEL.search(before[-30:]):
        return None
    is_range = first is not last
    low, high = first.value, last.value
    if is_range and low is not None and high is not None:
        if low > high and not (first.currency and last.currency):
            return None
        low, high = min(low, high), max(low, high)  # "$100,000- $75,000"
        if high >= 1000 and low < 1000 and re.search(r"[kK]", text[last.start : last.end]):
            low *= 1000  # "40-50K": the k belongs to both ends
    # "up to $25/hour" is a single figure (a ceiling): nothing to adjust.
    kind = SalaryKind.RANGE if is_range else SalaryKind.FIGURE
    rank = (2 if is_range else 1) * 4 + labelled * 2 + (period is not None)
    return _Candidate(
        kind, first.start, end, currency, period, low, high if is_range else low, rank
    )


def classify_salary(index: TextIndex, vague_terms: Sequence[str] | None = None) -> SalaryInfo:
    """Find the posting's pay statement. ``vague_terms`` are regular expressions (from the
    salary section spec); the built-in :data:`DEFAULT_VAGUE_TERMS` are used when not given."""
    text = index.text
    amounts = _amounts(index)
    best: _Candidate | None = None
    first = next(amounts, None)
    while first is not None:
        second = next(amounts, None)  # each amount with the one after it: a range?
        candidate = None
        if second is not None:
            gap = text[first.end : second.start]
            both_masked = first.masked and second.masked
            if len(gap) <= 8 and (
                _RANGE_GAP.match(gap) or (both_masked and _MASKED_GAP.match(gap))
            ):
                before = text[max(0, first.start - 40) : first.start]
                if (
                    gap.strip().lower() != "and"
                    or _PAY_LABEL.search(before)
                    or before.rstrip().lower().endswith("between")
                ):
                    candidate = _judge(text, index, first, second)
                    if candidate is not None:  # the range used both: go on after it
                        second = next(amounts, None)
        if candidate is None:
            candidate = _judge(text, index, first, first)
        if candidate is not None and (best is None or candidate.rank > best.rank):
            best = candidate
        first = second
    if best is not None:
        return SalaryInfo(
            best.kind, text[best.start : best.end], best.start, best.end, best.currency,
            best.period, best.low, best.high,
        )  # fmt: skip
    pattern = _vague_pattern(tuple(vague_terms) if vague_terms else DEFAULT_VAGUE_TERMS)
    # The vague-pay expressions are only tried near a pay word: searching the whole text with a
    # long alternation costs milliseconds, a window around a keyword microseconds.
    # Overlapping windows are merged, so a phrase that runs past one keyword's window ("d ...
    # Salary: Very Competitive") is still searched whole.
    windows: list[list[int]] = []
    starts, ends = index.starts, index.ends
    norms = index.norms
    for position in compress(range(len(norms)), map(_VAGUE_KEYWORDS.__contains__, norms)):
        start, end = max(0, starts[position] - 70), min(len(text), ends[position] + 80)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        match = pattern.search(text, start, end)
        if match:
            return SalaryInfo(SalaryKind.VAGUE, match.group(), match.start(), match.end())
    return SalaryInfo()


def salary_section_state(salary: SalaryInfo) -> tuple[SectionState, str]:
    """The pay section's checklist state and reason, from what the classifier found."""
    quoted = f"‘{' '.join(salary.text.split())}’"
    if salary.kind is SalaryKind.RANGE:
        return SectionState.PRESENT, f"Pay range stated: {quoted}"
    if salary.kind is SalaryKind.FIGURE:
        if salary.text == "<SALARY>":  # the anonymised copy replaced a whole pay statement
            return SectionState.PRESENT, "Pay stated (anonymised in this copy: ‘<SALARY>’)"
        if salary.period:
            return SectionState.PRESENT, f"Pay stated: {quoted} per {salary.period}"
        # "****k", "**** basic", "**** OTE": masked, but thousands or a yearly pay word
        thousands = salary.low is None and bool(_MASKED_YEARLY.search(salary.text))
        if thousands or (salary.low is not None and salary.low >= 10000):
            return SectionState.PRESENT, f"Pay stated: {quoted} (no period given; reads as yearly)"
        return SectionState.THIN, f"Figure {quoted} without a period — say per hour, month or year"
    if salary.kind is SalaryKind.VAGUE:
        return SectionState.THIN, f"Only {quoted} — state a range"
    return SectionState.MISSING, "No pay range, figure or pay wording found"

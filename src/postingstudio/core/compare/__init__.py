"""Compare my posting with competitors' (issue 6): ``compare(mine, competitors, book)``.

The package's parts: ``run`` (the entry points), ``config`` (metric directions and fact cues
from ``resources/``), ``offer`` (what competitors state that mine does not, shared clichés),
``terms`` (what makes mine different) and ``types`` (the frozen result and its JSON).
"""

from .run import (
    COMPARE_SCHEMA_VERSION,
    CompareConfig,
    ComparedPosting,
    CompareInput,
    Comparison,
    DistinctiveSentence,
    DistinctiveTerm,
    Evidence,
    MetricRow,
    Offer,
    OfferKind,
    Role,
    SharedCliche,
    Verdict,
    compare,
    compare_postings,
    load_compare_config,
)

__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "CompareConfig",
    "CompareInput",
    "ComparedPosting",
    "Comparison",
    "DistinctiveSentence",
    "DistinctiveTerm",
    "Evidence",
    "MetricRow",
    "Offer",
    "OfferKind",
    "Role",
    "SharedCliche",
    "Verdict",
    "compare",
    "compare_postings",
    "load_compare_config",
]

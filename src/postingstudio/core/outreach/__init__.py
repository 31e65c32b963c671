"""The outreach kit (issue 18): recruiting messages drafted from a posting's own facts, checked
like the posting (clichés, dry phrasing) plus channel limits, spam triggers, a call to action
and consent wording. Pure Python; the data lives in ``resources/outreach/``."""

from .compose import DraftOptions, OutreachDrafts, draft_outreach, recheck
from .drafts import Message
from .facts import PostingFacts, extract_facts
from .kit import CHANNELS, WRITER_PLACEHOLDERS, OutreachKit, kit_for, load_kit
from .merge import MergeReport, merge_contacts
from .sms import SmsLength, sms_length

__all__ = [
    "CHANNELS",
    "WRITER_PLACEHOLDERS",
    "DraftOptions",
    "MergeReport",
    "Message",
    "OutreachDrafts",
    "OutreachKit",
    "PostingFacts",
    "SmsLength",
    "draft_outreach",
    "extract_facts",
    "kit_for",
    "load_kit",
    "merge_contacts",
    "recheck",
    "sms_length",
]

"""The Outreach view (issue 18): drafts for each channel from the open posting, with their
checks and live counters, editable, copied to the clipboard or exported (.txt, .eml, or a CSV
merge with a contacts file)."""

from .mode import OutreachMode
from .view import OutreachView

__all__ = ["OutreachMode", "OutreachView"]

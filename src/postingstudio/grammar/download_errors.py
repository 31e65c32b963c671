"""The two ways a consented download ends early, in a module that loads nothing heavy (the UI
imports these at start-up; the downloaders themselves load on first use)."""

from __future__ import annotations


class DownloadCancelledError(Exception):
    """The user cancelled; nothing was left behind."""


class DownloadFailedError(Exception):
    """The download or its verification failed; the message says why, for the dialog."""

"""Posting Studio: turns generic, dry job postings into clear, vivid, complete ones, offline."""

__version__ = "0.1.0"

"""Crash recovery: the journal writer and the restore offer."""

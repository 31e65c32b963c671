"""Shared by every feature: theme, document bridge, markers, analysis lane, fix application."""

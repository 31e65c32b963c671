"""The posting editor: text widget, formatting, find and replace."""

"""LanguageTool in the UI: lane, status, dialogs, preferences page."""

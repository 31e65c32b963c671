"""The main window and the wiring between features (the only package that imports the others)."""

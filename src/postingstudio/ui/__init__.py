"""The desktop editor (PySide6 only): timing (debounce, worker threads) and presentation.

Nothing here decides what is wrong with a posting; that is ``core``. Nothing here reads or
writes document bytes; that is ``docio``. ``app.py`` builds the pieces and wires them together.
"""

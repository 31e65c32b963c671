"""The desktop editor (PySide6 only): timing (debounce, worker threads) and presentation.

Nothing here decides what is wrong with a posting; that is ``core``. Nothing here reads or
writes document bytes; that is ``docio``. ``app.py`` builds the pieces and wires them together.

Importing this package first applies :func:`compat.protect_none`, because PySide6 6.12 on
Python 3.11 drops a reference to ``None`` on every call of a method that returns nothing, and
the app would otherwise abort after some thousands of such calls.
"""

from .compat import protect_none

protect_none()

"""What a feature may ask of the editing session, without importing the shell that builds it.

The shell's :class:`~postingstudio.ui.shell.session.EditorSession` satisfies this protocol; a
feature lane (grammar) is handed the session typed as :class:`EditingSession`, so the feature
packages never import the shell and no import cycle forms between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from postingstudio.ui.common.analysis import AnalysisResult
from postingstudio.ui.common.markers import MarkerSet

# A slower lane's contribution to every report before it is shown (grammar adds its findings).
Contributor = Callable[[AnalysisResult], AnalysisResult]


class EditingSession(Protocol):
    """The session's document, preferences and shown result, as a feature lane uses them."""

    document: Any  # QTextDocument
    preferences: Any  # the preferences model
    preferencesChanged: Any  # Signal(object)  # noqa: N815 - a Qt signal
    markers: MarkerSet

    def show_result(self, result: AnalysisResult) -> None: ...

    def set_preferences(self, preferences: Any) -> None: ...

    def add_contributor(self, contributor: Contributor) -> None: ...

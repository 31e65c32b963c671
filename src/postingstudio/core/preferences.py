"""The one preferences model: what the writer chose, as nested frozen dataclasses.

``Preferences(analysis=AnalysisSettings, grammar=GrammarPreferences, ui=UiPreferences)``. The
defaults and the checks are here (each part checks its own fields against their annotations
with :func:`.typed_fields.normalise_fields`), so every way in (the preferences file, the dialog,
the command line) gets the same rules. :mod:`postingstudio.docio.settings_file` only reads and
writes this model, walking ``dataclasses.fields()``; :mod:`postingstudio.grammar` builds its
checker configuration from :class:`GrammarPreferences` in one place
(``GrammarConfig.from_preferences``). Nothing here touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from .settings import AnalysisSettings
from .typed_fields import normalise_fields

THEMES = ("system", "light", "dark")


class GrammarMode(StrEnum):
    """Where grammar checking runs, if anywhere; only PUBLIC sends text off the machine.

    The checker lives in :mod:`postingstudio.grammar`, which re-exports this."""

    OFF = "off"
    LOCAL = "local"  # language-tool-python runs LanguageTool on Java on this machine
    SERVER = "server"  # a self-hosted LanguageTool server (teams)
    PUBLIC = "public"  # languagetool.org's public API: the text leaves the machine


@dataclass(frozen=True)
class GrammarPreferences:
    """Grammar (LanguageTool) choices.

    ``mode``: ``None`` means automatic: local when Java and LanguageTool are installed, else off.
    Nothing is downloaded or sent anywhere without the user's action.
    ``server_url``: the team's server (checked and normalised when the checker is configured).
    ``local_path``: a LanguageTool folder (or jar) the user already has.
    ``public_consent``: the user read the "text leaves the machine" notice and said yes.
    ``disabled_rules``: LanguageTool rule ids never reported, e.g. ``"EN_A_VS_AN"``.
    """

    mode: GrammarMode | None = None
    server_url: str | None = None
    local_path: str | None = None
    public_consent: bool = False
    disabled_rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        normalise_fields(self)  # also: an emptied URL or folder field is None, "not set"


@dataclass(frozen=True)
class UiPreferences:
    """How the window looks and what it has already offered.

    ``theme``: one of :data:`THEMES`. ``sample_offered``: the first-start offer of the sample
    posting was shown (it is shown once).
    """

    theme: str = "system"
    sample_offered: bool = False

    def __post_init__(self) -> None:
        normalise_fields(self)
        if self.theme not in THEMES:
            raise ValueError(f"theme: expected one of {', '.join(THEMES)}")


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences dialog sets, in three parts; each part has its defaults."""

    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    grammar: GrammarPreferences = field(default_factory=GrammarPreferences)
    ui: UiPreferences = field(default_factory=UiPreferences)

    def __post_init__(self) -> None:
        _check_parts(self)

    def with_analysis(self, **changes: Any) -> Preferences:
        """A copy with these analysis fields changed (checked as on construction)."""
        return replace(self, analysis=replace(self.analysis, **changes))

    def with_grammar(self, **changes: Any) -> Preferences:
        return replace(self, grammar=replace(self.grammar, **changes))

    def with_ui(self, **changes: Any) -> Preferences:
        return replace(self, ui=replace(self.ui, **changes))


def parts(preferences_type: type = Preferences) -> dict[str, type]:
    """``{part name: part dataclass}`` in declaration order, read from the model's own fields
    (each part's default factory is its class); the preferences file walks this."""
    return {item.name: _part_type(item) for item in fields(preferences_type)}


def _part_type(item: Any) -> type:
    factory = item.default_factory
    if not isinstance(factory, type):
        raise TypeError(f"preferences part {item.name} needs a dataclass as its default factory")
    return factory


def _check_parts(instance: Preferences) -> None:
    # A flat keyword (Preferences(theme=...)) fails in __init__; this catches a part passed in
    # the wrong place, e.g. Preferences(analysis=UiPreferences()).
    for name, part in parts(type(instance)).items():
        if not isinstance(getattr(instance, name), part):
            raise TypeError(f"{name}: expected {part.__name__}")

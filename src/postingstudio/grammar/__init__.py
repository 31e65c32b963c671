"""Grammar and spelling through LanguageTool: a layer beside ``docio`` (imports ``core`` only,
never Qt). See :class:`GrammarChecker` and :func:`download_languagetool`.

Names are imported on first use (PEP 562), not with the package: language-tool-python and
requests cost about 250 ms, and the GUI and ``check`` without ``--grammar`` must not pay that.
Importing ``postingstudio.grammar`` itself, or its light modules (``config``, ``state``,
``judge``), never loads them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> submodule that defines it
_EXPORTS = {
    "GrammarChecker": "checker",
    "PUBLIC_API_URL": "config",
    "ConfigError": "config",
    "GrammarConfig": "config",
    "GrammarMode": "config",
    "languagetool_rule_id": "convert",
    "DictionaryError": "dictionary",
    "PersonalDictionary": "dictionary",
    "DownloadCancelledError": "download_errors",
    "DownloadFailedError": "download_errors",
    "download_languagetool": "download",
    "probe_server": "probe",
    "Preflight": "install",
    "preflight": "install",
    "Fix": "state",
    "GrammarState": "state",
    "GrammarUnavailableError": "state",
    "StateKind": "state",
}

__all__ = [
    "ConfigError",
    "DictionaryError",
    "DownloadCancelledError",
    "DownloadFailedError",
    "Fix",
    "GrammarChecker",
    "GrammarConfig",
    "GrammarMode",
    "GrammarState",
    "GrammarUnavailableError",
    "PUBLIC_API_URL",
    "PersonalDictionary",
    "Preflight",
    "StateKind",
    "download_languagetool",
    "languagetool_rule_id",
    "preflight",
    "probe_server",
]

if TYPE_CHECKING:
    from .checker import GrammarChecker
    from .config import PUBLIC_API_URL, ConfigError, GrammarConfig, GrammarMode
    from .convert import languagetool_rule_id
    from .dictionary import DictionaryError, PersonalDictionary
    from .download import download_languagetool
    from .download_errors import DownloadCancelledError, DownloadFailedError
    from .install import Preflight, preflight
    from .probe import probe_server
    from .state import Fix, GrammarState, GrammarUnavailableError, StateKind


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value

"""Grammar and spelling through LanguageTool: a layer beside ``docio`` (imports ``core`` only,
never Qt). See :class:`GrammarChecker`, :class:`GrammarLane` and :func:`download_languagetool`.
"""

from .checker import GrammarChecker
from .config import PUBLIC_API_URL, ConfigError, GrammarConfig, GrammarMode
from .convert import languagetool_rule_id
from .dictionary import DictionaryError, PersonalDictionary
from .download import DownloadCancelled, DownloadFailed, download_languagetool
from .engine import probe_server
from .install import Preflight, preflight
from .lane import GrammarLane, LaneResult
from .state import Fix, GrammarState, GrammarUnavailable, StateKind

__all__ = [
    "PUBLIC_API_URL",
    "ConfigError",
    "DictionaryError",
    "DownloadCancelled",
    "DownloadFailed",
    "Fix",
    "GrammarChecker",
    "GrammarConfig",
    "GrammarLane",
    "GrammarMode",
    "GrammarState",
    "GrammarUnavailable",
    "LaneResult",
    "PersonalDictionary",
    "Preflight",
    "StateKind",
    "download_languagetool",
    "languagetool_rule_id",
    "preflight",
    "probe_server",
]

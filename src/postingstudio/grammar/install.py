"""Where a local LanguageTool could come from, checked *without* starting or downloading it.

language-tool-python downloads LanguageTool by itself when its local server is started and no
install is found. The app must never do that unasked, so before any ``LanguageTool`` object is
built for local mode, :func:`preflight` answers: is Java 17+ on the PATH, and is there a
LanguageTool install (a path the user gave, ``$LTP_JAR_DIR_PATH``, or language-tool-python's
download folder ``$LTP_PATH`` / ``~/.cache/language_tool_python``)? Its answer is a state with a
human reason and the fix the UI should offer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .maven_jars import maven_lib_in, maven_libs_known
from .state import Fix, GrammarState

# language-tool-python's environment variables (its utils module, not imported: it costs the
# GUI's start-up about 250 ms together with requests).
LTP_JAR_DIR_PATH_ENV_VAR = "LTP_JAR_DIR_PATH"
LTP_PATH_ENV_VAR = "LTP_PATH"

log = logging.getLogger(__name__)

JAR_NAMES = ("languagetool-server.jar", "LanguageTool.jar", "languagetool.jar")
MIN_JAVA_MAJOR = 17  # LanguageTool 6.6 and later
_JAVA_VERSION = re.compile(r'version "(?:1\.)?(\d+)|^(?:openjdk|java) (\d+)', re.MULTILINE)
_INSTALL_HINT = (
    "Download LanguageTool (about 250 MB, once), or choose a LanguageTool folder you already "
    "have, or use a LanguageTool server."
)


@dataclass(frozen=True, slots=True)
class JavaStatus:
    """The Java found for local LanguageTool: path, major version
    and what is wrong ("" if usable)."""

    path: str | None
    major: int | None
    problem: str = ""  # empty when Java is usable

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(frozen=True, slots=True)
class LocalInstall:
    """A LanguageTool folder with its server jar.

    ``ltp_version`` is set when the folder is one language-tool-python itself manages (inside
    its download folder, named ``LanguageTool-<version>``); then language-tool-python can start
    it without downloading. Other folders are started by :mod:`.local_server`.
    """

    directory: Path
    jar: Path
    ltp_version: str | None = None
    # What ``java -cp`` gets: the jar itself, or ``lib/*`` for a folder of Maven jars (the
    # server jar there has no Class-Path manifest, so it cannot run alone).
    classpath: str = ""

    @property
    def java_classpath(self) -> str:
        return self.classpath or str(self.jar)


@dataclass(frozen=True, slots=True)
class Preflight:
    """Whether local mode can start: the Java and install found, or the
    state that says what is missing."""

    java: JavaStatus
    install: LocalInstall | None
    problem: GrammarState | None  # None: local mode can start

    @property
    def ok(self) -> bool:
        return self.problem is None


def ltp_download_dir() -> Path:
    """language-tool-python's download folder, computed like its own helper but without
    creating it (a preflight must leave no trace)."""
    configured = os.environ.get(LTP_PATH_ENV_VAR)
    return Path(configured) if configured else Path.home() / ".cache" / "language_tool_python"


def java_status(java: str | None = None) -> JavaStatus:
    """Find ``java`` on the PATH and check that it is version 17 or later."""
    path = java or shutil.which("java")
    if not path:
        return JavaStatus(None, None, "Java is not installed (LanguageTool needs Java 17+).")
    try:
        result = subprocess.run(  # noqa: S603 - path comes from shutil.which or the user
            [path, "-version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError) as error:
        return JavaStatus(path, None, f"Java at {path} does not run: {error}")
    match = _JAVA_VERSION.search(result.stderr + result.stdout)
    if not match:
        # Unknown output: let LanguageTool try rather than block a Java we cannot parse.
        log.info("Cannot parse java -version output: %r", result.stderr[:200])
        return JavaStatus(path, None)
    major = int(match.group(1) or match.group(2))
    if major < MIN_JAVA_MAJOR:
        return JavaStatus(path, major, f"Java {major} is too old; LanguageTool needs Java 17+.")
    return JavaStatus(path, major)


def _jar_in(directory: Path) -> Path | None:
    for name in JAR_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def _managed_version(directory: Path) -> str | None:
    """The version language-tool-python would use for this folder, if it manages it."""
    if os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR):
        return None  # language-tool-python then looks elsewhere for the jar; start it ourselves
    if directory.parent.resolve() != ltp_download_dir().resolve():
        return None
    from language_tool_python.download_lt import LocalLanguageTool

    with contextlib.suppress(ValueError):
        tool = LocalLanguageTool.from_path(directory)
        if directory.name == f"LanguageTool-{tool.version_name}":
            return tool.version_name
    return None


def install_at(path: Path) -> LocalInstall | None:
    """A LanguageTool install at a user-given path: the folder, or the jar inside it."""
    path = path.expanduser()
    if path.is_file() and path.suffix == ".jar":
        return LocalInstall(path.parent, path, _managed_version(path.parent))
    if path.is_dir():
        jar = _jar_in(path)
        if jar is not None:
            return LocalInstall(path, jar, _managed_version(path))
        maven = maven_lib_in(path)
        if maven is not None:
            return LocalInstall(maven.lib, maven.server_jar, None, f"{maven.lib}/*")
        # A folder that holds one LanguageTool-x.y folder (e.g. where the zip was unpacked).
        for child in sorted(path.glob("LanguageTool*"), reverse=True):
            if child.is_dir() and (jar := _jar_in(child)) is not None:
                return LocalInstall(child, jar, _managed_version(child))
    return None


def _version_key(directory: Path) -> tuple[int, object]:
    from language_tool_python.download_lt import LocalLanguageTool

    try:
        return (1, LocalLanguageTool.from_path(directory))
    except ValueError:
        return (0, directory.name)


def find_install(local_path: Path | None = None) -> LocalInstall | None:
    """The install to use: the user's path if given (and only that), else
    ``$LTP_JAR_DIR_PATH``, else the newest one in language-tool-python's download folder,
    else the newest complete folder of Maven jars (:mod:`.maven_jars`)."""
    if local_path is not None:
        return install_at(local_path)
    jar_dir = os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR)
    if jar_dir and (jar := _jar_in(Path(jar_dir))) is not None:
        return LocalInstall(Path(jar_dir), jar, None)
    folder = ltp_download_dir()
    candidates = [p for p in folder.glob("LanguageTool*") if p.is_dir() and _jar_in(p)]
    if not candidates:
        # Maven jars: assembled by scripts/languagetool-server or downloaded from the pinned list.
        known = maven_libs_known()
        if not known:
            return None
        return LocalInstall(known[0].lib, known[0].server_jar, None, f"{known[0].lib}/*")
    with contextlib.suppress(TypeError):  # releases and snapshots compare; odd names do not
        candidates.sort(key=_version_key)
    best = candidates[-1]
    return LocalInstall(best, _jar_in(best) or best, _managed_version(best))


def preflight(local_path: Path | None = None, java: str | None = None) -> Preflight:
    """Can local mode start right now, and if not, why and what would fix it?"""
    status = java_status(java)
    install = find_install(local_path)
    problem: GrammarState | None = None
    if local_path is not None and install is None:
        problem = GrammarState.unavailable(
            f"No LanguageTool server jar in {local_path}.",
            "Choose the folder that contains languagetool-server.jar or the folder of its jars.",
            Fix.CHOOSE_LANGUAGETOOL_PATH,
        )
    elif not status.ok:
        problem = GrammarState.unavailable(
            status.problem,
            "Install Java 17 or later (e.g. Eclipse Temurin), or use a LanguageTool server.",
            Fix.INSTALL_JAVA,
        )
    elif install is None:
        problem = GrammarState.unavailable(
            "LanguageTool is not installed.", _INSTALL_HINT, Fix.DOWNLOAD_LANGUAGETOOL
        )
    return Preflight(status, install, problem)

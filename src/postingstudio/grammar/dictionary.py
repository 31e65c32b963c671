"""The personal dictionary: words the user told spelling to accept ("Ignore word").

A plain UTF-8 text file, one word per line, so people can edit or sync it by hand. The path is
passed in (the app keeps it in the user's config directory). Every change is written at once,
atomically (temporary file + ``os.replace``), so a crash never leaves half a file, and the next
check honours it because the checker asks this object at filtering time.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalise_word(word: str) -> str:
    """The lookup key: trimmed, case-folded, curly apostrophes straightened.

    Case-insensitive on purpose: a writer who ignores "Kubernetes" does not want
    "kubernetes" at the start of a bullet flagged either.
    """
    return word.strip().translate(_APOSTROPHES).casefold()


class DictionaryError(OSError):
    """The dictionary file could not be written; the in-memory word is kept for this session."""


class PersonalDictionary:
    """A persistent, thread-safe set of accepted words.

    Reads the file lazily on first use. A missing file is an empty dictionary. Lines starting
    with ``#`` are comments and are kept when the file is rewritten.
    """

    def __init__(self, path: Path | str | None) -> None:
        self._path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._words: dict[str, str] = {}  # key -> word as the user spelled it
        self._comments: list[str] = []
        self._loaded = False

    @property
    def path(self) -> Path | None:
        return self._path

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self._path is None:
            return
        try:
            # errors="replace": a stray non-UTF-8 byte must not make spelling unusable.
            content = self._path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        except OSError as error:
            log.warning("Cannot read personal dictionary %s: %s", self._path, error)
            return
        for line in content.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                self._comments.append(stripped)
            elif stripped:
                self._words.setdefault(normalise_word(stripped), stripped)

    def reload(self) -> None:
        """Forget what was read and read the file again (after an edit outside the app)."""
        with self._lock:
            self._words.clear()
            self._comments.clear()
            self._loaded = False
            self._ensure_loaded()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        with self._lock:
            self._ensure_loaded()
            return normalise_word(word) in self._words

    def __len__(self) -> int:
        with self._lock:
            self._ensure_loaded()
            return len(self._words)

    def words(self) -> tuple[str, ...]:
        """The words, sorted case-insensitively, as the user spelled them."""
        with self._lock:
            self._ensure_loaded()
            return tuple(sorted(self._words.values(), key=str.casefold))

    def add(self, word: str) -> bool:
        """Accept ``word`` from now on and save. Returns False if it was already there.

        Raises :class:`DictionaryError` when the file cannot be written; the word still counts
        for this session so the user's action is not lost.
        """
        return self.update([word], [])

    def remove(self, word: str) -> bool:
        """Stop accepting ``word`` and save. Returns False if it was not there."""
        return self.update([], [word])

    def update(self, add: Iterable[str], remove: Iterable[str]) -> bool:
        """Add and remove several words with one write. Returns True if anything changed."""
        with self._lock:
            self._ensure_loaded()
            changed = False
            for word in add:
                key = normalise_word(word)
                if key and key not in self._words:
                    # Words are one line each; inner newlines would split them on reload.
                    self._words[key] = " ".join(word.split())
                    changed = True
            for word in remove:
                changed |= self._words.pop(normalise_word(word), None) is not None
            if changed:
                self._save()
            return changed

    def _save(self) -> None:
        if self._path is None:
            return
        lines = [*self._comments, *sorted(self._words.values(), key=str.casefold)]
        content = "".join(line + "\n" for line in lines)
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            # The temporary file lives beside the target so os.replace stays on one file
            # system and is atomic.
            fd, temp_name = tempfile.mkstemp(
                prefix=f".{self._path.name}.", suffix=".tmp", dir=self._path.parent
            )
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp_name, self._path)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise DictionaryError(
                f"Cannot save the personal dictionary {self._path}: {error}"
            ) from error

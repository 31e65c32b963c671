"""Files (behaviour): open, save, save as, export, recent files, the title and "save changes?".

Reading and writing bytes is ``docio``'s job (``load_posting`` / ``save_posting``); this module
decides *which* file, keeps the window title ("name* — Posting Studio") in step with the
document's modified flag, remembers recent files, and asks before unsaved work is dropped.
A .docx is always written into the .docx it came from, as it was when opened (the session's
``source``), so every paragraph the writer did not touch survives; the source is only
overwritten by an explicit Save, and not at all when another program changed it meanwhile
(reload or save a copy), when it is gone or locked (a read-only file or folder: Save As), or
when it cannot hold a plain .docx (a macro or Strict document: a new .docx beside it). Every
Save that cannot write says why in one sentence and opens Save As, so nothing typed is lost.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QMenu

from postingstudio.core.model import Posting
from postingstudio.docio import DocumentError, load_posting, save_posting
from postingstudio.docio.atomic import write_blocker
from postingstudio.docio.source import SourceDocument, beside_as_docx, open_source
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.shell.background_load import load_with_progress
from postingstudio.ui.shell.prompts import SAVE_FORMATS, Prompts
from postingstudio.ui.shell.refusal_dialog import refusal_text
from postingstudio.ui.shell.session import EditorSession

log = logging.getLogger(__name__)

MAX_RECENT = 10
DOCX_SOURCES = (".docx", ".docm")


class FileController(QObject):
    """Open, save, save as and export for the session's document, through ``Prompts``."""

    opened = Signal(str)
    saved = Signal(str)  # the document is clean on disk (Save / Save As)
    exported = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        session: EditorSession,
        prompts: Prompts,
        settings: QSettings,
        recent_menu: QMenu,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window, self.session, self.prompts, self.settings = window, session, prompts, settings
        self.tasks = tasks  # large files are read on it
        self.recent_menu = recent_menu
        self.path: str | None = None  # where Save writes
        self.template: str | None = None  # the .docx whose styles an exported .docx reuses
        self.display_name = self.tr("Untitled")
        document = session.document
        document.modificationChanged.connect(window.setWindowModified)
        self.update_title()
        self._rebuild_recent()

    # -- title -------------------------------------------------------------------------------
    def update_title(self) -> None:
        # "[*]" is where Qt draws the unsaved marker while the window is modified.
        self.window.setWindowTitle(self.tr("{0}[*] — Posting Studio").format(self.display_name))
        self.window.setWindowModified(self.session.document.isModified())

    @property
    def modified(self) -> bool:
        return self.session.document.isModified()

    # -- open ---------------------------------------------------------------------------------
    def ask_open(self) -> bool:
        start = str(Path(self.path).parent) if self.path else str(Path.home())
        path = self.prompts.open_path(start)
        return self.open_file(path) if path else False

    def open_file(self, path: str, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            source, posting = load_with_progress(self.window, path, _source_and_posting, self.tasks)
        except DocumentError as error:
            self.refuse(self.tr("Cannot open file"), error.path or path, error)
            self._forget_recent(path)
            return False
        except OSError as error:
            self.prompts.error(self.tr("Cannot open file"), str(error))
            return False
        self.session.load(posting, source)
        self.set_current(path, is_source=True)
        for note in posting.notes:
            self.statusMessage.emit(note)
        self.add_recent(path)
        self.opened.emit(path)
        return True

    def set_current(self, path: str | None, *, is_source: bool, name: str | None = None) -> None:
        """Make ``path`` the file Save writes to; a .docx source also becomes the template."""
        self.path = path
        if path and is_source and Path(path).suffix.lower() in DOCX_SOURCES:
            self.template = path
        elif is_source:
            self.template = None
        self.display_name = name or (Path(path).name if path else self.tr("Untitled"))
        self.update_title()

    # -- save ---------------------------------------------------------------------------------
    def save(self) -> bool:
        source = self.session.source
        if source is not None and self.path:
            reason = source.cannot_write_back(self.path)
            if reason:  # never overwrite a macro document or the like: a new .docx beside it
                target = beside_as_docx(self.path)
                if not self._save_to(target):
                    return self.save_as()  # its folder refused it: the error said why
                self.prompts.notice(
                    self.tr("Saved as a new document"),
                    self.tr(
                        "“{0}” was not overwritten because {1}; your posting is saved as “{2}”."
                    ).format(Path(source.opened_path).name, reason, Path(target).name),
                )
                return True
            if _same_path(self.path, source.path):
                state = source.disk_state(self.path)
                if state == "missing":
                    self.prompts.error(
                        self.tr("Cannot save"),
                        self.tr(
                            "“{0}” was moved or deleted since it was opened; choose where to save "
                            "your posting."
                        ).format(Path(self.path).name),
                    )
                    return self.save_as()
                if state == "changed":
                    answer = self.prompts.source_changed(Path(self.path).name)
                    if answer == "reload":
                        return self.open_file(self.path, ask=False)
                    return self.save_as() if answer == "copy" else False
        if not self.path or Path(self.path).suffix.lower().lstrip(".") not in _EXTENSIONS:
            return self.save_as()
        locked = write_blocker(self.path)
        if locked:
            self.prompts.error(
                self.tr("Cannot save"),
                self.tr(
                    "“{0}” cannot be saved because {1}; choose where to save your posting."
                ).format(Path(self.path).name, locked),
            )
            return self.save_as()
        if self._save_to(self.path):
            return True
        return self.save_as()  # the error said why; Save As keeps what was typed

    def save_as(self) -> bool:
        path = self.prompts.save_path(self.tr("Save As"), self._suggested("docx"), SAVE_FORMATS)
        if not path:
            return False
        locked = write_blocker(path)
        if locked:  # not offered again: the writer just chose this place
            self.prompts.error(
                self.tr("Cannot save"),
                self.tr("“{0}” cannot be saved because {1}.").format(Path(path).name, locked),
            )
            return False
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        if not self.write(path):
            return False
        self.session.document.setModified(False)
        if self.session.source is not None and Path(path).suffix.lower() == ".docx":
            self.session.source.written(path)  # what is on disk now is what we wrote
        self.set_current(path, is_source=False)
        self.add_recent(path)
        self.saved.emit(path)
        return True

    def export(self) -> bool:
        path = self.prompts.save_path(self.tr("Export"), self._suggested("docx"), SAVE_FORMATS)
        if not path or not self.write(path):
            return False
        self.exported.emit(path)
        return True

    def write(self, path: str) -> bool:
        posting = self.session.snapshot()
        template = self.template if self.template and os.path.isfile(self.template) else None
        try:
            save_posting(
                posting, path, template=template, overwrite=True, source=self.session.source
            )
        except DocumentError as error:
            self.refuse(self.tr("Cannot save"), error.path or path, error)
            return False
        except (OSError, NotImplementedError) as error:
            log.exception("saving %s failed", path)
            self.prompts.error(self.tr("Cannot save"), str(error) or type(error).__name__)
            return False
        self.statusMessage.emit(self.tr("Saved {0}").format(path))
        return True

    def refuse(self, title: str, path: str, error: DocumentError) -> None:
        """The file's name and the plain reason; the technical detail behind "Details…"."""
        text = refusal_text(path, error.reason)
        if error.detail:
            self.prompts.error(title, text, error.detail)
        else:
            self.prompts.error(title, text)

    def _suggested(self, extension: str) -> str:
        if self.path:
            return str(Path(self.path).with_suffix(f".{extension}"))
        return str(Path.home() / f"posting.{extension}")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        if not self.modified:
            return True
        answer = self.prompts.unsaved(self.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- recent files -----------------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        files = [path, *[p for p in self.recent() if p != path]][:MAX_RECENT]
        self.settings.setValue("recent/files", files)
        self._rebuild_recent()

    def _forget_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        self.settings.setValue("recent/files", [p for p in self.recent() if p != path])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(files))


_EXTENSIONS = {ext for ext, _label in SAVE_FORMATS}


def _source_and_posting(path: str) -> tuple[SourceDocument | None, Posting]:
    """The kept .docx (if any) and the posting to edit; run off the UI thread for large files."""
    source = _kept_source(path)
    return source, (source.posting if source is not None else load_posting(path))


def _kept_source(path: str) -> SourceDocument | None:
    """The .docx kept for the session; None for other files, and for a .docx that does not open
    (``load_posting`` then says why in its own words: "this is a PDF", ...)."""
    if Path(path).suffix.lower() not in DOCX_SOURCES:
        return None
    try:
        return open_source(path)
    except DocumentError:
        return None


def _same_path(a: str, b: str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)

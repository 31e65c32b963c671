"""Render the app icon from ``resources/icons/postingstudio.svg`` to every size a platform wants.

    python packaging/make_icons.py [OUT]        default: resources/icons

Writes ``hicolor/NxN/apps/<app id>.png`` (16–512 px, the freedesktop icon theme layout the .deb
installs under /usr/share/icons), ``postingstudio.ico`` (Windows: 16–256 px in one file) and
``postingstudio.icns`` (macOS: 16–512 px plus @2x). Rendering uses Qt's own SVG renderer
(PySide6, already a dependency), so no system tool is needed; Pillow (ReportLab's dependency)
packs the .ico and .icns. The outputs are committed, so Windows and macOS builds need only the
spec; run this again after editing the SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "postingstudio.svg"
APP_ID = "io.github.postingstudio.PostingStudio"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent ``size``×``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main(out: Path) -> int:
    from PIL import Image

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pngs = {size: render_png(SVG, size) for size in sorted({*HICOLOR_SIZES, 1024})}
    for size in HICOLOR_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    largest = Image.open(io.BytesIO(pngs[256]))
    largest.save(out / "postingstudio.ico", sizes=[(size, size) for size in ICO_SIZES])
    mac = Image.open(io.BytesIO(pngs[1024]))
    mac.save(out / "postingstudio.icns")  # Pillow writes 16–1024 px (and @2x) from the largest
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "icons"))

"""Make the app's PNG icons from refugee_map/static/icons/app.svg (run once after changing
the SVG; the PNGs are committed):

    .venv/bin/python scripts/build_icons.py

Headless Chromium (Debian's /usr/bin/chromium, through Playwright) draws the SVG at each
size; Pillow stores it with a small palette. The "any" icons keep the SVG's rounded
corners on a transparent ground; the maskable icon and the apple-touch-icon fill the whole
square (the phone cuts its own shape; the pin stays inside the 80 % safe zone).
"""

import io
import re
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "refugee_map" / "static" / "icons"
# file name -> (size in pixels, full square without rounded corners)
OUTPUTS = {
    "app-192.png": (192, False),
    "app-512.png": (512, False),
    "app-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}


def svg_for(full_square: bool) -> str:
    svg = (ICONS / "app.svg").read_text(encoding="utf-8")
    return re.sub(r' rx="\d+"', "", svg) if full_square else svg


def draw(page, svg: str, size: int) -> Image.Image:
    sized = re.sub(r'width="\d+" height="\d+"', f'width="{size}" height="{size}"', svg, count=1)
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f"<body style='margin:0'>{sized}</body>")
    png = page.locator("svg").screenshot(omit_background=True)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main() -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        for name, (size, full_square) in OUTPUTS.items():
            image = draw(page, svg_for(full_square), size)
            assert image.size == (size, size), image.size
            image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(
                ICONS / name, optimize=True
            )
            print(f"{name}: {size}x{size}, {(ICONS / name).stat().st_size} bytes")
        browser.close()


if __name__ == "__main__":
    main()

"""The app's icons: the SVG, PNGs of 192 and 512 px (one of them maskable) in the manifest
and an apple-touch-icon of 180 px in every page's head, each a real PNG of the size it
claims, kept for a year like every static file."""

import io
import re

from admin_support import text
from PIL import Image


def fetched_png(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png", url
    assert "immutable" in response.headers["Cache-Control"], url
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG", url
    return image.convert("RGBA")


def test_the_manifest_lists_png_icons_of_the_stated_sizes_and_a_maskable_one(client):
    icons = client.get("/manifest.webmanifest?lang=de").get_json()["icons"]
    pngs = [icon for icon in icons if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} == {"192x192", "512x512"}
    assert any(icon["type"] == "image/svg+xml" for icon in icons)
    for icon in pngs:
        width, height = map(int, icon["sizes"].split("x"))
        image = fetched_png(client, icon["src"])
        assert image.size == (width, height), icon["src"]
        if icon["purpose"] == "maskable":  # the platform cuts the shape: no see-through corner
            assert image.getpixel((0, 0))[3] == 255, icon["src"]
    assert [icon["purpose"] for icon in pngs].count("maskable") == 1


def test_every_page_names_an_apple_touch_icon_of_180_px(client, editor):
    for page in (text(client.get("/")), text(client.get("/list")), text(editor.get("/admin/"))):
        [href] = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
        image = fetched_png(client, href)
        assert image.size == (180, 180)
        assert image.getpixel((0, 0))[3] == 255  # iOS would show a transparent corner black

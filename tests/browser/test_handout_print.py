"""The handout in Chromium: it prints to an A4 PDF and its QR codes scan from the screen."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)  # width, height of an A4 page in PDF points


def test_the_handout_prints_to_a_pdf_of_a4_pages(page, base_url):
    page.goto(f"{base_url}/handout?district=Innenstadt-West&lang=fa")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert len(pages) >= 1
    sizes = {tuple(round(float(n)) for n in box) for box in _media_boxes(pdf)}
    assert sizes == {A4_POINTS}


def test_a_qr_code_on_the_rendered_handout_scans_to_the_offer_page(page, base_url):
    page.goto(f"{base_url}/handout?district=Innenstadt-West")
    offer = page.locator("li.offer").first
    offer_id = offer.get_attribute("data-offer-id")
    shot = offer.locator("svg.qr").screenshot(scale="device")
    image = Image.open(io.BytesIO(shot))
    image = image.resize((image.width * 4, image.height * 4), Image.NEAREST)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [f"{base_url}/offers/{offer_id}"]


def test_a_dense_district_prints_legible_numbers_and_no_qr_code_to_a_guessed_address(
    page, demo_server
):
    """Innenstadt-Nord (about 30 demo offers) on A4: no two number labels overlap as drawn;
    without PUBLIC_URL the staff see a warning on screen and the sheet has no QR code."""
    url, _count = demo_server
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{url}/handout?district=Innenstadt-Nord")
    assert page.locator(".qr-warning").is_visible() and page.locator("svg.qr").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".qr-warning").is_visible()
    assert not page.locator("svg.qr").first.is_visible()
    boxes = page.eval_on_selector_all(
        "circle.label", "circles => circles.map(c => c.getBoundingClientRect().toJSON())"
    )
    assert len(boxes) >= 20
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            apart = (box["x"] - other["x"]) ** 2 + (box["y"] - other["y"]) ** 2
            assert apart >= (box["width"] * 0.99) ** 2  # centres a diameter apart
    assert box["width"] >= 4 * 96 / 25.4  # each label at least 4 mm wide on paper


def _media_boxes(pdf: bytes) -> list[tuple[bytes, bytes]]:
    return re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)

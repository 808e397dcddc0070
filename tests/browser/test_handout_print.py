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


def _media_boxes(pdf: bytes) -> list[tuple[bytes, bytes]]:
    return re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)

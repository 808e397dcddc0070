"""The mail page without an e-mail server: each message with a "copy" button (script from a
file, hidden without it) and a ``mailto:`` link whose address, subject and body stay
exactly what the message says, whatever an offer's title or organisation holds."""

import html
import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from admin_support import text
from naughty import NASTY, strings
from samples import region_today

from refugee_map.domain import mail

OLD = (region_today() - timedelta(days=400)).isoformat()
LINK = "https://hilfe.example.org/confirm/abc.def"
# Only unreserved characters and percent escapes: nothing left to end a part or add one.
SAFE_MAILTO = re.compile(r"mailto:([\w.~%@-]+)\?subject=([\w.~%-]*)&body=([\w.~%-]*)", re.ASCII)
HOSTILE = [s for s in strings() + NASTY if isinstance(s, str) and s.strip()]


def message_for(title: str, organization: str = "") -> mail.Message:
    offer = {"id": 7, "title": title, "organization": organization, "email": "info@verein.example"}
    return mail.confirmation_message(offer, LINK, 30, "Die Redaktion", "Hilfe-Karte Dortmund")


def test_hostile_offer_text_stays_inside_the_subject_and_body_of_the_mailto_link():
    for hostile in HOSTILE:
        message = message_for(hostile, organization=hostile)
        match = SAFE_MAILTO.fullmatch(mail.mailto(message))
        assert match, repr(hostile)
        address, subject, body = (unquote(part, errors="strict") for part in match.groups())
        assert address == "info@verein.example"
        assert subject == message.subject, repr(hostile)
        assert body == message.body.replace("\r\n", "\n").replace("\n", "\r\n"), repr(hostile)


def test_the_link_carries_the_whole_text_with_crlf_line_ends():
    message = message_for("Deutschkurs & Café ?=#%")
    link = mail.mailto(message)
    assert "%0D%0A%0D%0A" in link and LINK.replace(":", "%3A").replace("/", "%2F") in link
    assert unquote(link.partition("subject=")[2].partition("&")[0]) == message.subject


@pytest.mark.parametrize(
    "recipient",
    ["a@b.example, c@d.example", "a@b.example?bcc=x@y.example", "a@b.example\r\nBcc: x@y.example",
     "<a@b.example>", ""],
)  # fmt: skip
def test_no_link_for_anything_but_one_mailbox(recipient):
    message = mail.Message(offer_id=1, to=recipient, subject="s", body="b")
    assert mail.mailto(message) is None


def test_the_mail_page_offers_copying_and_the_mail_program_without_inline_script(
    editor, make_offer
):
    offer = make_offer(
        verified_at=OLD, email="info@verein.example", title='Kurs "A" & <b>B</b>\r\nBcc: x@y.z'
    )
    page = text(
        editor.post(f"/admin/freshness/{offer['id']}/ask", data={"csrf_token": editor.token})
    )
    button = re.search(
        r'<button type="button" class="copy-button" data-copy="([^"]+)" hidden>', page
    )
    assert button and f'id="{button.group(1)}"' in page
    assert 'role="status"' in page and "Text kopiert." in page
    href = html.unescape(re.search(r'class="button mail-link" href="([^"]+)"', page).group(1))
    subject = unquote(SAFE_MAILTO.fullmatch(href).group(2))
    assert "Bcc: x@y.z" in subject and not re.search(r"[\r\n]", subject)  # text, not a header
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)
    assert any("admin-copy.js" in tag for tag in scripts)

"""Re-confirmation by e-mail: signed, expiring links and sending them over SMTP.

A link carries the offer's id and version, signed with the app's secret key (itsdangerous,
with its own salt) and valid for ``CONFIRM_LINK_DAYS``. A link works once: using it is
recorded (:func:`freshness.spend_link`), and confirming raises the version. Without
``SMTP_HOST`` nothing is sent: the messages are shown to the agency for copying into their
own mail program. Only a recipient that is one mailbox is ever handed to the SMTP server.

Settings (environment, all optional): ``REFUGEE_MAP_SMTP_HOST``, ``_SMTP_PORT`` (587 with
STARTTLS, else 25), ``_SMTP_USER``, ``_SMTP_PASSWORD``, ``_SMTP_FROM``, ``_SMTP_STARTTLS``
(true/false, default true when a user is set), ``_CONFIRM_LINK_DAYS`` (default 30).
"""

import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import quote

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from refugee_map.domain.mailbox import is_mailbox
from refugee_map.domain.messages import gettext as _
from refugee_map.domain.value_types import means_yes

SALT = "refugee-map.offer-confirmation"
# Reported for a recipient that is not one mailbox (e.g. an old offer's "a@x.org,b@y.org").
NOT_ONE_MAILBOX = "not sent: the address is not exactly one e-mail address"


class LinkInvalid(Exception):
    """A confirmation link that is expired (``expired``), tampered with or malformed."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def make_token(secret_key: str, offer_id: int, version: int) -> str:
    return _serializer(secret_key).dumps({"o": int(offer_id), "v": int(version)})


def read_token(secret_key: str, token: str, max_age_days: int) -> tuple[int, int]:
    """(offer id, version) from a link, or :class:`LinkInvalid`."""
    try:
        data = _serializer(secret_key).loads(token, max_age=int(max_age_days) * 86400)
    except SignatureExpired:
        raise LinkInvalid(expired=True) from None
    except BadSignature:
        raise LinkInvalid() from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "ov"):
        raise LinkInvalid()
    return data["o"], data["v"]


def link_identity(token: str) -> str:
    """What a link is known by once it is spent: its signed part (offer, version, time).
    The signature is left out: its base64 can be spelled several ways (padding, ignored
    characters, the last character's unused bits) that all verify."""
    return token.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Message:
    offer_id: int
    to: str
    subject: str
    body: str


def confirmation_message(offer: dict, link: str, days: int, agency: str, site: str) -> Message:
    """The request to confirm an offer, in the language active when it is called (the
    back office sends it in the region's language: providers are local organisations);
    ``site``: the region's site name ("Hilfe-Karte Bochum", one line)."""
    title = " ".join(offer["title"].split())  # a header must be one line
    organization = f" ({offer['organization']})" if offer.get("organization") else ""
    subject = _("Bitte prüfen: „%(title)s“ auf der %(site)s", title=title, site=site)
    paragraphs = [
        _("Guten Tag,"),
        _("auf der %(site)s steht Ihr Angebot „%(title)s“%(organization)s.",
          site=site, title=title, organization=organization)
        + " " + _("Wir prüfen einmal im Jahr, ob alle Angaben noch stimmen."),
        _("Bitte öffnen Sie diesen Link, sehen Sie sich die Angaben an und bestätigen Sie "
          "sie mit einem Klick – oder schlagen Sie Änderungen vor:"),
        link,
        _("Sie brauchen dafür kein Konto. Der Link gilt %(days)d Tage.", days=days)
        + " " + _("Wenn es das Angebot nicht mehr gibt, schreiben Sie uns bitte kurz zurück."),
        _("Vielen Dank!") + "\n" + agency,
    ]  # fmt: skip
    body = "\n\n".join(paragraphs) + "\n"
    return Message(offer_id=offer["id"], to=offer["email"], subject=subject, body=body)


def mailto(message: Message) -> str | None:
    """A ``mailto:`` link (RFC 6068) that opens ``message`` in the person's own e-mail
    program; None unless the recipient is one mailbox (as for SMTP). Address, subject and
    body are percent-encoded whole: nothing in an offer's text can end the address, add a
    header field or cut the body short. Lines end CRLF, as the RFC asks."""
    if not is_mailbox(message.to):
        return None
    body = re.sub(r"\r?\n", "\r\n", message.body)
    fields = {"subject": message.subject, "body": body}
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields.items())
    return f"mailto:{quote(message.to, safe='@')}?{query}"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    starttls: bool
    timeout: float = 20.0

    @classmethod
    def from_config(cls, config: Mapping) -> "SmtpSettings | None":
        """The settings, or None when no SMTP host is configured (messages are shown)."""
        host = str(config.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        user = str(config.get("SMTP_USER") or "")
        starttls = _flag(config.get("SMTP_STARTTLS"), default=bool(user))
        port = int(config.get("SMTP_PORT") or (587 if starttls else 25))
        sender = str(config.get("SMTP_FROM") or user or f"hilfe-karte@{host}")
        return cls(host, port, user, str(config.get("SMTP_PASSWORD") or ""), sender, starttls)


def _flag(value, default: bool) -> bool:
    if value is None or value == "":
        return default
    return means_yes(value)


def send(settings: SmtpSettings, messages: list[Message]) -> dict[int, str | None]:
    """Send each message over one connection; per offer id None (sent) or the error.
    A recipient that is not exactly one mailbox is refused, never handed to the server."""
    results: dict[int, str | None] = {}
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password)
            for message in messages:
                if not is_mailbox(message.to):
                    results[message.offer_id] = NOT_ONE_MAILBOX
                    continue
                try:
                    smtp.send_message(_email(settings.sender, message))
                    results[message.offer_id] = None
                except (smtplib.SMTPException, ValueError) as error:
                    # ValueError: a header the e-mail library refuses (e.g. a bad address)
                    results[message.offer_id] = str(error)
    except (OSError, smtplib.SMTPException) as error:
        for message in messages:
            results.setdefault(message.offer_id, str(error) or error.__class__.__name__)
    return results


def _email(sender: str, message: Message) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=True)
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    return email

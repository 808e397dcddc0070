"""One rule for an e-mail address, wherever one is accepted or mailed to.

An address is one mailbox written as ``local@domain``: no display name, no angle brackets,
no comment, no quoted local part, no second address after a comma or a semicolon and no
line break. A value such as ``info@example.org,postmaster`` would otherwise reach the SMTP
server as two recipients, and one with a line break could add mail headers.
"""

import re
from email.utils import getaddresses

MAX_LENGTH = 254  # RFC 5321: a path of 256 octets, less the angle brackets
MAX_LOCAL_LENGTH = 64
# The dot-atom of RFC 5322 (letters of any script allowed, as RFC 6531 does).
_ATOM = r"(?:[^\W_]|[!#$%&'*+/=?^_`{|}~-])+"
_LABEL = r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?"
_MAILBOX = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_LABEL}")


def is_mailbox(address: str) -> bool:
    """Whether ``address`` is exactly one mailbox ``local@domain``."""
    if not isinstance(address, str) or len(address) > MAX_LENGTH:
        return False
    if not _MAILBOX.fullmatch(address) or len(address.rpartition("@")[0]) > MAX_LOCAL_LENGTH:
        return False
    # Defence in depth: the mail library must read the same single address.
    return getaddresses([address]) == [("", address)]

"""Numbers from outside — ids, versions, page numbers, coordinates — read one strict way.

``int()`` and ``float()`` accept more than a form, a link or a file should give: Unicode
digits ("١٢", and "²", which passes ``str.isdigit()`` but not ``int()``), underscores
("1_000"), blanks around the number, "nan", "inf", "1e400" and integers beyond SQLite's.
These two readers take ASCII digits only and raise ``ValueError`` for anything else, so
they also work as werkzeug's ``type=`` (``request.args.get("page", type=whole_number)``).
"""

import math
import re

MAX_INTEGER = 2**63 - 1  # SQLite's largest integer
_WHOLE = re.compile(r"[0-9]{1,19}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_MAX_DECIMAL_LENGTH = 40


def whole_number(text: str, *, low: int = 0, high: int = MAX_INTEGER) -> int:
    """``text`` as a whole number from ``low`` to ``high`` (SQLite's range by default)."""
    if not isinstance(text, str) or not _WHOLE.fullmatch(text):
        raise ValueError(f"not a whole number: {str(text)[:20]!r}")
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"{number} is not between {low} and {high}")
    return number


def decimal(text: str) -> float:
    """``text`` as a finite decimal number: ``51.5``, ``-7``, ``.5``, ``1e-05``."""
    if not isinstance(text, str) or len(text) > _MAX_DECIMAL_LENGTH:
        raise ValueError(f"not a number: {str(text)[:20]!r}")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number

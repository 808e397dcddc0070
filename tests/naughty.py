"""Strings that break input handling, for tests that send bad input everywhere.

``strings()`` is the Big List of Naughty Strings (tests/data/naughty-strings, MIT licence);
``NASTY`` adds the values that broke number and id parsing here: Unicode digits pass
``str.isdigit()`` and ``int()``/``float()`` take "nan", "1e400" and "1_000".
"""

import json
from functools import cache
from pathlib import Path

FILE = Path(__file__).parent / "data" / "naughty-strings" / "blns.json"

NASTY: tuple[str | bytes, ...] = (
    "",
    "²",
    "١٢",
    "١٢.٥",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1_000",
    " 12 ",
    "12\n",
    "-1",
    "0",
    "9" * 30,
    str(2**63),
    "51,5",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "line\r\nX-Injected: 1",
    "{{ 7*7 }}{% raw %}",
    "../../../etc/passwd",
    "x" * 100_000,
    b"\xed\xa0\x80",  # a lone surrogate as UTF-8 bytes: valid in a form post, not in Unicode
    b"\xff\xfe\xc3",  # not UTF-8 at all
)


@cache
def strings() -> tuple[str, ...]:
    """The whole list (515 strings)."""
    return tuple(json.loads(FILE.read_text(encoding="utf-8")))


def sample(step: int = 10) -> tuple[str | bytes, ...]:
    """Every ``step``-th naughty string plus ``NASTY``: a fixed, representative set."""
    return strings()[::step] + NASTY

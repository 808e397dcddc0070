"""How search text is folded: the one definition of which spellings count as the same.

Both sides of a search are folded alike: the offer text going into the full-text index
(:mod:`search_index`, as SQL ``replace()`` calls) and the visitor's query (here). The
browser gets :data:`LETTERS` from ``/api/search-topics`` and folds the same way
(``static/js/map/text-search.js``), so a search offline finds what the server finds.

- German transcriptions: ä -> ae, ß -> ss (the index also keeps the text as written, whose
  diacritics the full-text tokenizer drops: "moebel" and "mobel" both find "Möbel");
- Arabic and Farsi letter variants: Farsi yeh/kaf and alef maksura -> Arabic yeh/kaf,
  teh marbuta -> heh, alef with hamza or madda -> alef; tatweel and harakat dropped;
- Cyrillic: ё -> е; Ukrainian і, ї -> и, є -> е, ґ -> г (a Russian keyboard finds Ukrainian);
- Turkish dotless ı -> i (dotted İ is folded by the tokenizer).

:func:`words` splits and folds like the full-text tokenizer (``unicode61 remove_diacritics
2``): letters, digits and private-use characters make words, case is folded and Latin
letters lose their diacritics; other scripts keep theirs unless :data:`LETTERS` names them.
"""

import unicodedata

# Per script: what a letter is searched as -> the letters searched so. Scripts never mix
# within a word, so the index folds each script on its own (fewer nested SQL calls).
_SPELLINGS = {
    "latin": {"ae": "äÄ", "oe": "öÖ", "ue": "üÜ", "ss": "ßẞ", "i": "ıİ"},
    "arabic": {
        "ي": "یى",  # Farsi yeh, alef maksura
        "ك": "ک",  # Farsi keheh
        "ه": "ة",  # teh marbuta
        "ا": "أإآٱ",
        "": "ـ\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652",  # tatweel, harakat
    },
    "cyrillic": {"е": "ёєЁЄ", "и": "іїІЇ", "г": "ґҐ"},
}
# script -> letter -> its spelling
SCRIPTS: dict[str, dict[str, str]] = {
    script: {letter: spelling for spelling, letters in table.items() for letter in letters}
    for script, table in _SPELLINGS.items()
}
LETTERS: dict[str, str] = {
    letter: spelling for table in SCRIPTS.values() for letter, spelling in table.items()
}
_TABLE = str.maketrans(LETTERS)


def fold(text: str) -> str:
    """``text`` with every letter of :data:`LETTERS` replaced by its spelling."""
    return text.translate(_TABLE)


def words(text: str) -> list[str]:
    """The folded words of ``text`` as the full-text index sees them (see module doc)."""
    plain = _without_latin_diacritics(fold(unicodedata.normalize("NFC", text)).lower())
    found, word = [], []
    for char in plain + " ":
        if unicodedata.category(char)[0] in "LN" or unicodedata.category(char) == "Co":
            word.append(char)
        elif word:
            found.append("".join(word))
            word = []
    return found


def _without_latin_diacritics(text: str) -> str:
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if not (unicodedata.combining(char) and kept and _is_latin(kept[-1])):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")

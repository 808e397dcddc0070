"""The OpenAPI schema of ``/api/search-topics`` (domain/search_topics.browser_data), for
:mod:`openapi`."""

_TEXTS = {"type": "array", "items": {"type": "string"}}
_LETTERS = {"type": "object", "additionalProperties": {"type": "string"}}
_LENGTH = {"type": "integer", "minimum": 0}

SEARCH_TOPICS = {
    "type": "object",
    "description": "What a browser needs to match a search as the server's q does: the "
    "letter foldings per script, the prefix rules and the search topics",
    "required": ["lang", "folding", "typedPrefix", "wordPrefix", "short", "topics"],
    "properties": {
        "lang": {"type": "string"},
        "folding": {"type": "object", "additionalProperties": _LETTERS},
        "typedPrefix": _LENGTH,
        "wordPrefix": _LENGTH,
        "short": _LENGTH,
        "topics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["slug", "label", "words", "phrases", "categories", "terms"],
                "properties": {
                    "slug": {"type": "string"},
                    "label": {"type": "string", "description": "its first word in lang"},
                    "words": _TEXTS | {"description": "its search words in every UI language"},
                    "phrases": {"type": "array", "items": _TEXTS},
                    "categories": _TEXTS,
                    "terms": _TEXTS | {"description": "folded German word starts"},
                },
            },
        },
    },
}

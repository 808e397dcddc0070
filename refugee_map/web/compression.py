"""gzip for text responses: waitress does not compress, and visitors' data is expensive."""

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/javascript",
    "application/manifest+json",
    "image/svg+xml",
)
MIN_SIZE = 512  # smaller answers gain nothing from gzip
_compressed: dict[tuple[str, str], bytes] = {}  # static files, by path and ETag


def compress(response: Response) -> Response:
    """gzip text answers for clients that accept it (waitress does not compress)."""
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or not request.accept_encodings["gzip"]
        or "Content-Encoding" in response.headers
        or not response.mimetype.startswith(COMPRESSIBLE)
        or (response.is_streamed and not response.direct_passthrough)
        or (response.content_length or MIN_SIZE) < MIN_SIZE
    ):
        return response
    etag, _weak = response.get_etag()
    key = (request.path, etag or "")
    data = _compressed.get(key) if etag and request.path.startswith("/static/") else None
    if data is None:
        response.direct_passthrough = False  # a static file: read it
        raw = response.get_data()
        if len(raw) < MIN_SIZE:
            return response
        data = gzip.compress(raw, compresslevel=6, mtime=0)
        if etag and request.path.startswith("/static/"):
            if len(_compressed) > 64:
                _compressed.clear()
            _compressed[key] = data
    response.direct_passthrough = False
    response.set_data(data)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    if etag:
        response.set_etag(etag, weak=True)  # the same resource, in another encoding
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress)

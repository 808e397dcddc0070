"""Whole-city answers (every published offer, no filter) built once per change, not per request.

Such an answer is built when the data version (:func:`web.data_version`, moved by triggers
on every change; with several regions the request's region's) differs from the one it was
built for, kept gzipped in this process, and served with a weak ``ETag`` that names the
version: a browser revalidates it on every use (``Cache-Control: public, no-cache``) and
gets a bodyless 304 until something changes, so an edit shows on the next load. Each
process keeps its own copies (a few per language). While one request rebuilds an answer (at
100,000 offers that takes tens of seconds), the others get the previous one, with its own
ETag, instead of waiting for the build.
"""

import gzip
import hashlib
import threading
from collections.abc import Callable
from typing import NamedTuple

from flask import Response, current_app, request
from werkzeug.datastructures import MultiDict

from refugee_map.web import context as web

CACHE_CONTROL = "public, no-cache"
# Gzipped answers kept per process (languages x page languages x site roots x answers): the
# oldest go first. By size, not count: one answer of a million offers is tens of MB.
MAX_KEPT_BYTES = 48 * 1024 * 1024


class Built(NamedTuple):
    stamp: str
    etag: str
    packed: bytes  # gzip


_built: dict[tuple, Built] = {}
_building = threading.Lock()


def is_whole_city(args: MultiDict) -> bool:
    """True when the request asks for every published offer (at most a text language)."""
    return set(args) <= {"lang"}


def answer(variant: tuple, moment: str, build: Callable[[], bytes], mimetype: str) -> Response:
    """The answer for ``variant`` as of the current data version and ``moment`` (the
    time the answer depends on, if any), built by ``build`` only when those changed."""
    version = web.data_version()  # read before building: never newer data
    key = (current_app.config["DB"], request.script_root, web.region().slug, *variant)
    stamp = f"{version}@{moment}"
    built = _current(key, stamp)
    if built is None:
        built = _built.get(key) if _building.locked() else None  # while another rebuilds
        if built is None:
            with _building:  # one build at a time: the others serve the previous answer
                built = _current(key, stamp)
                if built is None:
                    built = _build(stamp, "-".join((version, *map(str, variant))), build)
                    _keep(key, built)
    return _respond(built, mimetype)


def _current(key: tuple, stamp: str) -> Built | None:
    built = _built.get(key)
    return built if built is not None and built.stamp == stamp else None


def _build(stamp: str, label: str, build: Callable[[], bytes]) -> Built:
    body = build()
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Built(stamp, f"{label}-{digest}", gzip.compress(body, compresslevel=6, mtime=0))


def _keep(key: tuple, built: Built) -> None:
    """Keep ``built`` as the newest answer; drop the oldest while over
    :data:`MAX_KEPT_BYTES` (the newest stays, however large)."""
    _built.pop(key, None)
    _built[key] = built
    kept = sum(len(answer.packed) for answer in _built.values())
    while kept > MAX_KEPT_BYTES and len(_built) > 1:
        kept -= len(_built.pop(next(iter(_built))).packed)


def _respond(built: Built, mimetype: str) -> Response:
    if request.if_none_match.contains_weak(built.etag):
        response = Response(status=304)
    elif request.accept_encodings["gzip"]:
        response = Response(built.packed, mimetype=mimetype)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(gzip.decompress(built.packed), mimetype=mimetype)
    response.set_etag(built.etag, weak=True)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.update(("Accept-Encoding", "Accept-Language"))
    return response

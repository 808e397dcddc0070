"""Placing imported offers on the map after the import, with progress people can watch.

The offline gazetteer answers at once, so its job runs inside the request. Nominatim allows
one request per second: its job runs in a thread with its own database connection, and the
progress page polls :func:`get`. Jobs live in this process's memory (the app is served by
one waitress process); an interrupted run leaves the remaining offers unplaced, which the
editor sees in the offer list and can place by hand or import again.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from refugee_map import store
from refugee_map.exchange import import_geocoding
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import make_geocoder

KEPT_JOBS = 50


@dataclass
class Job:
    source: str
    summary: str  # what the import wrote, e.g. "file.csv: 3 rows: 2 create, ..."
    total: int
    done: int = 0
    placed: int = 0
    # (title, reason) of each offer not placed; the reason follows the language shown in
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    finished: bool = False
    error: str | None = None

    def as_dict(self) -> dict:
        unplaced = [f"{title}: {reason}" for title, reason in self.unplaced]
        return {item.name: getattr(self, item.name) for item in fields(self)} | {
            "unplaced": unplaced, "summary": str(self.summary)
        }  # fmt: skip


_jobs: dict[str, Job] = {}
_lock = threading.Lock()


def get(token: str) -> Job | None:
    with _lock:
        return _jobs.get(token)


def start(token: str, config: Mapping, offer_ids: list[int], *, source: str, summary: str) -> Job:
    """Geocode ``offer_ids``: at once for the offline geocoder, else in a thread."""
    job = Job(source=source, summary=summary, total=len(offer_ids))
    with _lock:
        while len(_jobs) >= KEPT_JOBS:
            _jobs.pop(next(iter(_jobs)))
        _jobs[token] = job
    config = dict(config)
    if str(config.get("GEOCODER", "offline")).lower() == "offline" or not offer_ids:
        _run(job, config, offer_ids)
    else:
        threading.Thread(target=_run, args=(job, config, offer_ids), daemon=True).start()
    return job


def _run(job: Job, config: dict, offer_ids: list[int]) -> None:
    db = store.connect_configured(config)

    def progress(number: int, _total: int, offer: dict, outcome: str) -> None:
        with _lock:
            job.done = number
            if outcome == import_geocoding.PLACED:
                job.placed += 1
            else:
                job.unplaced.append((offer["title"], outcome))

    try:
        import_geocoding.geocode_missing(
            db, offer_ids, make_geocoder(config, db), load_districts(config["REGION_DIR"]),
            source=job.source, progress=progress,
        )  # fmt: skip
    except Exception as error:
        job.error = str(error)
    finally:
        db.close()
        job.finished = True

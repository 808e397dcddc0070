"""Placing imported offers on the map after the import, with progress people can watch.

The offline gazetteer answers at once, so its job runs inside the request. Nominatim allows
one request per second: its job runs in a thread of the process that started it, with its
own database connection. The progress is kept in the database (``store.import_jobs``), so
the progress page polls :func:`get` from any app process. A job reports after every offer;
one that has not reported for :data:`STALE_AFTER` (its process stopped, or was killed) is
shown as stopped. The offers it did not reach stay unplaced, which the editor sees in the
offer list and can place by hand or import again.
"""

import threading
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import messages
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.exchange import import_geocoding
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import make_geocoder
from refugee_map.store import import_jobs as job_store

KEPT_JOBS = 50
# A lookup ends within NOMINATIM_TIMEOUT (5 s) after a wait for a free slot of about a
# second per job geocoding at the same time: a job silent this long is not running.
STALE_AFTER = timedelta(minutes=5)


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
        error = None if self.error is None else str(self.error)
        return asdict(self) | {"unplaced": unplaced, "summary": str(self.summary), "error": error}


def get(db: Database, token: str) -> Job | None:
    row = job_store.get(db, token)
    if row is None:
        return None
    job = Job(
        source=row["source"], summary=row["summary"], total=row["total"], done=row["done"],
        placed=row["placed"], finished=bool(row["finished"]), error=row["error"],
        unplaced=[(title, messages.from_data(reason)) for title, reason in row["unplaced"]],
    )  # fmt: skip
    if not job.finished and _silent_since(row["beat_at"]) > STALE_AFTER:
        job.finished = True
        job.error = _l(
            "der Server-Prozess, der sie ausführte, hat seit über %(minutes)d Minuten nichts "
            "gemeldet", minutes=STALE_AFTER.seconds // 60,
        )  # fmt: skip
    return job


def _silent_since(beat_at: str) -> timedelta:
    return datetime.now(UTC) - datetime.fromisoformat(beat_at)


def start(
    db: Database, token: str, config: Mapping, offer_ids: list[int], *, source: str, summary: str
) -> Job:
    """Geocode ``offer_ids``: at once for the offline geocoder, else in a thread."""
    job = Job(source=source, summary=str(summary), total=len(offer_ids))
    row = {"token": token, "source": source, "summary": job.summary, "total": job.total,
           "started_at": store.now()}  # fmt: skip
    job_store.add(db, row, keep=KEPT_JOBS)
    config = dict(config)
    if str(config.get("GEOCODER", "offline")).lower() == "offline" or not offer_ids:
        _run(token, job, config, offer_ids)
    else:
        threading.Thread(target=_run, args=(token, job, config, offer_ids), daemon=True).start()
    return job


def _run(token: str, job: Job, config: dict, offer_ids: list[int]) -> None:
    db = store.connect_configured(config)

    def progress(number: int, _total: int, offer: dict, outcome: str) -> None:
        job.done = number
        if outcome == import_geocoding.PLACED:
            job.placed += 1
        else:
            job.unplaced.append((offer["title"], outcome))
        with suppress(store.Busy, store.DiskFull):  # the next report carries it
            _report(db, token, job, wait=False)

    try:
        import_geocoding.geocode_missing(
            db, offer_ids, make_geocoder(config, db), load_districts(config["REGION_DIR"]),
            source=job.source, progress=progress,
        )  # fmt: skip
    except Exception as error:
        job.error = str(error)
    finally:
        job.finished = True
        try:
            _report(db, token, job)  # if even this fails, the job shows as stopped later
        finally:
            db.close()


def _report(db: Database, token: str, job: Job, *, wait: bool = True) -> None:
    unplaced = [[title, messages.as_data(reason)] for title, reason in job.unplaced]
    progress = asdict(job) | {"unplaced": unplaced, "beat_at": store.now()}
    job_store.report(db, token, progress, wait=wait)

"""What visitors send and leave behind, made with the same DDL on both engines: m004's
submissions (never published directly), page views without visitors and confirmation
requests, m006's spent confirmation links. The id column and the rest of the spelling
come from the caller and the connection's :mod:`dialect`."""

from sqlite_utils import Database

from refugee_map.store import dialect


def submissions(db: Database, id_column: str) -> None:
    db.execute(
        f"""
        CREATE TABLE submissions (
            id {id_column},
            kind TEXT NOT NULL CHECK (kind IN ('new', 'change', 'report')),
            offer_id {dialect.of(db).integer} REFERENCES offers(id) ON DELETE SET NULL,
            payload TEXT NOT NULL DEFAULT '{{}}',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'accepted', 'rejected')),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            decided_at TEXT,
            decided_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX submissions_status ON submissions(status, kind)")


def offer_views(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE offer_views (
            offer_id {dialect.of(db).integer} NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            month TEXT NOT NULL,
            views INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (offer_id, month)
        )
        """
    )


def confirmation_requests(db: Database, id_column: str) -> None:
    db.execute(
        f"""
        CREATE TABLE confirmation_requests (
            id {id_column},
            offer_id {dialect.of(db).integer} NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            sent_by TEXT NOT NULL DEFAULT '',
            delivered INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX confirmation_requests_offer ON confirmation_requests(offer_id, id)")


def spent_confirmation_links(db: Database) -> None:
    """Confirmation links used once (confirmed, or a change sent), by a digest of the link."""
    db.execute(
        f"""
        CREATE TABLE spent_confirmation_links (
            digest TEXT PRIMARY KEY,
            offer_id {dialect.of(db).integer} NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            spent_at TEXT NOT NULL
        )
        """
    )

"""What can go wrong when writing, the same on both engines (``store`` exports them; the
PostgreSQL connection raises them itself, so it needs this module, not the package)."""


class Busy(Exception):
    """Another writer held the database for longer than the busy timeout; the write was
    rolled back."""


class DiskFull(Exception):
    """The disk, or the database's size limit, is full; the write was rolled back."""


class Duplicate(Exception):
    """A row with the same unique key is stored already; the write (or the savepoint of a
    nested ``store.writing``) was rolled back."""


class Unusable(Exception):
    """The configured database cannot be used: unreachable, refused, or lacking something
    the schema needs; the message says what."""

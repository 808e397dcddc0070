"""Real servers on 127.0.0.1 for the tests: the app (werkzeug's threaded server, or waitress
as in production) and an SMTP server that keeps every message it receives."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from waitress.server import create_server
from waitress.wasyncore import close_all
from werkzeug.serving import make_server


def free_port() -> int:
    """A port of 127.0.0.1 that nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app, port: int = 0) -> Iterator[str]:
    """Serve ``app`` from a thread on ``port`` (default: a free one) of 127.0.0.1; yields its
    base URL."""
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@contextmanager
def waitress_serving(app, *, threads: int) -> Iterator[str]:
    """``app`` behind waitress with ``threads`` threads on 127.0.0.1; yields its base URL."""
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()
        close_all(server._map)
        thread.join(timeout=10)


class Inbox:
    """What the SMTP server received: (recipients, message) pairs, in order."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@contextmanager
def smtp_inbox(**options) -> Iterator[Inbox]:
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1, keeping what it receives in the
    yielded inbox (``inbox.port``); ``options`` go to aiosmtpd, e.g. an authenticator."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()

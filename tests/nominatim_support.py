"""A fake Nominatim on 127.0.0.1 for geocoding tests: it answers what a test sets, slowly or
byte by byte when asked to, and records every request it gets."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FOUND = [
    {
        "place_id": 1,
        "lat": "51.5136",
        "lon": "7.4653",
        "display_name": "Reinoldikirche, Ostenhellweg, City, Dortmund, 44135, Deutschland",
        "place_rank": 30,
        "category": "amenity",
        "type": "place_of_worship",
        "importance": 0.5,
        "boundingbox": ["51.5131", "51.5141", "7.4647", "7.4659"],
    }
]


class FakeNominatim:
    """What the fake server answers next, and what it was asked."""

    def __init__(self) -> None:
        self.status = 200
        self.body: object = FOUND
        self.sleep = 0.0  # before answering
        self.hold: threading.Event | None = None  # set: answer only once the test sets it
        self.answered = threading.Event()  # a whole answer was sent
        self.trickle = 0.0  # > 0: send the body one byte at a time, this many seconds apart
        self.requests: list[dict] = []
        self.url = ""

    def encoded_body(self) -> bytes:
        return (self.body if isinstance(self.body, str) else json.dumps(self.body)).encode()


def _handler(fake: FakeNominatim) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            fake.requests.append(
                {
                    "path": url.path,
                    "params": parse_qs(url.query),
                    "user_agent": self.headers.get("User-Agent"),
                }
            )
            time.sleep(fake.sleep)
            if fake.hold is not None:
                fake.hold.wait(30)
            body = fake.encoded_body()
            try:
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fake.trickle:
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(fake.trickle)
                else:
                    self.wfile.write(body)
                fake.answered.set()
            except OSError:
                pass  # the client gave up (time-out tests)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def running_fake_nominatim(monkeypatch) -> Iterator[FakeNominatim]:
    """A fake Nominatim serving at ``fake.url`` until the block ends; no proxy in between."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    fake = FakeNominatim()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()

"""A network on one database, run as in production, for the end-to-end tests: the
``refugee-map`` commands that set it up, ``refugee-map serve`` processes on free loopback
ports, and a browser that talks to them over HTTP (cookies kept, CSRF tokens read from the
pages, redirects not followed)."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.message import Message
from http.cookiejar import CookieJar
from pathlib import Path

from admin_support import FAST_HASHING, PASSWORD
from click.testing import CliRunner
from servers import free_port

from refugee_map.cli import main
from refugee_map.config import PROJECT_DIR

START_SECONDS = 60  # a loaded 2-core machine starts a process in a few seconds
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def settings(database: str) -> dict[str, str]:
    """The environment of the network's commands and processes: one database, one signing
    key for every process, cheap password hashing (tests sign in several times)."""
    hashing = {f"REFUGEE_MAP_{key}": str(value) for key, value in FAST_HASHING.items()}
    return {"REFUGEE_MAP_DB": database, "REFUGEE_MAP_SECRET_KEY": "network-test", **hashing}


def command(environment: dict[str, str], *arguments: str, input: str | None = None) -> str:
    """``refugee-map ARGUMENTS`` with ``environment``; its output (it must succeed)."""
    result = CliRunner().invoke(main, list(arguments), env=environment, input=input)
    assert result.exit_code == 0, f"refugee-map {' '.join(arguments)}: {result.output}"
    return result.output


def create_user(environment: dict[str, str], email: str, role: str, *options: str) -> None:
    command(environment, "create-user", email, "--role", role, *options, "--password-stdin",
            input=f"{PASSWORD}\n")  # fmt: skip


@contextmanager
def serving(environment: dict[str, str], count: int, logs: Path) -> Iterator[list[str]]:
    """``count`` ``refugee-map serve`` processes over one database, each on a free port of
    127.0.0.1, started at once; yields their base URLs; stops every one of them."""
    with ExitStack() as running:
        started = [running.enter_context(_process(environment, logs / f"serve-{number}.log"))
                   for number in range(count)]  # fmt: skip
        for base, process, log in started:
            _wait_until_up(base, process, log)
        yield [base for base, _process, _log in started]


@contextmanager
def _process(environment: dict[str, str], log: Path):
    port = free_port()
    own = {key: value for key, value in os.environ.items() if not key.startswith("REFUGEE_MAP")}
    arguments = ["-m", "refugee_map.cli", "serve", "--port", str(port), "--threads", "4"]
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, *arguments], env=own | environment,
                                   cwd=PROJECT_DIR, stdout=output, stderr=output)  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}", process, log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    """Until ``base`` answers ``/healthz`` (at most START_SECONDS); a process that ended
    (its port taken meanwhile, a bad setting) fails the test with its log."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server ended: {log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{base} did not answer in {START_SECONDS} s: {log.read_text()[-2000:]}")


@dataclass
class Answer:
    status: int
    headers: Message  # names in any case, as waitress spells them
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A browser's cookies and requests. The processes share one host (127.0.0.1), so one
    sign-in holds on every process, as behind a reverse proxy."""

    def __init__(self) -> None:
        cookies = urllib.request.HTTPCookieProcessor(CookieJar())
        self._opener = urllib.request.build_opener(cookies, _NoRedirects)
        self.token = ""

    def get(self, url: str, headers: dict[str, str] | None = None) -> Answer:
        return self._send(urllib.request.Request(url, headers=headers or {}))

    def post(self, url: str, form: dict) -> Answer:
        """POST ``form`` with this browser's CSRF token."""
        data = urllib.parse.urlencode(form | {"csrf_token": self.token}, doseq=True).encode()
        return self._send(urllib.request.Request(url, data=data))

    def sign_in(self, admin_url: str, email: str) -> Answer:
        """Sign in at ``admin_url`` (a region's ``…/admin``); the answer to the sign-in."""
        self.token = csrf_token(self.get(f"{admin_url}/login"))
        answer = self.post(f"{admin_url}/login", {"email": email, "password": PASSWORD})
        if answer.status == 302:
            self.token = csrf_token(self.get(f"{admin_url}/account"))
        return answer

    def _send(self, request: urllib.request.Request) -> Answer:
        try:
            with self._opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as answer:
            return Answer(answer.code, answer.headers, answer.read().decode())


def csrf_token(page: Answer) -> str:
    match = _TOKEN.search(page.text)
    assert match, f"no csrf_token on the page ({page.status})"
    return match.group(1)

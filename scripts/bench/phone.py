"""One page load in headless Chromium on Lighthouse's mobile profile, measured over CDP.

The profile: a phone viewport (412 x 823 CSS px, DPR 1.75, touch, a mobile Chrome user
agent), 150 ms round trip, 1.6 Mbit/s down and 750 kbit/s up
(``Network.emulateNetworkConditions``), the CPU slowed down 4 x
(``Emulation.setCPUThrottlingRate``), the HTTP cache off and no service worker: a first
visit. Each load gets a fresh browser context.
"""

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
    "locale": "de-DE",
    "timezone_id": "Europe/Berlin",
    "service_workers": "block",
}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}  # fmt: skip
CPU_SLOWDOWN = 4
# Run in the page before its own scripts: on every frame, until ``shown`` (a JS expression)
# holds, then keep the time since navigation start.
WATCH = """(() => {
  const check = () => {
    if (%s) window.__benchShown = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def measure(browser: Browser, url: str, shown: str, *, throttle: bool, timeout: float) -> dict:
    """Seconds until ``shown`` holds, bytes received, JS heap and element count of one load."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(WATCH % shown)
        cdp = context.new_cdp_session(page)
        traffic = Traffic(cdp)
        emulate(cdp, throttle)
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        seconds = wait_until_shown(page, timeout)
        if traffic.foreign:  # it would fail here (no internet) and be missing from the figures
            raise SystemExit(f"{url} asked for something off this machine: {traffic.foreign[:3]}")
        received, headers = traffic.until(seconds)
        return {"seconds": seconds, "bytes": received, "body_bytes": received - headers,
                "heap": heap_used(cdp), "nodes": page.evaluate(ELEMENTS)}  # fmt: skip
    finally:
        context.close()


def wait_until_shown(page, timeout: float) -> float:
    """Seconds from navigation start until the page was seen showing everything. Asked from
    outside the page: a page's Content-Security-Policy may forbid evaluating strings in it."""
    deadline = time.monotonic() + timeout
    while (shown := page.evaluate("window.__benchShown")) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url} did not show everything within {timeout:.0f} s")
        time.sleep(0.2)
    return shown / 1000


ELEMENTS = "document.querySelectorAll('*').length"  # as Lighthouse's DOM size: elements


class Traffic:
    """What a page received, per request id: bytes in all (headers and encoded body, once
    the load ended), of its headers and when the load ended; and the URLs it asked for off
    127.0.0.1."""

    def __init__(self, cdp) -> None:
        self.received: dict[str, int] = {}
        self.headers: dict[str, int] = {}
        self.ended: dict[str, float] = {}  # browser's monotonic clock, seconds
        self.start: float | None = None  # when the page itself was asked for
        self.foreign: list[str] = []
        cdp.on("Network.requestWillBeSent", self.sent)
        cdp.on("Network.responseReceived", self.responded)
        cdp.on("Network.loadingFinished", self.finished)

    def sent(self, event: dict) -> None:
        if self.start is None:
            self.start = event["timestamp"]
        url = urlsplit(event["request"]["url"])
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            self.foreign.append(url.geturl())

    def responded(self, event: dict) -> None:  # the bytes so far: the response's headers
        self.headers[event["requestId"]] = event["response"]["encodedDataLength"]

    def finished(self, event: dict) -> None:
        self.received[event["requestId"]] = event["encodedDataLength"]
        self.ended[event["requestId"]] = event["timestamp"]

    def until(self, seconds: float) -> tuple[int, int]:
        """Bytes in all and of headers of the responses that had ended ``seconds`` after the
        page was asked for: what came until everything was shown, not what came in the
        moments until the bench noticed (it looks every 0.2 s)."""
        ended = [key for key, at in self.ended.items() if at - (self.start or at) <= seconds]
        return sum(self.received[key] for key in ended), sum(
            self.headers.get(key, 0) for key in ended
        )


def emulate(cdp, throttle: bool) -> None:
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Performance.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def heap_used(cdp) -> int:
    """Bytes of JS heap in use after a garbage collection."""
    cdp.send("HeapProfiler.collectGarbage")
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(int(m["value"]) for m in metrics if m["name"] == "JSHeapUsedSize")

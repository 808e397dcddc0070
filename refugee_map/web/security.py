"""Response headers that keep visitors' browsers from talking to anyone but us.

Scripts only from this server; images from here and the configured tile server; no
referrer leaves the site (an offer's address in a URL says something about a visitor).
Cookies are ``Secure`` whenever the site is served over HTTPS.
"""

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from refugee_map.web import regions


def tile_origin(tile_url: str) -> str:
    """The tile server's origin, '' for tiles from this server. Leaflet's {s} subdomain
    placeholder becomes a wildcard."""
    tiles = urlsplit(tile_url)
    return f"{tiles.scheme}://{tiles.netloc.replace('{s}', '*')}" if tiles.netloc else ""


def tile_preconnect() -> str:
    """The origin a map page opens its connection to early (templates/_leaflet.html): the
    tile server's, unless the tiles are this server's or spread over subdomains."""
    origin = tile_origin(regions.current().tile_url)
    return "" if "*" in origin else origin


def content_security_policy(tile_url: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # Leaflet positions map panes with inline styles.
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: {tile_origin(tile_url)}".strip(),
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def cookie_secure() -> bool:
    """Whether this request's cookies get the ``Secure`` flag: when the public address is
    https, or the request came over HTTPS (as the server or a trusted proxy says)."""
    return bool(current_app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, ``Secure`` per :func:`cookie_secure`."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return cookie_secure()


def init_app(app: Flask) -> None:
    if urlsplit(app.config["PUBLIC_URL"]).scheme == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
    app.session_interface = SessionCookies()
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:  # only then X-Forwarded-For and X-Forwarded-Proto are believed
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.jinja_env.globals["tile_preconnect"] = tile_preconnect

    @app.after_request
    def secure_headers(response: Response) -> Response:
        policy = content_security_policy(regions.current(read=False).tile_url)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: CSRF checks over HTTPS compare the Referer.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=()")
        return response

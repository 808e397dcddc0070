"""Response headers that keep visitors' browsers from talking to anyone but us.

Scripts only from this server; images from here and the configured tile server; no
referrer leaves the site (an offer's address in a URL says something about a visitor).
"""

from urllib.parse import urlsplit

from flask import Flask, Response


def content_security_policy(tile_url: str) -> str:
    tiles = urlsplit(tile_url)
    # Leaflet's {s} subdomain placeholder becomes a wildcard.
    tile_origin = f"{tiles.scheme}://{tiles.netloc.replace('{s}', '*')}" if tiles.netloc else ""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # Leaflet positions map panes with inline styles.
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: {tile_origin}".strip(),
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def init_app(app: Flask) -> None:
    policy = content_security_policy(app.config["TILE_URL"])

    @app.after_request
    def secure_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: CSRF checks over HTTPS compare the Referer.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=()")
        return response

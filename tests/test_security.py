from refugee_map.security import content_security_policy


def test_pages_forbid_scripts_and_requests_to_other_servers(client):
    policy = client.get("/list").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy


def test_no_referrer_leaves_the_site(client):
    headers = client.get("/").headers
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_tile_subdomain_placeholders_become_a_wildcard():
    policy = content_security_policy("https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tiles.example.org" in policy


def test_relative_tile_urls_need_no_extra_origin():
    assert "img-src 'self' data:;" in content_security_policy("/tiles/{z}/{x}/{y}.png")

import gzip


def test_text_answers_are_gzipped_for_clients_that_accept_it(client, make_offer):
    for number in range(10):
        make_offer(title=f"Angebot {number}")
    plain = client.get("/api/offers")
    packed = client.get("/api/offers", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data


def test_static_files_are_gzipped_too(client):
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == client.get("/static/css/app.css").data


def test_small_and_binary_answers_are_sent_as_they_are(client):
    headers = {"Accept-Encoding": "gzip"}
    assert "Content-Encoding" not in client.get("/healthz", headers=headers).headers
    png = client.get("/static/vendor/leaflet-1.9.4/images/layers.png", headers=headers)
    assert "Content-Encoding" not in png.headers

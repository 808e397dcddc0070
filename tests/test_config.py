from refugee_map import create_app


def test_environment_settings_override_the_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("REFUGEE_MAP_DB", str(tmp_path / "x.db"))
    monkeypatch.setenv("REFUGEE_MAP_STALE_DAYS", "30")
    app = create_app()
    assert app.config["DB"] == str(tmp_path / "x.db")
    assert app.config["STALE_DAYS"] == 30


def test_text_settings_stay_text_even_when_they_look_like_numbers(monkeypatch, tmp_path):
    monkeypatch.setenv("REFUGEE_MAP_DB", str(tmp_path / "x.db"))
    monkeypatch.setenv("REFUGEE_MAP_SMTP_PASSWORD", "1e3")
    monkeypatch.setenv("REFUGEE_MAP_SECRET_KEY", "123456")
    monkeypatch.setenv("REFUGEE_MAP_AGENCY_NAME", "true")
    app = create_app()
    assert app.config["SMTP_PASSWORD"] == "1e3"
    assert app.config["SECRET_KEY"] == "123456"
    assert app.config["AGENCY_NAME"] == "true"


def test_a_secret_key_is_made_once_and_kept_beside_the_database(tmp_path):
    first = create_app({"DB": str(tmp_path / "x.db")}).config["SECRET_KEY"]
    again = create_app({"DB": str(tmp_path / "x.db")}).config["SECRET_KEY"]
    assert first == again and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0

"""Docs as tests: a command, setting or public route missing from the README fails."""

from pathlib import Path

import pytest

from refugee_map.cli import main
from refugee_map.config import DEFAULTS, PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
INTERNAL_SETTINGS = {"BABEL_DEFAULT_LOCALE", "BABEL_DEFAULT_TIMEZONE", "MAX_CONTENT_LENGTH",
                     "SESSION_COOKIE_SAMESITE"}  # fmt: skip


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command):
    assert f"refugee-map {command}" in README


@pytest.mark.parametrize("setting", sorted(set(DEFAULTS) - INTERNAL_SETTINGS))
def test_every_setting_is_documented(setting):
    assert f"REFUGEE_MAP_{setting}" in README


def test_every_public_route_is_documented(app):
    for rule in app.url_map.iter_rules():
        path = rule.rule.replace("<int:offer_id>", "<id>")
        if path.startswith(("/admin", "/static")):
            continue
        assert f"`{path}`" in README or f" {path}`" in README, f"{path} is not in README.md"


def test_the_two_commands_are_the_quick_start():
    assert "scripts/run" in README and "scripts/test" in README
    assert Path(PROJECT_DIR / "scripts" / "run").stat().st_mode & 0o111

import io
import logging
import re
from pathlib import Path

import pytest

from bot.logs import configure_logging
from runtime.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_environment(monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("SAMVAD_"):
            monkeypatch.delenv(name)
    settings = Settings(_env_file=None)
    assert settings.bot_token is None
    assert settings.db_path == Path("samvad.db")
    assert settings.timezone == "Asia/Kolkata"


def test_an_invalid_value_names_the_environment_variable(monkeypatch):
    monkeypatch.setenv("SAMVAD_TIMEZONE", "Mars/Olympus")
    monkeypatch.setenv("SAMVAD_POLL_TIMEOUT", "soon")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert "SAMVAD_TIMEZONE: unknown time zone 'Mars/Olympus'" in message
    assert "SAMVAD_POLL_TIMEOUT" in message


def test_the_token_never_appears_in_the_settings_repr(monkeypatch):
    monkeypatch.setenv("SAMVAD_BOT_TOKEN", "123456:SECRET-token-value-abcdefghijklmnop")  # BotFather's shape
    settings = load_settings(_env_file=None)
    assert "SECRET-token-value" not in repr(settings)
    assert "SECRET-token-value" not in str(settings.model_dump())


def test_the_test_environment_uses_telegrams_test_path():
    settings = Settings(_env_file=None, use_test_environment=True)
    assert settings.bot_api_base_url == "https://api.telegram.org/bot{token}/test"


def test_log_lines_never_contain_the_token():
    stream = io.StringIO()
    configure_logging("INFO", secrets=["123456:SECRET-token-value"], stream=stream)
    try:
        logging.getLogger("runtime.delivery").info("POST https://api.telegram.org/bot123456:SECRET-token-value/getMe")
        try:
            raise RuntimeError("failed at /bot123456:SECRET-token-value/sendMessage")
        except RuntimeError:
            logging.getLogger("runtime.delivery").exception("delivery failed")
    finally:
        logging.getLogger().handlers.clear()
    output = stream.getvalue()
    assert "SECRET-token-value" not in output
    assert output.count("[REDACTED]") == 3


def test_env_example_lists_every_setting():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*(SAMVAD_[A-Z_]+)=", example, flags=re.MULTILINE))
    expected = {f"SAMVAD_{name.upper()}" for name in Settings.model_fields}
    assert listed == expected


def test_webhook_mode_needs_a_secret_and_an_https_url():
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, webhook_url="http://plain.example/hook")
    assert "SAMVAD_WEBHOOK_URL: must be an https:// URL" in str(caught.value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, webhook_url="https://samvad.example/hook")
    assert "SAMVAD_WEBHOOK_SECRET must be set" in str(caught.value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, webhook_url="https://samvad.example/hook", webhook_secret="has spaces")
    assert "SAMVAD_WEBHOOK_SECRET: must be 1-256 characters" in str(caught.value)


def test_readme_settings_table_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(SAMVAD_[A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert listed == {f"SAMVAD_{name.upper()}" for name in Settings.model_fields}


def test_below_warning_only_samvads_own_loggers_write_whatever_the_level():
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    try:
        logging.getLogger("aiosqlite").debug("executing INSERT ... ('Aadhaar 2345 6789 0124',)")
        logging.getLogger("telegram.ext.Application").debug("Processing update {'text': 'draft words'}")
        logging.getLogger("some.new.library").info("body: PAN AFZPK7190K")
        logging.getLogger("telegram.ext.Updater").warning("network trouble, retrying")
        logging.getLogger("runtime.delivery").debug("own detail line")
        configure_logging("ERROR", stream=stream)
        logging.getLogger("telegram.ext.Updater").warning("a warning below the chosen level")
        logging.getLogger("runtime.delivery").warning("own warning below the chosen level")
    finally:
        logging.getLogger().handlers.clear()
    lines = stream.getvalue().splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "WARNING telegram.ext.Updater: network trouble, retrying",
        "DEBUG runtime.delivery: own detail line",
    ]

"""Every setting Samvad reads, in one place: SAMVAD_* environment variables and .env.

Nothing else in the project reads the environment.
"""

from __future__ import annotations

import re
import socket
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS

ENV_PREFIX = "SAMVAD_"
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# A bot token: the bot's numeric id, a colon, and the secret part. BotFather's secrets are 35 characters
# (Telegram's own documentation shows a 34-character example, so a little slack either way); other Bot API
# servers (a local test server, the sandbox) are allowed any length of the same alphabet.
_BOT_TOKEN = re.compile(r"([0-9]{1,20}):([A-Za-z0-9_-]+)")
TELEGRAM_API_HOST = "api.telegram.org"
BOTFATHER_SECRET_LENGTHS = range(30, 46)


class Settings(BaseSettings):
    """Samvad's configuration."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
    )

    bot_token: SecretStr | None = Field(
        default=None,
        description="Bot token from BotFather. Without it (no line; an empty value is an error),"
        " `samvad run` starts the offline sandbox.",
    )
    api_base_url: str = Field(
        default="https://api.telegram.org",
        description="Bot API server root (no /bot suffix). Point it at a local Bot API server if you run one.",
    )
    use_test_environment: bool = Field(
        default=False,
        description="Use Telegram's separate test environment (the /test/ API path); needs a test-environment token.",
    )
    db_path: Path = Field(default=Path("samvad.db"), description="SQLite database file.")
    database_url: SecretStr | None = Field(
        default=None,
        description="A postgresql:// URL: keep the record on a PostgreSQL server instead of the SQLite file"
        " (DB_PATH is then unused for the record). Unset: SQLite, as before.",
    )
    timezone: str = Field(default="Asia/Kolkata", description="Time zone for due times, reports and display.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO", description="Logging level.")
    db_busy_timeout_ms: int = Field(
        default=5000, ge=0, description="How long a write waits for another process's lock before giving up (ms)."
    )
    request_timeout: float = Field(
        default=10.0, gt=0, description="Seconds to wait for the Bot API to answer a call before retrying it."
    )
    messages_per_second: float = Field(
        default=30.0, gt=0, description="Bot API calls per second the bot allows itself (Telegram's limit is about 30)."
    )
    group_messages_per_minute: float = Field(
        default=20.0, gt=0, description="Messages per minute the bot sends to one group (Telegram's limit is 20).",
    )
    shared_rate_limits: bool = Field(
        default=True, description="Keep the sending limits in the database, so that several instances on one"
        " database together stay within the bot's limits (false: each instance counts only its own calls)."
        " Only where the database is shared (SHARED_DATABASE, or DATABASE_URL): a run alone counts in memory.",
    )
    claim_seconds: float = Field(
        default=60.0, gt=0, description="How long an instance's claim on a chat's deliveries, a due task or a"
        " periodic job lasts unless renewed: after an instance dies, another takes its work over within this.",
    )
    poll_timeout: int = Field(default=30, ge=0, le=50, description="Long-polling timeout in seconds.")
    uvloop: bool = Field(
        default=True, description="Run `samvad run` on uvloop's event loop where it is installed (about 5% more"
        " messages per second); false: asyncio's own loop.",
    )
    bot_api_transport: Literal["aiohttp", "httpx"] = Field(
        default="aiohttp", description="HTTP library of the Bot API calls: aiohttp (lighter: bot/aiohttp_request.py)"
        " or httpx (python-telegram-bot's own transport). A proxy comes from HTTPS_PROXY / HTTP_PROXY either way.",
    )
    storage_retry_window: float = Field(
        default=300.0,
        gt=0,
        description="Seconds to hold received updates in memory while the database cannot be written,"
        " before letting Telegram deliver them again.",
    )
    shared_database: bool = Field(
        default=False,
        description="Several Samvad instances run on this database: one polls at a time (a lease), any handles"
        " updates (a claim per chat). false: this run is the only one (a lock file beside the SQLite file says so)."
        " Always on with DATABASE_URL (PostgreSQL is shared by design).",
    )
    instance_id: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$",
        description="This instance's name among those sharing the database (default: the host name); each"
        " running instance needs its own. `samvad health` reports the role of the instance of this name.",
    )
    lease_seconds: float = Field(
        default=6.0,
        ge=1.0,
        le=300.0,
        description="With a shared database: seconds a lease (the poller's) or a chat's claim lasts unless its"
        " holder renews it; a standby takes over within this of the poller's death.",
    )
    warning_interval_seconds: float = Field(
        default=60.0, gt=0, description="At most one warning per member per group in this many seconds;"
        " findings in between are combined into the next warning.",
    )
    escalation_threshold: int = Field(
        default=3, ge=1, description="Confirmed flags of one member in one group, within the escalation window, at"
        " which the group's admin posts get the member's history.",
    )
    escalation_window_days: int = Field(default=30, ge=1, description="Days over which confirmed flags are counted.")
    webhook_url: str | None = Field(
        default=None,
        description="Public HTTPS URL Telegram posts updates to (behind your HTTPS proxy). When set, the bot"
        " runs in webhook mode instead of long polling.",
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with every webhook call"
        " (1-256 of A-Z a-z 0-9 _ -). Required in webhook mode.",
    )
    webhook_listen: str = Field(default="0.0.0.0", description="Address the webhook server listens on.")
    webhook_port: int = Field(default=8443, ge=1, le=65535, description="Port the webhook server listens on.")
    sandbox_host: str = Field(default="127.0.0.1", description="Address the sandbox server listens on.")
    sandbox_port: int = Field(default=8081, ge=0, le=65535, description="Port of the sandbox server (0: any free port).")
    sandbox_control_token: SecretStr | None = Field(
        default=None,
        description="Token the sandbox's control API and console ask for when SANDBOX_HOST is not loopback"
        " (default: a new random one each start, printed once in the console's address).",
    )
    official_email_domains: Annotated[tuple[str, ...], NoDecode] = Field(
        default=OFFICIAL_EMAIL_DOMAINS,
        description="Comma-separated e-mail domains a roster post's e-mail must be on (subdomains allowed; circular §1).",
    )
    join_request_hold_hours: float = Field(
        default=24.0,
        gt=0,
        description="Hours a join request from an unverified person is held before it is declined.",
    )
    verification_grace_hours: float = Field(
        default=24.0,
        gt=0,
        description="Hours an unverified member added directly may stay (restricted) before being removed.",
    )
    signing_key_path: Path | None = Field(
        default=None,
        description="Ed25519 key that signs checkpoints of the record; made at first start, mode 0600."
        " Its public half is written beside it (.pub). Default: beside the database, DB_PATH.signing-key.",
    )
    checkpoint_every_entries: int = Field(
        default=1000, ge=1, description="Sign a checkpoint after this many new journal entries (or every hour)."
    )
    checkpoint_every_minutes: int = Field(
        default=60, ge=1, description="Sign a checkpoint at least this often while entries are added."
    )
    records_chat_id: int | None = Field(
        default=None, description="Chat where each signed checkpoint is also posted (none by default)."
    )
    reminder_lead_minutes: int = Field(
        default=60, ge=1, description="Remind a group of unacknowledged instructions this long before they are due."
    )
    office_hours: str = Field(default="10:00-18:00", description="Office hours for /usage (§10), HH:MM-HH:MM.")
    office_days: str = Field(default="Mon-Sat", description="Office days for /usage, e.g. Mon-Sat or Mon,Tue,Wed.")
    export_dir: Path = Field(
        default=Path("exports"), description="Folder for export files while they are sent (deleted once delivered)."
    )
    keep_attachments: bool = Field(
        default=True, description="Keep the documents and photos posted in bound groups in the record directory."
    )
    attachments_dir: Path | None = Field(
        default=None, description="Record directory for kept attachments (default: beside the database, .attachments)."
    )
    attachment_workers: int = Field(
        default=1, ge=1, le=8, description="Worker processes reading attachments (OCR) at once."
    )
    attachment_max_pages: int = Field(default=50, ge=1, description="Pages read of one document; the rest is unread.")
    attachment_max_seconds: float = Field(default=60.0, gt=0, description="Seconds spent reading one file at most.")

    @field_validator("timezone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Kolkata)") from error
        return value

    @field_validator("official_email_domains", mode="before")
    @classmethod
    def _domain_list(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            domains = tuple(str(item).strip().lower().lstrip("@").strip(".") for item in value)
            domains = tuple(domain for domain in domains if domain)
            if not domains:
                raise ValueError("give at least one domain, e.g. gujarat.gov.in,nic.in")
            bad = [domain for domain in domains if " " in domain or "." not in domain]
            if bad:
                raise ValueError(f"not a domain: {', '.join(bad)}")
            return domains
        return value

    @field_validator("office_hours")
    @classmethod
    def _office_hours(cls, value: str) -> str:
        parse_office_hours(value)
        return value

    @field_validator("office_days")
    @classmethod
    def _office_days(cls, value: str) -> str:
        parse_office_days(value)
        return value

    @field_validator("api_base_url")
    @classmethod
    def _plain_http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _postgresql_url(cls, value: SecretStr | None) -> SecretStr | None:
        # Never echo the value: it may hold the database password.
        if value is not None and not value.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL (e.g. postgresql://samvad:PASSWORD@db-host:5432/samvad)")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_webhook(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("must be an https:// URL (Telegram only posts to HTTPS)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _token_shaped_like_a_token(self) -> Settings:
        # Never echo the value: the message names the variable and the expected shape only.
        if self.bot_token is None:
            return self
        problem = bot_token_problem(self.bot_token.get_secret_value(), api_base_url=self.api_base_url)
        if problem is not None:
            raise ValueError(f"{ENV_PREFIX}BOT_TOKEN {problem}")
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError("SAMVAD_WEBHOOK_SECRET must be set when SAMVAD_WEBHOOK_URL is")
        return self

    @property
    def shares_database(self) -> bool:
        """Whether other instances may run on this database: SAMVAD_SHARED_DATABASE, or always on PostgreSQL
        (a server is there to be shared, and a lock file on one machine cannot keep a second instance out)."""
        return self.shared_database or self.database_url is not None

    @property
    def instance_name(self) -> str:
        """This instance's id: the setting, or the host name."""
        return self.instance_id or socket.gethostname() or "samvad"

    @property
    def webhook_path(self) -> str:
        """The path of the webhook URL, which the webhook server listens on."""
        path = urlsplit(self.webhook_url or "").path
        return path if path and path != "/" else "/telegram"

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    @property
    def join_request_hold(self) -> timedelta:
        """How long an unverified person's join request is held."""
        return timedelta(hours=self.join_request_hold_hours)

    @property
    def verification_grace(self) -> timedelta:
        """How long an unverified member added directly stays before removal."""
        return timedelta(hours=self.verification_grace_hours)

    @property
    def database(self) -> Path | str:
        """What storage.backend.open_database opens: the PostgreSQL URL when set, else the SQLite file."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.db_path

    @property
    def signing_key_file(self) -> Path:
        """Where the checkpoint signing key lives."""
        return self.signing_key_path or self.db_path.with_name(self.db_path.name + ".signing-key")

    @property
    def attachments_folder(self) -> Path:
        """Where kept attachments live."""
        return self.attachments_dir or self.db_path.with_name(self.db_path.name + ".attachments")

    @property
    def bot_api_base_url(self) -> str:
        """The base URL python-telegram-bot appends the token to."""
        if self.use_test_environment:
            return f"{self.api_base_url}/bot{{token}}/test"
        return f"{self.api_base_url}/bot"

    @property
    def bot_file_base_url(self) -> str:
        """The base URL for downloading files."""
        if self.use_test_environment:
            return f"{self.api_base_url}/file/bot{{token}}/test"
        return f"{self.api_base_url}/file/bot"


def bot_token_problem(token: str, *, api_base_url: str) -> str | None:
    """What is wrong with a bot token's shape (never quoting it), or None if it looks like one."""
    expected = "digits, a colon and the secret part, as BotFather gives it (123456789:AA...)"
    if token == "":
        return "is set but empty: give the bot's token, or remove the line to run the offline sandbox"
    if token != token.strip() or token[:1] in "'\"":
        return f"has spaces or quotes around it: give only {expected}"
    match = _BOT_TOKEN.fullmatch(token)
    if match is None:
        return f"is not a bot token: expected {expected}"
    telegram = urlsplit(api_base_url).hostname == TELEGRAM_API_HOST
    if telegram and len(match[2]) not in BOTFATHER_SECRET_LENGTHS:
        return (f"is not a whole bot token: its secret part has {len(match[2])} characters where BotFather's"
                " have 35 (was it cut short when copied?)")
    return None


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_office_hours(value: str) -> tuple[time, time]:
    """("10:00", "18:00") from "10:00-18:00"."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", value)
    try:
        start, end = time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))
    except (TypeError, ValueError):
        raise ValueError("write office hours as HH:MM-HH:MM, e.g. 10:00-18:00") from None
    if end <= start:
        raise ValueError("office hours must end after they start")
    return start, end


def parse_office_days(value: str) -> frozenset[int]:
    """Weekday numbers (Monday 0) from "Mon-Sat" or "Mon,Tue,Wed"."""
    days: set[int] = set()
    for part in value.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first[:3] not in _DAYS or (last and last[:3] not in _DAYS):
            raise ValueError("write office days as Mon-Sat or Mon,Tue,Wed")
        a, b = _DAYS.index(first[:3]), _DAYS.index((last or first)[:3])
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


class SettingsError(Exception):
    """Settings that cannot start Samvad, explained per environment variable."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one message naming each variable."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None


def describe_validation_error(error: ValidationError) -> str:
    """One line per bad setting, named as the environment variable a person would set."""
    lines = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        if problem["loc"]:
            lines.append(f"{ENV_PREFIX}{str(problem['loc'][0]).upper()}: {message}")
        else:
            lines.append(message)
    return "invalid settings:\n  " + "\n  ".join(lines)

"""compose.yaml checked against the project, since no Docker engine runs here.

Each check lists what is wrong; the tests run them on the real file (nothing wrong) and on a broken
copy (each problem named), as tests/test_dockerfile.py does for the Dockerfile.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bot.cli import build_parser
from runtime.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_IMAGE = "postgres:15"


def load(text: str) -> dict[str, Any]:
    """The compose file as Docker Compose reads it (anchors and `<<` merges resolved by YAML itself)."""
    return yaml.safe_load(text)


def samvad_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services that run Samvad (built from this repository)."""
    return {name: service for name, service in compose.get("services", {}).items() if service.get("build") == "."}


def check_instances(compose: dict[str, Any]) -> list[str]:
    """Two Samvad instances and a PostgreSQL 15 they wait for."""
    problems = []
    instances = samvad_services(compose)
    if len(instances) < 2:
        problems.append(f"{len(instances)} Samvad instance(s), not two")
    databases = [name for name, service in compose.get("services", {}).items()
                 if service.get("image") == POSTGRES_IMAGE]
    if not databases:
        problems.append(f"no {POSTGRES_IMAGE} service")
    for name, service in instances.items():
        waits = service.get("depends_on", {})
        if not any(waits.get(db, {}).get("condition") == "service_healthy" for db in databases):
            problems.append(f"{name} does not wait for the database to be healthy")
    return problems


def check_settings(compose: dict[str, Any]) -> list[str]:
    """Every SAMVAD_* variable is a real setting; the instances share one database, key and export folder."""
    fields = set(Settings.model_fields)
    problems = []
    databases = {name for name, service in compose.get("services", {}).items()
                 if service.get("image") == POSTGRES_IMAGE}
    for name, service in samvad_services(compose).items():
        env = service.get("environment", {})
        problems += [
            f"{name}: {key} is not a setting (runtime/settings.py)"
            for key in env
            if key.startswith(ENV_PREFIX) and key.removeprefix(ENV_PREFIX).lower() not in fields
        ]
        url = urlsplit(re.sub(r"\$\{[^}]*\}", "secret", env.get("SAMVAD_DATABASE_URL", "")))
        if url.scheme != "postgresql" or url.hostname not in databases:
            problems.append(f"{name}: SAMVAD_DATABASE_URL does not point at the PostgreSQL service")
        mounts = {mount.split(":")[1]: mount.split(":")[0] for mount in service.get("volumes", [])}
        for key in ("SAMVAD_SIGNING_KEY_PATH", "SAMVAD_EXPORT_DIR"):
            folder = next((target for target in mounts if env.get(key, "").startswith(target + "/")), None)
            if folder is None:
                problems.append(f"{name}: {key} is not on a volume")
    shared = [frozenset(service.get("volumes", [])) for service in samvad_services(compose).values()]
    if len(set(shared)) > 1:
        problems.append("the instances do not share their volumes (one signing key, exports either may send)")
    return problems


def check_health(compose: dict[str, Any]) -> list[str]:
    """Each instance's health check is `samvad health`, a command the CLI has; the database has one too."""
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    problems = []
    for name, service in compose.get("services", {}).items():
        test = service.get("healthcheck", {}).get("test", [])
        if not test:
            problems.append(f"{name} has no health check")
        elif name in samvad_services(compose):
            if test[:2] != ["CMD", "samvad"] or len(test) < 3 or test[2] not in commands:
                problems.append(f"{name}: the health check is not a samvad command: {test}")
    return problems


def check_volumes(compose: dict[str, Any]) -> list[str]:
    """Every named volume a service mounts is declared (so it outlives the containers)."""
    declared = set(compose.get("volumes") or {})
    problems = []
    for name, service in compose.get("services", {}).items():
        for mount in service.get("volumes", []):
            source = mount.split(":")[0]
            if not source.startswith((".", "/")) and source not in declared:
                problems.append(f"{name} mounts {source}, which is not declared under volumes")
    return problems


def check_no_secrets(text: str) -> list[str]:
    """The token and the database password come from .env, never from the file itself."""
    problems = []
    if re.search(r"^\s*SAMVAD_BOT_TOKEN:\s*['\"]?\d+:", text, re.M):
        problems.append("a bot token is written in the file")
    if any(not value.startswith("${") for value in re.findall(r"^\s*POSTGRES_PASSWORD:\s*(\S.*)$", text, re.M)):
        problems.append("a database password is written in the file")
    return problems


CHECKS = (check_instances, check_settings, check_health, check_volumes)


def _real_text() -> str:
    return (ROOT / "compose.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_the_compose_file_passes(check):
    assert check(load(_real_text())) == []


def test_the_compose_file_keeps_no_secret():
    assert check_no_secrets(_real_text()) == []


def test_the_checks_name_each_problem_of_a_broken_compose_file():
    broken = copy.deepcopy(load(_real_text()))
    second = broken["services"]["samvad-2"]  # its parts are the first's (one YAML anchor): replaced, not edited
    second["environment"] = {**second["environment"], "SAMVAD_CLAIM_SECOND": "60",  # misspelt
                              "SAMVAD_DATABASE_URL": "postgresql://samvad@localhost/samvad"}
    second["healthcheck"] = {**second["healthcheck"], "test": ["CMD", "samvad", "healthy"]}
    second["volumes"] = ["samvad-files:/data"]
    del broken["services"]["postgres"]["healthcheck"]

    assert check_settings(broken) == [
        "samvad-2: SAMVAD_CLAIM_SECOND is not a setting (runtime/settings.py)",
        "samvad-2: SAMVAD_DATABASE_URL does not point at the PostgreSQL service",
        "the instances do not share their volumes (one signing key, exports either may send)",
    ]
    assert check_health(broken) == [
        "postgres has no health check",
        "samvad-2: the health check is not a samvad command: ['CMD', 'samvad', 'healthy']",
    ]
    assert check_volumes(broken) == ["samvad-2 mounts samvad-files, which is not declared under volumes"]
    del broken["services"]["samvad-2"]
    assert check_instances(broken) == ["1 Samvad instance(s), not two"]
    assert check_no_secrets("    SAMVAD_BOT_TOKEN: 123456789:AAH\n    POSTGRES_PASSWORD: hunter2\n") == [
        "a bot token is written in the file", "a database password is written in the file",
    ]


def test_the_readme_shows_how_to_run_several_instances():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run several instances", 1)[1].split("\n## ", 1)[0]
    for needed in ("docker compose up", "pg_dump", "upstream", "SAMVAD_DATABASE_URL", "SAMVAD_CLAIM_SECONDS",
                   "SAMVAD_WEBHOOK_SECRET"):
        assert needed in section, f"the section lacks {needed}"
    upstream = re.search(r"upstream \w+ \{(.*?)\}", section, re.S)
    assert upstream is not None
    instances = set(samvad_services(load(_real_text())))
    assert {server for server in instances if f"server {server}:" in upstream.group(1)} == instances

"""Every file Samvad writes is ignored by git: after a demo or a run, `git status` offers nothing private.

The names come from the settings' defaults (the database, the signing key beside it, the
export folder), the sandbox's database, the container's paths and the export names, never
from a list kept beside the .gitignore.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox_mode import SANDBOX_DB
from runtime.settings import ENV_PREFIX, Settings
from runtime.signing import public_key_path
from storage import exports

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _written_files(settings: Settings) -> list[Path]:
    """Paths (relative to where Samvad runs) of every kind of file it writes with its default settings."""
    files: list[Path] = []
    for db_path in (settings.db_path, SANDBOX_DB):
        files += [Path(f"{db_path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", ".lock")]
        key = settings.model_copy(update={"db_path": db_path}).signing_key_file
        files += [key, public_key_path(key)]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for name in ("DB_PATH", "SIGNING_KEY_PATH"):
        container_path = Path(re.search(rf"SAMVAD_{name}=(\S+)", dockerfile).group(1))
        files.append(Path(container_path.name))
    files.append(public_key_path(files[-1]))
    day = datetime(2025, 6, 1, tzinfo=UTC)
    for fmt in exports.FORMATS:
        request = exports.ExportRequest((-1001,), day, day, fmt)
        name = exports.file_name("District Kutch – Revenue & Disaster", request, ZoneInfo("Asia/Kolkata"))
        files += [Path(name), settings.export_dir / f"0a1b2c3d-{name}"]  # `samvad export`'s default; the bot's
    files += [Path("samvad.log"), Path("sandbox.log")]
    digest = "ab" * 32  # a kept attachment, named by its SHA-256 in the record directory
    for db_path in (settings.db_path, SANDBOX_DB):
        folder = settings.model_copy(update={"db_path": db_path}).attachments_folder
        files += [folder / digest[:2] / digest, folder / digest[:2] / f"{digest}.part"]
    return files


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def test_every_file_samvad_writes_by_default_is_ignored(tmp_path, monkeypatch):
    for name in [n for n in __import__("os").environ if n.startswith(ENV_PREFIX)]:
        monkeypatch.delenv(name)
    settings = Settings(_env_file=None)
    assert settings.signing_key_file.name == "samvad.db.signing-key"  # the name the old .gitignore missed
    _git(tmp_path, "init", "-q")
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    written = _written_files(settings)
    for relative in written:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("private")
    not_ignored = [str(p) for p in written if _git(tmp_path, "check-ignore", "-q", str(p)).returncode != 0]
    assert not_ignored == []
    assert _git(tmp_path, "status", "--porcelain", "--untracked-files=all").stdout.splitlines() == ["?? .gitignore"]


def test_the_ignore_patterns_hide_no_file_of_the_repository():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    hidden = _git(ROOT, "ls-files", "--cached", "--ignored", "--exclude-standard").stdout.splitlines()
    assert hidden == []

"""The Dockerfile checked against the project, since no Docker engine runs here.

Each check is a function that lists what is wrong; the tests run them on the real
Dockerfile (nothing wrong) and on a broken one (each problem named).
"""

from __future__ import annotations

import glob
import json
import re
import shlex
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from bot.cli import build_parser
from runtime.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parents[1]
VOLUME = "/data"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    line: int


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order, with continuation lines joined and comments dropped."""
    instructions: list[Instruction] = []
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, arguments = whole.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
    return instructions


def exec_form(arguments: str) -> list[str]:
    """A JSON array argument (["samvad", "run"]), or the words of a shell-form one."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return shlex.split(arguments)


def environment(instructions: list[Instruction]) -> dict[str, str]:
    """Every ENV, in both forms (KEY=value ..., and the old KEY value)."""
    values: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword != "ENV":
            continue
        words = shlex.split(instruction.arguments)
        if words and "=" not in words[0]:
            values[words[0]] = " ".join(words[1:])
        else:
            values.update(word.split("=", 1) for word in words)
    return values


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore keeps `path` out of the build context (a parent matching counts)."""
    parts = PurePosixPath(path).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _dockerignore_regex(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = not negated
    return ignored


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def read_dockerignore(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# -- the checks -------------------------------------------------------------------------------------


def check_base_image(instructions: list[Instruction]) -> list[str]:
    """One stage, from a slim official Python 3.11 or later."""
    bases = [i.arguments.split()[0] for i in instructions if i.keyword == "FROM"]
    if len(bases) != 1:
        return [f"expected one FROM, found {len(bases)}"]
    found = re.fullmatch(r"python:3\.(\d+)(?:\.\d+)?-slim(?:-\w+)?", bases[0])
    if not found:
        return [f"base image {bases[0]} is not a slim official python image"]
    return [] if int(found.group(1)) >= 11 else [f"base image {bases[0]} is older than Python 3.11"]


def check_copies(instructions: list[Instruction], root: Path, ignore_patterns: list[str]) -> list[str]:
    """Every COPY source exists in the repository and is not kept out of the context by .dockerignore."""
    problems = []
    for instruction in instructions:
        if instruction.keyword not in ("COPY", "ADD"):
            continue
        words = [w for w in exec_form(instruction.arguments) if not w.startswith("--")]
        for source in words[:-1]:
            if not (root / source).exists():
                problems.append(f"line {instruction.line}: COPY source {source} does not exist")
            elif dockerignored(source, ignore_patterns):
                problems.append(f"line {instruction.line}: COPY source {source} is excluded by .dockerignore")
    return problems


def check_package_is_installed(instructions: list[Instruction], root: Path) -> list[str]:
    """pip installs the copied project, and everything the package build needs was copied first."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {"pyproject.toml", pyproject["project"]["readme"]}
    for pattern in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]:
        needed |= {path.name for path in root.glob(pattern.removesuffix("*") + "*") if (path / "__init__.py").exists()}
    copied: set[str] = set()
    problems = []
    for instruction in instructions:
        if instruction.keyword == "COPY":
            words = [w for w in exec_form(instruction.arguments) if not w.startswith("--")]
            copied |= {PurePosixPath(source).parts[0] for source in words[:-1]}
        if instruction.keyword == "RUN" and re.search(r"pip install (?:--no-cache-dir )?\.(?:\s|$)", instruction.arguments):
            problems += [f"{name} is not copied before pip install" for name in sorted(needed - copied)]
            return problems
    return problems + ["no RUN pip install . (the package is not installed from the repository)"]


def check_user(instructions: list[Instruction]) -> list[str]:
    """The command runs as a user of its own, never root."""
    users = [i.arguments.split(":")[0] for i in instructions if i.keyword == "USER"]
    if not users:
        return ["no USER: the bot would run as root"]
    if users[-1] in ("root", "0"):
        return [f"USER {users[-1]} is root"]
    made = any(i.keyword == "RUN" and re.search(rf"useradd\b.*\b{re.escape(users[-1])}\b", i.arguments) for i in instructions)
    return [] if made else [f"user {users[-1]} is never created"]


def check_commands(instructions: list[Instruction]) -> list[str]:
    """CMD and HEALTHCHECK run real `samvad` subcommands: run, and health."""
    subcommands = set(next(a for a in build_parser()._actions if a.dest == "command").choices)
    problems = []
    cmds = [exec_form(i.arguments) for i in instructions if i.keyword == "CMD"]
    checks = [i.arguments for i in instructions if i.keyword == "HEALTHCHECK"]
    if cmds[-1:] != [["samvad", "run"]]:
        problems.append(f"CMD should be samvad run, not {cmds[-1:] or 'missing'}")
    if not checks:
        problems.append("no HEALTHCHECK")
    for arguments in checks:
        found = re.search(r"(?:^|\s)CMD\s+(.+)$", arguments)
        command = exec_form(found.group(1)) if found else []
        if command[:1] != ["samvad"] or len(command) < 2 or command[1] not in subcommands:
            problems.append(f"HEALTHCHECK runs {command}, which is not a samvad subcommand")
    for command in cmds:
        if command[:1] == ["samvad"] and command[1:2] and command[1] not in subcommands:
            problems.append(f"CMD runs samvad {command[1]}, which is not a subcommand")
    return problems


def check_settings(instructions: list[Instruction]) -> list[str]:
    """Every SAMVAD_* variable is a real setting; the database, key and exports are on the volume."""
    fields = set(Settings.model_fields)
    env = environment(instructions)
    problems = [
        f"ENV {name} is not a setting (runtime/settings.py)"
        for name in env
        if name.startswith(ENV_PREFIX) and name.removeprefix(ENV_PREFIX).lower() not in fields
    ]
    volumes = [v for i in instructions if i.keyword == "VOLUME" for v in exec_form(i.arguments)]
    if VOLUME not in volumes:
        problems.append(f"no VOLUME {VOLUME}")
    for name in ("SAMVAD_DB_PATH", "SAMVAD_SIGNING_KEY_PATH", "SAMVAD_EXPORT_DIR"):
        if not env.get(name, "").startswith(VOLUME + "/"):
            problems.append(f"{name} is not on the {VOLUME} volume")
    return problems


def check_webhook_port(instructions: list[Instruction]) -> list[str]:
    """The webhook server's default port is exposed."""
    exposed = {int(port.split("/")[0]) for i in instructions if i.keyword == "EXPOSE" for port in i.arguments.split()}
    default = Settings.model_fields["webhook_port"].default
    return [] if default in exposed else [f"the webhook port {default} is not exposed"]


ALL_CHECKS = (check_base_image, check_user, check_commands, check_settings, check_webhook_port)


def _real() -> tuple[list[Instruction], list[str]]:
    instructions = parse_dockerfile((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    return instructions, read_dockerignore((ROOT / ".dockerignore").read_text(encoding="utf-8"))


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda check: check.__name__)
def test_the_dockerfile_passes(check):
    instructions, _ = _real()
    assert check(instructions) == []


def test_every_copied_file_exists_and_reaches_the_build():
    instructions, ignore = _real()
    assert check_copies(instructions, ROOT, ignore) == []


def test_the_package_is_installed_from_the_repository_with_all_it_needs():
    instructions, _ = _real()
    assert check_package_is_installed(instructions, ROOT) == []


BROKEN = """
FROM python:3.10-slim
COPY pyproject.toml ./
COPY no-such-folder ./x
COPY .venv ./venv
RUN pip install --no-cache-dir .
ENV SAMVAD_DB_PATH=/var/samvad.db SAMVAD_NO_SUCH_SETTING=1
USER root
EXPOSE 8080
HEALTHCHECK CMD samvad healthy
CMD ["samvad", "start"]
"""


def test_the_checks_name_each_problem_of_a_broken_dockerfile():
    instructions = parse_dockerfile(BROKEN)
    problems = [problem for check in ALL_CHECKS for problem in check(instructions)]
    problems += check_copies(instructions, ROOT, [".venv"])
    problems += check_package_is_installed(instructions, ROOT)
    assert "base image python:3.10-slim is older than Python 3.11" in problems
    assert "USER root is root" in problems
    assert "CMD should be samvad run, not [['samvad', 'start']]" in problems
    assert "HEALTHCHECK runs ['samvad', 'healthy'], which is not a samvad subcommand" in problems
    assert "ENV SAMVAD_NO_SUCH_SETTING is not a setting (runtime/settings.py)" in problems
    assert "no VOLUME /data" in problems and "SAMVAD_DB_PATH is not on the /data volume" in problems
    assert "the webhook port 8443 is not exposed" in problems
    assert "line 4: COPY source no-such-folder does not exist" in problems
    assert "bot is not copied before pip install" in problems


@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        (".git/HEAD", True), (".venv/bin/python", True), ("samvad.db", True), ("data/samvad.db-wal", True),
        ("bot/__pycache__/cli.cpython-311.pyc", True), ("samvad.db.signing-key", True), (".env", True),
        ("test-artifacts/console.png", True), ("samvad.egg-info/PKG-INFO", True),
        ("bot/cli.py", False), ("nlp/model/meta.json", False), ("sandbox/console/screenshot.png", False),
        ("README.md", False), (".env.example", False),
    ],
)  # fmt: skip
def test_dockerignore_keeps_venvs_databases_keys_and_caches_out(path, ignored):
    _, patterns = _real()
    assert dockerignored(path, patterns) is ignored


def test_every_data_file_of_the_packages_is_installed_with_them():
    """pip install . (not editable, as in the image) carries only files matched by package-data."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["*"]
    tracked = subprocess.run(
        ["git", "ls-files", "bot", "handlers", "nlp", "storage", "sandbox", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    missing = []
    for name in tracked:
        path = ROOT / name
        if path.suffix == ".py" or not path.exists():
            continue
        package = next(parent for parent in path.parents if (parent / "__init__.py").exists())
        # setuptools matches package-data patterns as recursive globs from the package's folder.
        matched = {match for p in patterns for match in glob.glob(p, root_dir=package, recursive=True)}
        if path.relative_to(package).as_posix() not in matched:
            missing.append(name)
    assert missing == []


def test_the_readme_shows_how_to_build_and_run_the_image():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docker build -t samvad ." in readme
    runs = re.findall(r"docker run\b(?:[^\n]*\\\n)*[^\n]*", readme)
    assert runs, "README has no docker run"
    webhook_run = next((run for run in runs if "SAMVAD_WEBHOOK_URL" in run), "")
    for needed in ("SAMVAD_BOT_TOKEN", f":{VOLUME}", "SAMVAD_WEBHOOK_SECRET", "8443:8443"):
        assert needed in webhook_run, f"the webhook docker run lacks {needed}"
    assert any("SAMVAD_BOT_TOKEN" in run and "SAMVAD_WEBHOOK_URL" not in run for run in runs), "no polling example"

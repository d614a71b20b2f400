"""sandbox/ stands alone: it never imports telegram or the bot, and ships its spec."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import sandbox

FORBIDDEN = ("telegram", "bot")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_sandbox_never_imports_telegram_or_the_bot():
    package = Path(sandbox.__file__).parent
    offenders = {}
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 10
    for path in modules:
        bad = {n for n in _imported_modules(path) if n.split(".")[0] in FORBIDDEN}
        if bad:
            offenders[str(path.relative_to(package))] = sorted(bad)
    assert offenders == {}


def test_the_walk_would_notice_a_forbidden_import(tmp_path):
    module = tmp_path / "leaky.py"
    module.write_text("import asyncio\nfrom telegram.ext import Application\nimport bot.cli\n")
    assert {n.split(".")[0] for n in _imported_modules(module)} & set(FORBIDDEN) == {"telegram", "bot"}


def test_spec_and_its_licence_ship_inside_the_package():
    spec_dir = resources.files("sandbox.spec")
    assert spec_dir.joinpath("api.json").read_text(encoding="utf-8").lstrip().startswith("{")
    assert "MIT License" in spec_dir.joinpath("LICENSE").read_text(encoding="utf-8")

"""nlp/, storage/, sandbox/ and attachments/ know nothing of Telegram's library or the bot."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("telegram", "bot", "handlers")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["nlp", "storage", "sandbox", "attachments"])
def test_package_does_not_import_telegram_or_the_bot(package):
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in _imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_walk_notices_a_forbidden_import(tmp_path):
    module = tmp_path / "leaky.py"
    module.write_text("import asyncio\nfrom telegram.ext import Application\nimport bot.cli\nfrom handlers import help\n")
    assert {name.split(".")[0] for name in _imported_modules(module)} & set(FORBIDDEN) == {"telegram", "bot", "handlers"}

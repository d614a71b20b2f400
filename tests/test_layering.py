"""The layering (README, "How it is built"): which package may import which, no Telegram where it does
not belong, SQL only in storage/."""

import ast
import re
import sys
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


# The one-way rule between packages (README, "Code map"): bot/ (composition root, CLI) -> handlers/ ->
# coordination/ (the circular's rules) -> runtime/, storage/, nlp/, attachments/. Each package may import only
# the packages listed for it (the standard library and third-party packages aside).
PACKAGES = ("bot", "handlers", "coordination", "runtime", "storage", "nlp", "attachments", "sandbox", "benchmarks")
MAY_IMPORT = {
    "bot": {"handlers", "coordination", "runtime", "storage", "nlp", "attachments", "sandbox"},
    "handlers": {"coordination", "runtime", "storage", "nlp", "attachments"},
    "coordination": {"runtime", "storage", "nlp", "attachments"},
    "runtime": {"storage", "nlp", "attachments"},
    "storage": set(),
    "nlp": set(),
    "attachments": set(),
    "sandbox": set(),
    "benchmarks": {"bot", "handlers", "coordination", "runtime", "storage", "nlp", "attachments", "sandbox"},
}


def _package_imports(package: str) -> dict[str, list[str]]:
    """Every other package of ours imported anywhere in package (function-level imports included)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in _imported_modules(path):
            top = module.split(".")[0]
            if top in PACKAGES and top != package:
                found.setdefault(top, []).append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize("package", [p for p in PACKAGES if (ROOT / p).is_dir()])
def test_imports_run_one_way(package):
    unexpected = [line for top, lines in _package_imports(package).items() if top not in MAY_IMPORT[package]
                  for line in lines]
    assert unexpected == []


def test_the_allowed_imports_have_no_cycle():
    seen: dict[str, int] = {}

    def cycle_from(package: str) -> list[str] | None:
        seen[package] = 1
        for other in sorted(MAY_IMPORT[package]):
            if seen.get(other) == 1:
                return [package, other]
            if not seen.get(other) and (found := cycle_from(other)):
                return [package, *found]
        seen[package] = 2
        return None

    assert [cycle for package in PACKAGES if not seen.get(package) and (cycle := cycle_from(package))] == []


def test_runtime_and_coordination_stay_out_of_telegram_where_the_domain_reaches():
    """The domain imports no Telegram library, and the runtime modules it uses import none either."""
    offenders = []
    for path in sorted((ROOT / "coordination").rglob("*.py")) if (ROOT / "coordination").is_dir() else []:
        for module in _imported_modules(path):
            top = module.split(".")[0]
            if top == "telegram":
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
            if top == "runtime" and module not in TELEGRAM_FREE_RUNTIME:
                offenders.append(f"{path.relative_to(ROOT)} imports {module} (uses Telegram)")
    for name in TELEGRAM_FREE_RUNTIME:
        path = ROOT / (name.replace(".", "/") + ".py")
        offenders += [f"{name} imports {m}" for m in _imported_modules(path) if m.split(".")[0] == "telegram"]
    assert offenders == []


TELEGRAM_FREE_RUNTIME = ("runtime.clock", "runtime.scope", "runtime.outbox", "runtime.purposes", "runtime.settings",
                         "runtime.commands")



# SQL belongs in storage/: a statement written anywhere else (handlers/, the domain, the runtime) is a rule
# or a query out of its room. Strings that read like SQL: SELECT ... FROM, INSERT INTO, UPDATE x SET, DELETE FROM.
SQL = re.compile(r"""["'][^"'\n]*\b(SELECT\s+\S+.*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b""",
                 re.IGNORECASE)


def _sql_lines(package: str) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{number}" for path in sorted((ROOT / package).rglob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if SQL.search(line)]


@pytest.mark.parametrize("package", ["handlers", "coordination", "runtime", "bot"])
def test_no_sql_outside_storage(package):
    assert _sql_lines(package) == []


def test_the_sql_check_notices_a_query(tmp_path, monkeypatch):
    (tmp_path / "leaky").mkdir()
    (tmp_path / "leaky" / "query.py").write_text('ROW = "SELECT title FROM chats WHERE chat_id = ?"\nOK = "select a post"\n')
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _sql_lines("leaky") == ["leaky/query.py:1"]


if __name__ == "__main__":  # python -m tests.test_layering: the import graph between packages, as it stands
    for name in PACKAGES:
        print(f"{name} -> {', '.join(sorted(_package_imports(name))) or '-'}")

"""nlp/ never imports telegram or bot, reads no environment, and imports cheaply."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "nlp"


def test_nlp_never_imports_telegram_or_bot():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"telegram", "bot", "handlers"}, f"{path}: imports {name}"


def test_nlp_reads_no_environment():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "os.environ" not in text and "getenv" not in text, path


def test_importing_nlp_does_not_import_spacy():
    code = "import sys, nlp; from nlp import LABELS, Verdict, Evidence; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=PACKAGE.parent, timeout=60)
    assert result.stdout.strip() == b"False"

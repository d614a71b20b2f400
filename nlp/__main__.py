"""`python -m nlp classify ...` and `python -m nlp nlp eval ...`, for use without the bot's CLI."""
from __future__ import annotations

import argparse
import sys

from nlp.cli import register


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m nlp", description="Samvad content filter")
    subparsers = parser.add_subparsers(dest="command", metavar="{classify,nlp}")
    subparsers.required = True
    register(subparsers)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

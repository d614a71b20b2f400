"""Cue words and phrases for the four labels, in English, Gujarati, Hindi and
their romanised forms. Each module maps a cue class to its phrases; the
rules in `nlp.rules` say which classes, together, make evidence for a label.

Phrases are written as officers write them; they are normalised and
tokenized like messages before matching, so case, look-alike letters and
Gujarati case endings need no variants here.
"""
from __future__ import annotations

from nlp.lexicons import confidential, decision, hostile, instruction, personal_data, shared

MODULES = (shared, confidential, personal_data, hostile, instruction, decision)


def parse_phrases(block: str) -> tuple[str, ...]:
    """Split a lexicon block into phrases: one per '|' or line."""
    phrases = []
    for line in block.splitlines():
        for phrase in line.split("|"):
            phrase = " ".join(phrase.split())
            if phrase:
                phrases.append(phrase)
    return tuple(dict.fromkeys(phrases))


def all_cues() -> dict[str, tuple[str, ...]]:
    """Every cue class with its phrases."""
    cues: dict[str, tuple[str, ...]] = {}
    for module in MODULES:
        for name, block in module.CUES.items():
            if name in cues:
                raise ValueError(f"cue class {name} defined twice")
            cues[name] = parse_phrases(block)
    return cues

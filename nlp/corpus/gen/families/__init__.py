"""All families, by label. Each module's `families()` returns its Family objects."""
from __future__ import annotations

from . import combos, confidential, everyday, evasion, hostile, instruction, long, more_conf_pd_instr, more_families, personal, siblings_u, wave5, wave6, wave7, wave8, wave9, wave10, wave11


def all_families():
    out = []
    from .extra import EXTRA

    for module in (confidential, instruction, personal, hostile, long, evasion, everyday, more_conf_pd_instr, siblings_u, more_families, combos, wave5, wave6, wave7, wave8, wave9, wave10, wave11):
        out.extend(module.families())
    by_id = {family.id: family for family in out}
    for family_id, items in EXTRA.items():
        for lang, text, *rest in items:
            labels = rest[0] if rest else None
            style = rest[1] if len(rest) > 1 else "plain"
            by_id[family_id].add(lang, text, labels, style)
    return out

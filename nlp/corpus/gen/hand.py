"""The hand-written training families (`hand_*`): `hand_written.jsonl`, messages written one at a time.

No templates, no slots, no styles applied, no variants: each line is its own scenario and wording, labelled by
hand (see "The hand-written training families" in nlp/corpus/README.md). When they are trained on,
`python -m nlp.corpus.gen` appends them to train.jsonl verbatim, after the generated families, numbered
`<family>.NNN` in file order; a text already in the corpus stops the build instead of being skipped, so the
generated lines never change because of them.

They are trained on (`IN_TRAIN = True`, acc12j): alone they failed the adoption rule fixed before they were
measured (family-grouped CV on the older families' held-out messages; README); with host12's hostile patterns
(acc12i) every grouped-CV figure of rule10 improved but the retrained model failed one fixed test, which a
decision rule for a marking heading (nlp/decision.py MARKING_HEADING) mends; the three together passed rule10
(nlp/README.md). `python -m nlp.corpus.gen --with-hand --output DIR` still writes a corpus with them, for trials.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HAND = Path(__file__).resolve().parent / "hand_written.jsonl"
PREFIX = "hand_"
# Whether train.jsonl holds them. Setting it True needs a rebuild and a retrain (the packaged model records the
# SHA-256 of the corpus it was trained on).
IN_TRAIN = True

# family -> (side, what it holds), for the README's family table.
FAMILIES: dict[str, tuple[str, str]] = {
    "hand_conf_talk_about": ("confidential-", "talk about confidentiality and the circular, leaks elsewhere, ordinary senses of the words (ખાનગી શાળા, Gupta ji, secret friend); admins' reminders are instruction"),
    "hand_conf_marked": ("confidential+", "a marking (heading, label, 'not for circulation', ગોપનીય, गोपनीय, 'bahar na jay', 'keep this within us') on the content it marks"),
    "hand_conf_unmarked": ("confidential+", "exam papers before the exam, court strategy, vigilance and inquiry findings, unopened bids, draft rates, VIP routes, raids: no marking word"),
    "hand_conf_public": ("confidential-", "the published counterparts: GRs, gazette drafts, bids opened in public, answer keys, court orders, reports sent in sealed cover"),
    "hand_instr_directive": ("instruction+", "directives from a superior to members: deadlines, VCs, control-room staffing, evacuation, minutes with action points, duty charts, relayed standing orders, voice-note orders"),
    "hand_instr_gu_polite": ("instruction+", "Gujarati -વું/-વી/-વા infinitive and -શો/-જો orders, Hindi polite requests, romanised forms"),
    "hand_instr_descriptive": ("instruction-", "the same Gujarati/Hindi forms describing, wishing or asking, directing no one"),
    "hand_info_not_directive": ("instruction-", "acknowledgements, reports of orders carried out, orders reported in the past, bulletins and helplines shared, captions, upward requests, peer questions, advice to the public"),
    "hand_info_more": ("instruction-", "more acknowledgements, leave notes, compliance reports and information"),
    "hand_who_says": ("instruction+-", "a superior's directive beside a subordinate's reply to it, upward requests"),
    "hand_pd_identifiers": ("personal_data+", "Aadhaar (spaced, run together, native digits, far from the word), PAN, EPIC, passport, bank account and IFSC, private mobiles of citizens"),
    "hand_pd_named_sensitive": ("personal_data+", "a named citizen with illness, caste, religion, address, criminal or land dispute, welfare benefit, mostly in Gujarati and Hindi"),
    "hand_pd_official_neg": ("personal_data-", "official CUG, control-room, helpline and office numbers, gujarat.gov.in mail, vehicle lists, firms, 12-digit decoys failing Verhoeff, aggregates, unnamed persons"),
    "hand_host_insinuation": ("hostile+", "insinuated bribery and veiled sarcasm about an identifiable officer or office, no abusive word"),
    "hand_host_enmity_threat": ("hostile+", "enmity towards castes, communities and regions (named or not), forwarded hate, threats of harm and shaming, abuse as address"),
    "hand_host_civil": ("hostile-", "firm criticism, disagreement, lawful appeal, neutral reports of clashes, sincere praise, figurative 'killed'/'war room'"),
    "hand_long_clean": ("all-", "long minutes, tables, forwards, bulletins, situation reports, voice notes and farewells with no label"),
    "hand_long_buried": ("all+", "the same kinds of long message with one violation after ordinary lines"),
    "hand_chat_short": ("all-", "greetings, thanks, condolences, weather and network chatter"),
    "hand_combo": ("all+", "two labels at once"),
    "hand_evasion": ("all+-", "dotted, spaced and digit-for-letter violations beside evasion-styled clean lines"),
}


def rows(seen: set[str], norm) -> list[dict]:
    """The hand-written lines as corpus rows; `seen` (folded texts already in the corpus) is extended."""
    out: list[dict] = []
    count: Counter[str] = Counter()
    for n, line in enumerate(HAND.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        family = row["family"]
        if family not in FAMILIES:
            raise SystemExit(f"{HAND.name}:{n}: family {family!r} is not described in gen/hand.py")
        key = norm(row["text"])
        if key in seen:
            raise SystemExit(f"{HAND.name}:{n}: text already in the corpus: {row['text'][:60]!r}")
        seen.add(key)
        count[family] += 1
        out.append({"id": f"{family}.{count[family]:03d}", "text": row["text"], "labels": sorted(row["labels"]),
                    "lang": row["lang"], "family": family, "style": row.get("style", "plain")})
    return out

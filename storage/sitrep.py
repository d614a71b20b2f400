"""An incident's situation report: per group, instructions issued, acknowledged, pending, overdue, flags.

The figures are read once here and shown three ways: the /sitrep text, the HTML report
(storage/sitrep_html.py) and `samvad sitrep` on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from storage import chats, incidents, instructions, roster
from storage.database import Database
from storage.incidents import Incident
from storage.timefmt import for_people


@dataclass(frozen=True)
class InstructionMark:
    """One instruction of the incident, for the timeline."""

    chat_id: int
    group: str
    created_at: datetime
    due_at: datetime | None
    kind: str
    owed: int
    acknowledged: int
    overdue: int  # acknowledgements still owed after the due time

    @property
    def state(self) -> str:
        """acknowledged, overdue or pending (what the timeline colours)."""
        if self.acknowledged >= self.owed:
            return "acknowledged"
        return "overdue" if self.overdue else "pending"


@dataclass(frozen=True)
class GroupFigures:
    """One group's part of the report (a district, for a district group)."""

    chat_id: int
    title: str
    district: str  # the district's name, or the group's title for the State and HoD groups
    issued: int
    owed: int
    acknowledged: int
    overdue: int
    flags: int
    waiting: tuple[tuple[str, int], ...]  # (designation, instructions it has not acknowledged)

    @property
    def pending(self) -> int:
        """Acknowledgements owed and not yet due (or with no due time)."""
        return self.owed - self.acknowledged - self.overdue

    @property
    def rate(self) -> str:
        """"50%", or "—" when nothing was owed."""
        return f"{self.acknowledged * 100 // self.owed}%" if self.owed else "—"


@dataclass(frozen=True)
class Sitrep:
    """An incident's situation report as of a moment."""

    incident: Incident
    as_of: datetime
    groups: tuple[GroupFigures, ...]
    timeline: tuple[InstructionMark, ...]

    @property
    def end(self) -> datetime:
        """When the incident's window ends (as_of while it is open)."""
        return self.incident.end(self.as_of)


async def build(db: Database, incident: Incident, chat_ids: list[int] | tuple[int, ...], *, now: datetime) -> Sitrep:
    """The report of an incident over these of its groups, as of now."""
    end = incident.end(now)
    groups, timeline = [], []
    for chat_id in chat_ids:
        title = await chats.title_of(db, chat_id)
        binding = await roster.binding_of(db, chat_id)
        district = binding.jurisdiction if binding is not None and binding.level == "district" else title
        issued = await instructions.in_window(db, [chat_id], incident.opened_at, end)
        owed = acknowledged = overdue = 0
        waiting: dict[str, int] = {}
        for instruction in issued:
            status = await instructions.status(db, instruction)
            late = 0
            if instruction.due_at is not None and instruction.due_at < now:
                late = len(status.pending_posts) + len(status.pending_users)
            owed, acknowledged, overdue = owed + status.owed, acknowledged + status.received, overdue + late
            for post in status.pending_posts:
                waiting[post.designation] = waiting.get(post.designation, 0) + 1
            timeline.append(InstructionMark(chat_id, district, instruction.created_at, instruction.due_at,
                                            instruction.kind, status.owed, status.received, late))
        flags = await incidents.count_flags(db, chat_id, incident.opened_at, end)
        groups.append(GroupFigures(chat_id, title, district, len(issued), owed, acknowledged, overdue, flags,
                                   tuple(sorted(waiting.items()))))
    timeline.sort(key=lambda mark: mark.created_at)
    return Sitrep(incident, now, tuple(groups), tuple(timeline))


def plain_text(report: Sitrep, *, zone: tzinfo) -> str:
    """The report as plain text (for a terminal or a file)."""
    incident = report.incident
    state = "open" if incident.is_open else f"closed {for_people(report.end, zone)}"
    lines = [f"Situation report: {incident.name} (opened {for_people(incident.opened_at, zone)}, {state};"
             f" as of {for_people(report.as_of, zone)})"]
    for group in report.groups:
        waiting = "; ".join(f"{name} ({count})" for name, count in group.waiting) or "none"
        lines += ["", group.district,
                  f"  instructions issued: {group.issued}",
                  f"  acknowledged: {group.acknowledged} of {group.owed} ({group.rate})",
                  f"  pending: {group.pending}, overdue: {group.overdue}",
                  f"  waiting for: {waiting}",
                  f"  flags: {group.flags}"]
    return "\n".join(lines) + "\n"





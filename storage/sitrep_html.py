"""The situation report as one HTML file: opens in any phone's browser, no scripts, nothing fetched.

The charts are drawn by matplotlib (its SVG backend, no display needed) and inlined as
<svg> elements, text kept as text so district names stay readable and searchable.
matplotlib is imported only when a report is drawn, so the bot starts without it.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping
from datetime import tzinfo
from html import escape

from storage.sitrep import Sitrep
from storage.timefmt import for_people

# matplotlib's settings are global: one chart is drawn at a time (the bot draws in a worker thread).
_DRAWING = threading.Lock()
COLOURS = {"acknowledged": "#2e7d32", "pending": "#f9a825", "overdue": "#c62828"}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;padding:12px;
color:#1b1b1b;background:#fff;line-height:1.4}
h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.1em;margin:1.2em 0 .4em}
p.meta{color:#555;margin:.2em 0 .8em}
table{border-collapse:collapse;width:100%;font-size:.95em}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f1f1}td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart svg{width:100%;height:auto;max-width:640px}
.scroll{overflow-x:auto}
.overdue{color:#c62828;font-weight:600}
"""


def render(report: Sitrep, *, zone: tzinfo, kind_names: Mapping[str, str] | None = None) -> str:
    """The whole report as HTML text."""
    incident = report.incident
    state = "open" if incident.is_open else f"closed {for_people(report.end, zone)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Situation report: {escape(incident.name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Situation report: {escape(incident.name)}</h1>",
        f'<p class="meta">Opened {escape(for_people(incident.opened_at, zone))}, {escape(state)}.'
        f" As of {escape(for_people(report.as_of, zone))}.</p>",
        "<h2>Per district</h2>",
        f'<div class="scroll">{_figures_table(report)}</div>',
        '<p class="meta">Pending: acknowledgements asked for and not yet due (or with no due time).'
        ' Overdue: asked for, past the due time, not yet received.</p>',
        "<h2>Acknowledgement status per district</h2>",
        f'<div class="chart">{status_chart(report)}</div>',
        "<h2>Timeline of the incident's instructions</h2>",
        f'<div class="chart">{timeline_chart(report, zone=zone)}</div>',
        f'<div class="scroll">{_timeline_table(report, zone, kind_names or {})}</div>',
        "<h2>Waiting for acknowledgement</h2>",
        _waiting_list(report),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _figures_table(report: Sitrep) -> str:
    rows = [
        "<table><thead><tr><th>District</th><th>Instructions issued</th><th>Acknowledged</th><th>Pending</th>"
        "<th>Overdue</th><th>Flags</th></tr></thead><tbody>"
    ]
    for group in report.groups:
        overdue = f'<span class="overdue">{group.overdue}</span>' if group.overdue else "0"
        rows.append(
            f"<tr><td>{escape(group.district)}</td><td class=\"n\">{group.issued}</td>"
            f"<td class=\"n\">{group.acknowledged} of {group.owed} ({escape(group.rate)})</td>"
            f"<td class=\"n\">{group.pending}</td><td class=\"n\">{overdue}</td><td class=\"n\">{group.flags}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _timeline_table(report: Sitrep, zone: tzinfo, kind_names: Mapping[str, str]) -> str:
    if not report.timeline:
        return "<p>No instruction was recorded in the incident's groups.</p>"
    rows = ["<table><thead><tr><th>Given</th><th>District</th><th>Kind</th><th>Due</th><th>Acknowledged</th>"
            "<th>State</th></tr></thead><tbody>"]
    for mark in report.timeline:
        due = for_people(mark.due_at, zone) if mark.due_at else "—"
        rows.append(
            f"<tr><td>{escape(for_people(mark.created_at, zone))}</td><td>{escape(mark.group)}</td>"
            f"<td>{escape(kind_names.get(mark.kind, mark.kind))}</td><td>{escape(due)}</td>"
            f"<td class=\"n\">{mark.acknowledged} of {mark.owed}</td><td>{escape(mark.state)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _waiting_list(report: Sitrep) -> str:
    items = [f"<li><b>{escape(group.district)}</b>: " + escape("; ".join(f"{name} ({count})" for name, count in
                                                                      group.waiting)) + "</li>"
             for group in report.groups if group.waiting]
    return f"<ul>{''.join(items)}</ul>" if items else "<p>Nobody: every acknowledgement asked for has come.</p>"


def status_chart(report: Sitrep) -> str:
    """A horizontal stacked bar per district: acknowledged, pending, overdue (an inline <svg>)."""
    with _DRAWING, _style():
        return _status_chart(report)


def _status_chart(report: Sitrep) -> str:
    figure, axes = _figure(height=0.5 * max(len(report.groups), 1) + 1.3)
    names = [group.district for group in report.groups]
    left = [0] * len(names)
    for state, values in (("acknowledged", [g.acknowledged for g in report.groups]),
                          ("pending", [g.pending for g in report.groups]),
                          ("overdue", [g.overdue for g in report.groups])):
        axes.barh(names, values, left=left, color=COLOURS[state], label=state, height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("acknowledgements asked for")
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside lower center", ncols=3, frameon=False)
    return _svg(figure)


def timeline_chart(report: Sitrep, *, zone: tzinfo) -> str:
    """Each instruction at the time it was given, on its district's line, coloured by its state (an inline <svg>)."""
    with _DRAWING, _style():
        return _timeline_chart(report, zone)


def _timeline_chart(report: Sitrep, zone: tzinfo) -> str:
    import matplotlib.dates as mdates

    names = list(dict.fromkeys(group.district for group in report.groups))
    figure, axes = _figure(height=0.45 * max(len(names), 1) + 1.7)
    rows = {name: index for index, name in enumerate(names)}
    for state in ("acknowledged", "pending", "overdue"):
        marks = [mark for mark in report.timeline if mark.state == state]
        if marks:
            axes.scatter([mark.created_at.astimezone(zone) for mark in marks], [rows[mark.group] for mark in marks],
                         color=COLOURS[state], label=state, s=40, zorder=3)
    due = [mark for mark in report.timeline if mark.due_at is not None]
    if due:  # one collection, not a line per instruction: an incident may have hundreds
        axes.hlines([rows[mark.group] for mark in due], [mdates.date2num(mark.created_at) for mark in due],
                    [mdates.date2num(mark.due_at) for mark in due], colors=[COLOURS[mark.state] for mark in due],
                    alpha=0.4, linewidth=2, zorder=2)
    axes.set_yticks(range(len(names)), names)
    axes.set_ylim(len(names) - 0.5, -0.5)
    axes.set_xlim(report.incident.opened_at.astimezone(zone), report.end.astimezone(zone))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M", tz=zone))
    axes.set_xlabel("given (IST); the line runs to the due time")
    axes.grid(axis="x", alpha=0.3)
    if report.timeline:
        figure.legend(loc="outside lower center", ncols=3, frameon=False)
    return _svg(figure)


def _style():
    """Matplotlib settings for a phone-sized chart whose text stays text in the SVG."""
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "samvad-sitrep", "font.size": 10})


def _figure(*, height: float):
    """A matplotlib figure on the SVG canvas: no display, no pyplot state shared between reports."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.8, height), layout="constrained")
    FigureCanvasSVG(figure)
    return figure, figure.add_subplot()


def _svg(figure) -> str:
    """The figure as an <svg> element to inline: text kept as text, no XML prologue, no metadata."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    return text.strip()



"""The comparison report: an output folder's tables in, one self-contained HTML file out.

In: `afspraken.parquet` (corrections applied), `documenten.parquet` of an output folder.
Out: `rapport.html` with an overview comparing municipalities (type mix, SMART shares, type mix
per theme, coverage of the national priorities of docs/domain.md §5, what each party commits to) and
one section per document listing every agreement with its labels and the SMART evidence marked
in the text, filterable with a little inline script. No network: CSS, script and the SVG charts
are inline; every piece of document text is escaped (agreement text is untrusted input).
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.models import AGREEMENT_TYPES, SMART_LETTERS, SMART_VERDICTS, THEME_CODES
from pipeline.write.atomic import write_text_atomic
from pipeline.write.corrections import STALE_FILE
from pipeline.write.display_names import THEME_LABELS, TYPE_NAMES, VERDICT_NAMES
from pipeline.write.label_columns import LETTER_COLUMNS
from pipeline.write.report_assets import CSS, ERROR_HOOK, SCRIPT

REPORT_FILE = "rapport.html"

TYPE_COLOURS = {"intentie": "#f2c14e", "proces": "#8fb3d9", "concreet": "#2e7d4f"}
VERDICT_COLOURS = {"ja": "#2e7d4f", "deels": "#f2c14e", "nee": "#c8414b"}
_DARK = {"#2e7d4f", "#c8414b"}


@dataclass(frozen=True)
class Priority:
    """A national priority and the theme codes that cover it (docs/domain.md §5)."""

    name: str
    themes: tuple[str, ...]
    pattern: str = ""
    """Optional regex for a specific target (e.g. the 2028 EFG-label goal) within the themes."""


RIJKSPRIORITEITEN = (
    Priority(
        "Betaalbaarheid en beschikbaarheid voor de doelgroep",
        ("betaalbaarheid", "beschikbaarheid"),
    ),
    Priority("Energiezuinige sociale huurvoorraad", ("duurzaamheid",)),
    Priority("Huisvesten van urgente doelgroepen", ("bijzondere_doelgroepen",)),
    Priority("Wonen met zorg en ouderenhuisvesting", ("wonen_zorg",)),
)
NATIONALE_PRESTATIEAFSPRAKEN = (
    Priority("Nieuwbouw sociale huur", ("nieuwbouw",)),
    Priority("Betaalbaarheid (huurmaatregelen)", ("betaalbaarheid",)),
    Priority(
        "Verduurzaming (geen E-, F- en G-labels in 2028)",
        ("duurzaamheid",),
        pattern=r"\bEFG\b|\bE-,?\s*F-\s*en\s*G-?\s*label|\bE,\s*F\s*(?:en|of)\s*G\b",
    ),
    Priority("Ouderenhuisvesting", ("wonen_zorg",)),
    Priority("Aandachtsgroepen", ("bijzondere_doelgroepen",)),
    Priority("Leefbaarheid", ("leefbaarheid",)),
)
PRIORITY_SETS = (
    ("Rijksprioriteiten 2016-2019", RIJKSPRIORITEITEN, (None, 2021)),
    ("Nationale prestatieafspraken 2022", NATIONALE_PRESTATIEAFSPRAKEN, (2022, None)),
)
"""Name, priorities, and the period (first, last year) they apply to; None = open."""


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    if value is None or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def write_report(output_dir: Path, html_file: Path | None = None) -> Path:
    """Build the report from an output folder and write it atomically; returns its path."""
    target = html_file or output_dir / REPORT_FILE
    afspraken = pd.read_parquet(output_dir / "afspraken.parquet")
    documenten = pd.read_parquet(output_dir / "documenten.parquet")
    stale_file = output_dir / STALE_FILE
    stale = pd.read_csv(stale_file, dtype=str).fillna("") if stale_file.exists() else None
    content = build_report(afspraken, documenten, stale)
    write_text_atomic(target, content)
    return target


# --- grouping ---------------------------------------------------------------------------


def _year(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    # float (2019.0) when a grouping key column also holds missing years
    return int(float(str(value)))


@dataclass(frozen=True)
class Area:
    """A municipality in one period: the unit the overview compares."""

    code: str
    name: str
    start: int | None
    end: int | None

    @property
    def label(self) -> str:
        period = ""
        if self.start is not None:
            period = f" {self.start}" + (
                f"-{self.end}" if self.end not in (None, self.start) else ""
            )
        return f"{self.name or 'gemeente onbekend'}{period}"


def _areas(afspraken: pd.DataFrame) -> list[tuple[Area, pd.DataFrame]]:
    keys = ["municipality_code", "municipality", "period_start", "period_end"]
    frame = afspraken.copy()
    for k in ("period_start", "period_end"):
        frame[k] = frame[k].astype("Int64").astype(object).where(frame[k].notna(), None)
    out = []
    for key, group in frame.groupby(keys, sort=True, dropna=False):
        code, name, start, end = key
        out.append((Area(str(code or ""), str(name or ""), _year(start), _year(end)), group))
    return out


# --- SVG --------------------------------------------------------------------------------


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    names: Sequence[str],
    colours: Sequence[str],
    title: str,
) -> str:
    """A static SVG: one 100% stacked horizontal bar per row, percentages printed inside."""
    label_w, bar_w, bar_h, gap = 190, 460, 22, 8
    width = label_w + bar_w + 60
    legend_h = 26
    height = legend_h + len(rows) * (bar_h + gap) + 4
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-label="{e(title)}"><title>{e(title)}</title>'
    ]
    x = label_w
    for name, colour in zip(names, colours, strict=True):
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}" stroke="#333" '
            f'stroke-width="0.5"/><text x="{x + 16}" y="14" class="legend">{e(name)}</text>'
        )
        x += 16 + 8 * len(name) + 18
    for i, (label, values) in enumerate(rows):
        y = legend_h + i * (bar_h + gap)
        total = sum(values)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 4}" text-anchor="end" class="label">'
            f"{e(label)}</text>"
        )
        x0 = float(label_w)
        for value, name, colour in zip(values, names, colours, strict=True):
            if not total or not value:
                continue
            w = bar_w * value / total
            pct = round(100 * value / total)
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" '
                f'stroke="#fff" stroke-width="1"><title>{e(label)}: {e(name)} {value} '
                f"({pct}%)</title></rect>"
            )
            if w >= 30:
                fill = "#fff" if colour in _DARK else "#111"
                parts.append(
                    f'<text x="{x0 + w / 2:.1f}" y="{y + bar_h / 2 + 4}" text-anchor="middle" '
                    f'class="pct" fill="{fill}">{pct}%</text>'
                )
            x0 += w
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + bar_h / 2 + 4}" class="label">'
            f"n={total}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def mini_bar(values: Sequence[int], colours: Sequence[str], title: str) -> str:
    """A small inline SVG bar for a table cell."""
    total = sum(values)
    parts = ['<svg class="mini" viewBox="0 0 80 10" width="80" height="10" role="img">']
    parts.append(f"<title>{e(title)}</title>")
    x = 0.0
    for value, colour in zip(values, colours, strict=True):
        if total and value:
            w = 80 * value / total
            parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="10" fill="{colour}"/>')
            x += w
    if not total:
        parts.append('<rect x="0" y="0" width="80" height="10" fill="#eee"/>')
    parts.append("</svg>")
    return "".join(parts)


# --- overview sections ------------------------------------------------------------------


def _pct(part: int, total: int) -> str:
    return f"{round(100 * part / total)}%" if total else "–"


def _overview(areas: list[tuple[Area, pd.DataFrame]]) -> str:
    head = (
        "<tr><th>Gemeente en periode</th><th>CBS-code</th><th>Documenten</th>"
        "<th>Afspraken</th>"
        + "".join(f"<th>{TYPE_NAMES[t]}</th>" for t in AGREEMENT_TYPES)
        + "".join(f"<th>{VERDICT_NAMES[v]}</th>" for v in SMART_VERDICTS)
        + "<th>Handmatig gecorrigeerd</th></tr>"
    )
    body = []
    type_rows, smart_rows = [], []
    for area, g in areas:
        n = len(g)
        types = [int((g["type"] == t).sum()) for t in AGREEMENT_TYPES]
        verdicts = [int((g["smart"] == v).sum()) for v in SMART_VERDICTS]
        human = int((g["label_source"] == "human").sum())
        cells = "".join(f'<td class="num">{c} ({_pct(c, n)})</td>' for c in types + verdicts)
        body.append(
            f'<tr class="area"><th scope="row">{e(area.label)}</th><td>{e(area.code) or "–"}</td>'
            f'<td class="num">{g["document_id"].nunique()}</td><td class="num">{n}</td>'
            f'{cells}<td class="num">{human}</td></tr>'
        )
        type_rows.append((area.label, types))
        smart_rows.append((area.label, verdicts))
    charts = stacked_bars(
        type_rows,
        [TYPE_NAMES[t] for t in AGREEMENT_TYPES],
        [TYPE_COLOURS[t] for t in AGREEMENT_TYPES],
        "Type afspraak per gemeente",
    ) + stacked_bars(
        smart_rows,
        [VERDICT_NAMES[v] for v in SMART_VERDICTS],
        [VERDICT_COLOURS[v] for v in SMART_VERDICTS],
        "SMART-oordeel per gemeente",
    )
    return (
        '<section id="overzicht"><h2>Overzicht per gemeente</h2>'
        "<p>Aantal afspraken per type en per SMART-oordeel, met het aandeel in alle afspraken "
        "van de gemeente in die periode.</p>"
        f'<table id="overview-table" class="data"><thead>{head}</thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<div class="charts">{charts}</div></section>'
    )


def _period(area: Area) -> str:
    if area.start is None:
        return "periode onbekend"
    return f"{area.start}" + (f"-{area.end}" if area.end not in (None, area.start) else "")


def _series(areas: list[tuple[Area, pd.DataFrame]]) -> dict[str, list[tuple[Area, pd.DataFrame]]]:
    """Each municipality's periods in order: by CBS code, or by name without one. Areas without
    a municipality or a period cannot be placed in time (the `ontwikkeling` view does the same).
    """
    out: dict[str, list[tuple[Area, pd.DataFrame]]] = {}
    for area, group in areas:
        key = area.code or area.name
        if key and area.start is not None:
            out.setdefault(key, []).append((area, group))
    for periods in out.values():
        periods.sort(key=lambda item: (item[0].start or 0, item[0].end or 0))
    return out


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _over_time(areas: list[tuple[Area, pd.DataFrame]]) -> str:
    """The same municipality in its successive periods side by side (docs/domain.md §6)."""
    series = _series(areas)
    several = {k: v for k, v in series.items() if len(v) > 1}
    single = [v[0][0] for v in series.values() if len(v) == 1]
    parts = [
        '<section id="ontwikkeling"><h2>Ontwikkeling in de tijd</h2>'
        "<p>Per gemeente met afspraken uit meer dan één periode: de perioden naast elkaar, met "
        "het aantal afspraken en het aandeel per type en SMART-oordeel. <i>Verschil</i> is de "
        "laatste periode min de eerste (bij aandelen in procentpunten).</p>"
    ]
    if not several:
        parts.append("<p>Geen gemeente met afspraken uit meer dan één periode.</p>")
    parts += [_periods_of(periods) for periods in several.values()]
    if single:
        alone = ", ".join(f"{a.name or a.code} ({_period(a)})" for a in single)
        parts.append(f'<p class="sub">Met één periode: {e(alone)}.</p>')
    parts.append("</section>")
    return "".join(parts)


def _periods_of(periods: list[tuple[Area, pd.DataFrame]]) -> str:
    """One municipality's periods side by side: a table of measures and two charts."""
    name = periods[0][0].name or periods[0][0].code
    head = (
        "<tr><th>Maatstaf</th>"
        + "".join(f"<th>{e(_period(a))}</th>" for a, _ in periods)
        + "<th>Verschil</th></tr>"
    )
    totals = [len(g) for _, g in periods]
    rows = [
        _over_time_row("Documenten", [int(g["document_id"].nunique()) for _, g in periods]),
        _over_time_row("Afspraken", totals),
    ]
    for column, values, names in (
        ("type", AGREEMENT_TYPES, TYPE_NAMES),
        ("smart", SMART_VERDICTS, VERDICT_NAMES),
    ):
        for value in values:
            counts = [int((g[column] == value).sum()) for _, g in periods]
            rows.append(_over_time_row(names[value], counts, totals))
    for theme in THEME_CODES:
        counts = [int((g["theme_code"] == theme).sum()) for _, g in periods]
        if any(counts):
            rows.append(_over_time_row(f"Thema {THEME_LABELS[theme].lower()}", counts))
    labels = [_period(a) for a, _ in periods]
    charts = stacked_bars(
        [
            (label, [int((g["type"] == t).sum()) for t in AGREEMENT_TYPES])
            for label, (_, g) in zip(labels, periods, strict=True)
        ],
        [TYPE_NAMES[t] for t in AGREEMENT_TYPES],
        [TYPE_COLOURS[t] for t in AGREEMENT_TYPES],
        f"Type afspraak per periode, {name}",
    ) + stacked_bars(
        [
            (label, [int((g["smart"] == v).sum()) for v in SMART_VERDICTS])
            for label, (_, g) in zip(labels, periods, strict=True)
        ],
        [VERDICT_NAMES[v] for v in SMART_VERDICTS],
        [VERDICT_COLOURS[v] for v in SMART_VERDICTS],
        f"SMART-oordeel per periode, {name}",
    )
    return (
        f'<h3>{e(name)}</h3><table class="data over-time"><thead>{head}</thead>'
        f'<tbody>{"".join(rows)}</tbody></table><div class="charts">{charts}</div>'
    )


def _over_time_row(label: str, counts: list[int], totals: list[int] | None = None) -> str:
    """One measure over the periods: counts, with their share when totals are given."""
    if totals is None:
        cells = "".join(f'<td class="num">{c}</td>' for c in counts)
        change = f"{counts[-1] - counts[0]:+d}"
    else:
        shares = [_share(c, t) for c, t in zip(counts, totals, strict=True)]
        cells = "".join(
            f'<td class="num">{c} ({p:g}%)</td>' for c, p in zip(counts, shares, strict=True)
        )
        change = f"{shares[-1] - shares[0]:+.1f} pp"
    return f'<tr><th scope="row">{e(label)}</th>{cells}<td class="num">{change}</td></tr>'


def _themes(areas: list[tuple[Area, pd.DataFrame]]) -> str:
    head = "<tr><th>Thema</th>" + "".join(f"<th>{e(a.label)}</th>" for a, _ in areas) + "</tr>"
    body = []
    for theme in THEME_CODES:
        cells = []
        for area, g in areas:
            t = g[g["theme_code"] == theme]
            counts = [int((t["type"] == x).sum()) for x in AGREEMENT_TYPES]
            ja = int((t["smart"] == "ja").sum())
            title = f"{area.label}, {THEME_LABELS[theme]}: " + ", ".join(
                f"{c} {x}" for c, x in zip(counts, AGREEMENT_TYPES, strict=True)
            )
            if not len(t):
                cells.append('<td class="gap">–</td>')
                continue
            cells.append(
                f"<td><b>{len(t)}</b> "
                f'<span class="mix">({counts[0]} / {counts[1]} / {counts[2]})</span>'
                f"{mini_bar(counts, [TYPE_COLOURS[x] for x in AGREEMENT_TYPES], title)}"
                f'<span class="sub">SMART: {ja} ({_pct(ja, len(t))})</span></td>'
            )
        body.append(f'<tr><th scope="row">{e(THEME_LABELS[theme])}</th>{"".join(cells)}</tr>')
    return (
        '<section id="themas"><h2>Type afspraak per thema</h2>'
        "<p>Per thema: aantal afspraken (intentie / proces / concreet), de verdeling als balk "
        "en het aantal volledig SMART-afspraken.</p>"
        f'<table id="theme-table" class="data"><thead>{head}</thead>'
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


def _applies(area: Area, period: tuple[int | None, int | None]) -> bool:
    first, last = period
    if area.start is None and area.end is None:
        return True
    start = area.start if area.start is not None else area.end
    end = area.end if area.end is not None else area.start
    assert start is not None and end is not None
    return (first is None or end >= first) and (last is None or start <= last)


def _priorities(areas: list[tuple[Area, pd.DataFrame]]) -> str:
    parts = [
        '<section id="prioriteiten"><h2>Dekking van de nationale prioriteiten</h2>'
        "<p>Per prioriteit: het aantal afspraken op de bijbehorende thema's, waarvan concreet en "
        'volledig SMART. <span class="badge ok">gedekt</span> = minstens één concrete '
        'afspraak; <span class="badge weak">zwak</span> = alleen intenties of '
        'procesafspraken; <span class="badge gap">ontbreekt</span> = geen afspraak. Kolommen '
        "buiten de periode van de prioriteiten staan grijs, ter vergelijking.</p>"
    ]
    for name, priorities, period in PRIORITY_SETS:
        head = f"<tr><th>{e(name)}</th>" + "".join(
            f'<th class="{"" if _applies(a, period) else "na"}">{e(a.label)}</th>' for a, _ in areas
        )
        rows = []
        for p in priorities:
            cells = []
            for area, g in areas:
                t = g[g["theme_code"].isin(p.themes)]
                n = len(t)
                concrete = int((t["type"] == "concreet").sum())
                ja = int((t["smart"] == "ja").sum())
                status, label = (
                    ("ok", "gedekt")
                    if concrete
                    else ("weak", "zwak")
                    if n
                    else ("gap", "ontbreekt")
                )
                extra = ""
                if p.pattern:
                    hits = int(t["text"].str.contains(p.pattern, case=False, regex=True).sum())
                    extra = f'<span class="sub">EFG-doel genoemd: {hits}×</span>'
                na = "" if _applies(area, period) else " na"
                cells.append(
                    f'<td class="prio{na}"><span class="badge {status}">{label}</span> '
                    f'<span class="sub">{n} afspraken, {concrete} concreet, {ja} SMART</span>'
                    f"{extra}</td>"
                )
            themes = ", ".join(THEME_LABELS[t].lower() for t in p.themes)
            rows.append(
                f'<tr><th scope="row">{e(p.name)}<span class="sub">thema: {e(themes)}</span>'
                f"</th>{''.join(cells)}</tr>"
            )
        parts.append(
            f'<table class="data priorities"><thead>{head}</thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts)


def _parties(areas: list[tuple[Area, pd.DataFrame]]) -> str:
    parts = [
        '<section id="partijen"><h2>Wat partijen toezeggen</h2>'
        "<p>Per partij: in hoeveel afspraken zij zich verbindt, naar type, en de thema's van haar "
        "concrete afspraken.</p>"
    ]
    for area, g in areas:
        per_party: dict[str, list[Mapping[Any, Any]]] = {}
        for rec in g.to_dict("records"):
            for party in str(rec["parties"] or "").split("; "):
                if party.strip():
                    per_party.setdefault(party.strip(), []).append(rec)
        rows = []
        for party, recs in sorted(per_party.items(), key=lambda kv: -len(kv[1])):
            counts = [sum(r["type"] == t for r in recs) for t in AGREEMENT_TYPES]
            ja = sum(r["smart"] == "ja" for r in recs)
            themes: dict[str, int] = {}
            for r in recs:
                if r["type"] == "concreet":
                    themes[r["theme_code"]] = themes.get(r["theme_code"], 0) + 1
            theme_text = ", ".join(
                f"{THEME_LABELS.get(t, t).lower()} ({n})"
                for t, n in sorted(themes.items(), key=lambda kv: -kv[1])
            )
            rows.append(
                f'<tr><th scope="row">{e(party)}</th><td class="num">{len(recs)}</td>'
                + "".join(f'<td class="num">{c}</td>' for c in counts)
                + f'<td class="num">{ja}</td><td>{e(theme_text) or "–"}</td></tr>'
            )
        head = (
            "<tr><th>Partij</th><th>Afspraken</th>"
            + "".join(f"<th>{TYPE_NAMES[t]}</th>" for t in AGREEMENT_TYPES)
            + "<th>SMART</th><th>Concreet op thema</th></tr>"
        )
        parts.append(
            f"<h3>{e(area.label)}</h3>"
            f'<table class="data parties"><thead>{head}</thead>'
            f"<tbody>{''.join(rows) or '<tr><td colspan=7>Geen partijen herkend.</td></tr>'}"
            "</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts)


# --- per document -----------------------------------------------------------------------


def highlight(text: str, evidence: Mapping[str, Iterable[Mapping[str, Any]]]) -> str:
    """Escaped text with SMART evidence spans marked; overlapping spans share a mark.

    Offsets index the text; a span whose offsets do not match is looked up by its text, and
    left out when it is not found.
    """
    marks: list[tuple[int, int, str, bool, str]] = []
    for letter, spans in evidence.items():
        for span in spans:
            start, end = int(span.get("start", -1)), int(span.get("end", -1))
            piece = str(span.get("text", ""))
            if not (0 <= start < end <= len(text) and text[start:end] == piece):
                found = text.find(piece) if piece else -1
                if found < 0:
                    continue
                start, end = found, found + len(piece)
            supports = bool(span.get("supports", True))
            marks.append((start, end, letter, supports, str(span.get("cue", ""))))
    if not marks:
        return e(text)
    bounds = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in itertools.pairwise(bounds):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        piece = e(text[a:b])
        if not covering:
            out.append(piece)
            continue
        letters = sorted({m[2] for m in covering}, key=SMART_LETTERS.index)
        against = sorted({m[2] for m in covering if not m[3]}, key=SMART_LETTERS.index)
        title = "; ".join(f"{m[2]}{'' if m[3] else ' (tegen)'}: {m[4]}" for m in covering)
        classes = " ".join(["ev", f"ev-{letters[0]}", *(["ev-neg"] if against else [])])
        # The letters are printed after the last piece of each span, so print shows them too.
        ends_here = sorted({m[2] for m in covering if m[1] == b}, key=SMART_LETTERS.index)
        tag = ""
        if ends_here:
            tag = (
                "<sup>"
                + "".join(
                    f'<b class="l-{x}">{x}{"✗" if x in against else ""}</b>' for x in ends_here
                )
                + "</sup>"
            )
        out.append(f'<mark class="{classes}" title="{e(title)}">{piece}</mark>{tag}')
    return "".join(out)


def _letters_html(rec: Mapping[Any, Any]) -> str:
    parts = []
    for letter, column in zip(SMART_LETTERS, LETTER_COLUMNS, strict=True):
        on = bool(rec[column])
        parts.append(
            f'<span class="letter {"on" if on else "off"}" title="{letter}: '
            f'{"ja" if on else "nee"}">{letter}</span>'
        )
    return "".join(parts)


def _cue_list(spans_json: str) -> str:
    try:
        spans = json.loads(spans_json) if spans_json else []
    except json.JSONDecodeError:
        return ""
    words = list(dict.fromkeys(str(s.get("text", "")).strip() for s in spans))
    return "; ".join(w for w in words if w)


def _document(doc: Mapping[Any, Any], group: pd.DataFrame) -> str:
    """A document's section: its heading, parties, filters and a table of its agreements."""
    doc_id = str(doc["document_id"])
    source = Path(str(doc["source_file"])).name
    municipality = doc.get("municipality") or "gemeente onbekend"
    start, end = _year(doc.get("period_start")), _year(doc.get("period_end"))
    period = f" {start}-{end}" if start and end else (f" {start}" if start else "")
    head = (
        f'<section class="document" id="doc-{e(doc_id)}" data-document="{e(doc_id)}">'
        f"<h2>{e(municipality)}{e(period)} <small>{e(source)}</small></h2>"
    )
    if doc.get("status") == "failed":
        return head + f'<p class="failed">Niet verwerkt: {e(doc.get("error", ""))}</p></section>'
    if doc.get("status") == "skipped":  # the document gate: not an agreement document
        reason = str(doc.get("gate_reason", "")).removeprefix("geen prestatieafspraken: ")
        return head + (
            f'<p class="warn">Overgeslagen, geen prestatieafspraken: {e(reason)}. Met '
            "<code>prestatie run --no-gate</code> wordt het toch verwerkt.</p></section>"
        )
    meta = (
        f'<p class="meta">Partijen: {e(doc.get("parties", "")) or "–"}. '
        f"{len(group)} afspraken; pagina's: {e(doc.get('pages', ''))}.</p>"
    )
    if not len(group):
        return (
            head
            + meta
            + '<p class="warn">Geen afspraken gevonden: de tekst is gelezen, maar niets is '
            "als afspraak herkend. Controleer of het bestand prestatieafspraken bevat.</p>"
            "</section>"
        )
    rows = [_agreement_row(rec) for rec in group.sort_values("ordinal").to_dict("records")]
    table = (
        '<table class="data agreements"><thead><tr><th>#</th><th>Afspraak (bewijs gemarkeerd)'
        "</th><th>Type</th><th>Thema</th><th>SMART</th><th>Partijen</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return head + meta + _filters(group) + table + "</section>"


def _filters(group: pd.DataFrame) -> str:
    """A document's filter form: type, theme and verdict with their counts, review, search."""

    def count(column: str, value: str) -> int:
        return int((group[column] == value).sum())

    options: dict[str, list[tuple[str, str]]] = {
        "type": [(t, f"{TYPE_NAMES[t]} ({count('type', t)})") for t in AGREEMENT_TYPES],
        "theme": [(t, f"{THEME_LABELS[t]} ({count('theme_code', t)})") for t in THEME_CODES],
        "smart": [(v, f"{VERDICT_NAMES[v]} ({count('smart', v)})") for v in SMART_VERDICTS],
    }
    labels = {"type": "Type", "theme": "Thema", "smart": "SMART"}
    selects = "".join(
        f'<label>{labels[k]} <select name="{k}"><option value="">alle</option>'
        + "".join(f'<option value="{e(v)}">{e(n)}</option>' for v, n in opts)
        + "</select></label>"
        for k, opts in options.items()
    )
    return (
        f'<form class="doc-filters" onsubmit="return false">{selects}'
        '<label><input type="checkbox" name="review"> alleen te controleren</label>'
        '<label>Zoek <input type="search" name="q" placeholder="tekst"></label>'
        f'<output class="count">{len(group)} van {len(group)} afspraken</output></form>'
    )


def _agreement_row(rec: Mapping[Any, Any]) -> str:
    """One agreement of a document's table: its text with the evidence marked, and labels."""
    text = f"{rec['lead_in']} {rec['text']}" if rec["lead_in"] else str(rec["text"])
    try:
        evidence = json.loads(rec["smart_evidence"]) if rec["smart_evidence"] else {}
    except json.JSONDecodeError:
        evidence = {}
    review = bool(rec["needs_review"])
    human = rec["label_source"] == "human"
    kind = f" ({e(rec['concrete_kind'])})" if rec["concrete_kind"] else ""
    flags = ('<span class="flag review">controleren</span>' if review else "") + (
        '<span class="flag human">gecorrigeerd</span>' if human else ""
    )
    # A reviewer's label is shown as such: the model's score and cue words belong to the
    # label it replaced.
    basis = (
        '<span class="sub">label van de beoordelaar</span>'
        if human
        else f'<span class="sub">score {float(rec["type_score"]):.2f}</span>'
        f'<span class="sub cues">{e(_cue_list(rec["type_evidence"]))}</span>'
    )
    return (
        f'<tr class="agr{" needs-review" if review else ""}" id="a-{e(rec["afspraak_id"])}" '
        f'data-type="{e(rec["type"])}" data-theme="{e(rec["theme_code"])}" '
        f'data-smart="{e(rec["smart"])}" data-review="{"1" if review else "0"}">'
        f'<td class="num">{e(rec["ordinal"])}<span class="sub">{e(rec["number"])}</span>'
        f'<span class="sub">p. {e(rec["page_start"])}</span></td>'
        f'<td class="text"><span class="heading">{e(rec["heading"])}</span>'
        f"{highlight(text, evidence)}</td>"
        f'<td><span class="type t-{e(rec["type"])}">{e(rec["type"])}</span>{kind}'
        f"{basis}{flags}</td>"
        f"<td>{e(THEME_LABELS.get(str(rec['theme_code']), rec['theme_code']))}</td>"
        f'<td><span class="letters">{_letters_html(rec)}</span>'
        f'<span class="verdict v-{e(rec["smart"])}">{e(rec["smart"])}</span></td>'
        f'<td class="parties">{e(rec["parties"])}</td></tr>'
    )


# --- page -------------------------------------------------------------------------------


def _stale_box(stale: pd.DataFrame | None) -> str:
    if stale is None or not len(stale):
        return ""
    items = "".join(
        f"<li><b>{e(r['afspraak_id'])}</b>: {e(r['reason'])}. Correctie: "
        f"{e(r['corrected_labels'])}. Tekst bij beoordeling: <q>{e(r['text_at_review'])}</q>"
        + (f". Wijziging: {e(r['change'])}" if r.get("change") else "")
        + "</li>"
        for r in stale.to_dict("records")
    )
    return (
        f'<section id="stale" class="stale"><h2>{len(stale)} correctie(s) niet toegepast</h2>'
        "<p>De tekst van deze afspraken is veranderd sinds de beoordeling; beoordeel ze "
        f"opnieuw (zie corrections_stale.csv).</p><ul>{items}</ul></section>"
    )


def build_report(
    afspraken: pd.DataFrame, documenten: pd.DataFrame, stale: pd.DataFrame | None = None
) -> str:
    """The whole report as one HTML string."""
    areas = _areas(afspraken) if len(afspraken) else []
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    versions = ", ".join(sorted(set(afspraken.get("model_version", pd.Series(dtype=str)))))
    docs = documenten.to_dict("records")
    nav = "".join(
        f'<li><a href="#doc-{e(d["document_id"])}">'
        f"{e(d.get('municipality') or Path(str(d['source_file'])).name)} "
        f"({e(Path(str(d['source_file'])).name)})</a></li>"
        for d in docs
    )
    sections = []
    if areas:
        sections += [
            _overview(areas),
            _over_time(areas),
            _themes(areas),
            _priorities(areas),
            _parties(areas),
        ]
    else:
        sections.append(
            '<section id="overzicht"><h2>Overzicht</h2><p>Geen afspraken.</p></section>'
        )
    by_doc = {str(k): g for k, g in afspraken.groupby("document_id", sort=False)}
    for d in docs:
        sections.append(_document(d, by_doc.get(str(d["document_id"]), afspraken.iloc[0:0])))
    legend = (
        '<p class="legend-box">Bewijs in de tekst: '
        + "".join(f'<mark class="ev ev-{x}">{x}</mark>' for x in SMART_LETTERS)
        + '<mark class="ev ev-neg">✗ tegen</mark> (tekst die tegen de letter pleit, zoals een '
        "voorbehoud). Beweeg over een markering voor de regel die haar vond.</p>"
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Prestatieafspraken: vergelijking</title>"
        f"<style>{CSS}</style><script>{ERROR_HOOK}</script></head><body>"
        '<div id="js-error" hidden></div>'
        "<header><h1>Prestatieafspraken: vergelijking van gemeenten</h1>"
        f'<p class="sub">{len(docs)} document(en), {len(afspraken)} afspraken. '
        f"Gemaakt {e(now)}; model {e(versions) or '–'}. Labels met "
        '<span class="flag human">gecorrigeerd</span> zijn door een beoordelaar gezet; '
        '<span class="flag review">controleren</span> heeft een lage zekerheid.</p></header>'
        '<nav><strong>Inhoud</strong><ul><li><a href="#overzicht">Overzicht</a></li>'
        '<li><a href="#ontwikkeling">Ontwikkeling in de tijd</a></li>'
        '<li><a href="#themas">Thema\'s</a></li><li><a href="#prioriteiten">Nationale '
        'prioriteiten</a></li><li><a href="#partijen">Partijen</a></li>'
        f"{nav}</ul></nav>{_stale_box(stale)}{legend}{''.join(sections)}"
        f"<script>{SCRIPT}</script></body></html>"
    )

"""The first pages of the handover file: "Stand van zaken" and the checklist.

What a receiving GI or wijkteam reads in five minutes: how safe it is now (the latest
score with its date, against the agreed "6"), what happened since that score, which
actions are open (who, by when), gezag and maatregel per child, who holds regie and
which roles are filled, what is planned next, and what the family knows of the
handover. Every value comes from ``domain.case_state`` (one source for "now"), so no
later page can contradict it. Then the checklist of the 100% schone overdracht, each
part with the page where it is found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.platypus import Flowable, Paragraph, Table

from casusregie.domain.case_state import CaseState
from casusregie.domain.model import CaseFile
from casusregie.domain.rules.handover import HANDOVER_SET
from casusregie.reports.base import (
    GREY,
    LIGHT,
    Heading,
    PageRef,
    Styles,
    column_widths,
    dutch_date,
    keep_dates,
    para,
    table_style,
    text,
)

__all__ = ["checklist", "state_pages"]

MAX_EVENTS = 8
MAX_ACTIONS = 12


def _short(value: str, limit: int = 180) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _grid(rows: list[list[str]], width: float, st: Styles) -> Table:
    """A table whose columns fit their content (no word broken where there is room)."""
    widths = column_widths(rows[0], rows[1:], width, st.cell.fontSize)
    data = [
        [Paragraph(keep_dates(c), st.cell_bold if r == 0 else st.cell) for c in row]
        for r, row in enumerate(rows)
    ]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, GREY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        )
    )
    return table


def _date(day: dt.date | None) -> str:
    return dutch_date(day) if day else "geen datum"


def state_pages(cf: CaseFile, state: CaseState, st: Styles, width: float) -> list[Flowable]:
    c = cf.case
    out: list[Flowable] = [
        Heading("Overdracht: stand van zaken", st.title, ["stand"]),
        Paragraph(
            text(
                f"Gezin {c.family_name} · regisseur {c.regisseur or 'onbekend'} · "
                f"gemaakt op {dutch_date(state.today)}"
            ),
            st.subtitle,
        ),
    ]
    # -- safety now
    out.append(Paragraph("Veiligheid nu", st.h2))
    s = state.safety
    if s is None:
        out.append(Paragraph("Er is nog geen cijfer voor de directe veiligheid gegeven.", st.body))
    else:
        verdict = (
            f"<b>onder de afgesproken {state.bottom}</b>: terug naar het veiligheidsplan"
            if state.below_bottom
            else f"op of boven de afgesproken {state.bottom}"
        )
        out.append(
            Paragraph(
                f"<b>Directe veiligheid: {s.score} van 10</b>, gegeven op {text(_date(s.day))} "
                f"in {text(s.source)}; {verdict}.",
                st.body,
            )
        )
        if s.reason.strip():
            out.append(Paragraph(f"<b>Waarom:</b> {text(_short(s.reason, 400))}", st.body))
        earlier = [t for t in state.trend if t is not s][-4:]
        if earlier:
            trend = "; ".join(f"{t.score} ({_date(t.day)}, {t.source})" for t in earlier)
            out.append(Paragraph(text(f"Eerder: {trend}."), st.small))
    # -- since the last taxatie
    since = state.since_taxatie
    when = _date(state.taxatie_day) if state.taxatie_day else "de laatste taxatie"
    out.append(Paragraph(text(f"Gebeurd sinds de laatste taxatie ({when})"), st.h2))
    if state.taxatie_day is None:
        out.append(Paragraph("Er is nog geen taxatie met een datum.", st.body))
    elif not since:
        out.append(Paragraph("Er zijn geen nieuwe gebeurtenissen vastgelegd.", st.body))
    for e in since[-MAX_EVENTS:]:
        out.append(
            Paragraph(
                f"<b>{text(dutch_date(e.date))}</b>: {text(_short(e.description))}",
                st.bullet,
                bulletText="•",
            )
        )
    if len(since) > MAX_EVENTS:
        out.append(Paragraph(f"En {len(since) - MAX_EVENTS} eerdere; zie de tijdlijn.", st.small))
    # -- open actions
    out.append(Paragraph("Open acties", st.h2))
    actions = state.open_actions
    if not actions:
        out.append(Paragraph("Er staan geen acties open.", st.body))
    else:
        rows = [["Wat", "Wie", "Uiterlijk"]]
        for a in actions[:MAX_ACTIONS]:
            late = a.deadline is not None and a.deadline < state.today
            due = _date(a.deadline) if a.deadline else "geen datum"
            rows.append(
                [
                    text(_short(a.what, 140) or "(geen omschrijving)"),
                    text(a.owner) or "<b>niemand</b>",
                    f"<b>{text(due)}, over tijd</b>" if late else text(due),
                ]
            )
        out.append(_grid(rows, width, st))
        if len(actions) > MAX_ACTIONS:
            out.append(
                Paragraph(
                    f"En nog {len(actions) - MAX_ACTIONS} open acties met een latere datum.",
                    st.small,
                )
            )
    # -- children
    out.append(Paragraph("Kinderen: gezag en maatregel", st.h2))
    if not state.children:
        out.append(Paragraph("Er staan geen kinderen in de casus.", st.body))
    else:
        rows = [["Kind", "Leeftijd", "Gezag", "Maatregel"]]
        for child in state.children:
            rows.append(
                [
                    text(child.person.name or "(naam onbekend)"),
                    f"{child.age} jaar" if child.age is not None else "onbekend",
                    text(child.gezag),
                    text(child.maatregel),
                ]
            )
        out.append(_grid(rows, width, st))
    # -- regie and roles
    out.append(Paragraph("Regie en rollen", st.h2))
    same = state.regie.strip().lower() == state.phase_label.strip().lower()
    head = (
        [("Fase en regie", state.phase_label)]
        if same
        else [("Fase", state.phase_label), ("Regie", state.regie)]
    )
    lines = [*head, *state.roles]
    for label, value in lines:
        out.append(Paragraph(f"<b>{text(label)}:</b> {text(keep_dates(value))}", st.body))
    # -- what comes next
    out.append(Paragraph("Wat staat er gepland", st.h2))
    nb = state.next_netwerkberaad
    if nb is None:
        out.append(Paragraph("<b>Netwerkberaad:</b> nog niet gepland.", st.body))
    else:
        late = nb < state.today
        how = "afgesproken" if state.next_netwerkberaad_agreed else "uiterlijk (elke 13 weken)"
        last = (
            f"; het laatste was op {_date(state.last_netwerkberaad)}"
            if state.last_netwerkberaad
            else ""
        )
        late_text = " <b>Te laat: plan het nu.</b>" if late else ""
        out.append(
            Paragraph(
                f"<b>Volgend netwerkberaad:</b> {how} {text(_date(nb))}{text(last)}.{late_text}",
                st.body,
            )
        )
    for label, day in state.evaluations:
        passed = " <b>(verstreken)</b>" if day < state.today else ""
        out.append(Paragraph(f"<b>{text(label)}:</b> {text(_date(day))}{passed}", st.body))
    # -- the family and the handover
    out.append(Paragraph("Wat weet het gezin van de overdracht?", st.h2))
    if state.successor.strip():
        out.append(Paragraph(f"<b>Opvolger:</b> {text(state.successor)}", st.body))
    if state.family_informed_on is not None:
        out.append(
            Paragraph(
                f"<b>Met het gezin besproken op:</b> {text(_date(state.family_informed_on))}",
                st.body,
            )
        )
    if state.family_knows.strip():
        out.append(para(_short(state.family_knows, 900), st.body))
    elif state.family_informed_on is None:
        out.append(
            Paragraph(
                "<b>Niet vastgelegd.</b> Bespreek de overdracht met het gezin en schrijf op "
                "wat zij weten (Tijdlijn, onderdeel Overdracht van de regie).",
                st.body,
            )
        )
    return out


def checklist(
    cf: CaseFile, st: Styles, width: float, anchor: Callable[[str, str], str]
) -> list[Flowable]:
    """The nine parts of the schone overdracht, each with its state and its page."""
    rows: list[list[Flowable]] = [
        [Paragraph(h, st.cell_bold) for h in ("Onderdeel", "Stand")]
        + [Paragraph("Blz.", st.cell_bold)]
    ]
    done = 0
    for part in HANDOVER_SET:
        ok = part.present(cf)
        done += ok
        rows.append(
            [
                Paragraph(text(part.label), st.cell),
                Paragraph("✓ compleet" if ok else "<b>✗ ontbreekt</b>", st.cell),
                PageRef(anchor(part.target.template, part.target.section), st.cell.fontSize),
            ]
        )
    table = Table(rows, colWidths=[width * 0.68, width * 0.2, width * 0.12], repeatRows=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.4, GREY),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        )
    )
    summary = f"{done} van {len(HANDOVER_SET)} onderdelen compleet."
    if done < len(HANDOVER_SET):
        summary += " Vul aan wat ontbreekt voordat je overdraagt."
    return [
        Heading("Schone overdracht: is alles er?", st.h1, ["checklist"]),
        table,
        Paragraph(text(summary), st.body),
        Paragraph("Blz.: de pagina in dit bestand waar het onderdeel staat.", st.small),
    ]

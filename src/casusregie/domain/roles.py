"""Who holds which role in a case: casusregisseur, procesregisseur, doorzettingsmacht, the
kernteam and its schillen, and the handover itself.

Seed 002 (MDA++): "Per casus vindt besluitvorming plaats welke professional [...] geschikt
is om de taak Casusregie uit te voeren en of de casusregisseur doorzettingsmacht heeft of
niet"; "De specifieke samenstelling van een kernteam, eerste en tweede schil, is
afhankelijk van de regionale doelbepaling". Seed 004: "Om de samenwerking in goede banen
te leiden, zijn er procesregisseurs en casusregisseurs."

The data are answers to the ``rollen`` template (``resources/templates/rollen.json``):

- ``rollen.regie`` (one per case): ``casusregisseur``, ``casusregisseur_organisatie``,
  ``casusregisseur_sinds``, the same three for ``procesregisseur``, and
  ``doorzettingsmacht`` (who) with ``doorzettingsmacht_toelichting``;
- ``rollen.kernteam`` (rows): ``naam``, ``organisatie``, ``rol``, ``schil``
  (``kernteam`` / ``eerste_schil`` / ``tweede_schil``), ``sinds``, ``tot``;
- ``rollen.overdracht`` (one per case): ``aan_wie``, ``organisatie``, ``datum``,
  ``samen_met_gezin`` (``ja``/``nee``), ``toelichting``.

Every field is marked ``handover``, so the overdracht report carries them. ``case_roles``
reads them into plain values for the overview and the papers; the casusregisseur falls
back to ``Case.regisseur`` when the template is still empty. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile
from casusregie.domain.rules.base import answer, filled, items, parse_day

__all__ = [
    "SCHILLEN",
    "CaseRoles",
    "Handover",
    "Holder",
    "TeamMember",
    "case_roles",
    "role_lines",
]

TEMPLATE = "rollen"
#: schil value -> Dutch, inner first
SCHILLEN = {
    "kernteam": "Kernteam",
    "eerste_schil": "Eerste schil",
    "tweede_schil": "Tweede schil",
}


@dataclass(frozen=True)
class Holder:
    """Who holds a role, for which organisation, since when ('' / None when unknown)."""

    name: str = ""
    organisation: str = ""
    since: dt.date | None = None


@dataclass(frozen=True)
class TeamMember:
    name: str
    organisation: str
    role: str
    schil: str  #: a key of ``SCHILLEN``, or '' when not chosen
    since: dt.date | None = None
    until: dt.date | None = None

    def active(self, today: dt.date) -> bool:
        return self.until is None or self.until >= today


@dataclass(frozen=True)
class Handover:
    to: str = ""
    organisation: str = ""
    on: dt.date | None = None
    with_family: bool | None = None  #: None: not recorded
    notes: str = ""

    @property
    def recorded(self) -> bool:
        return bool(self.to or self.on)


@dataclass(frozen=True)
class CaseRoles:
    casusregisseur: Holder
    procesregisseur: Holder
    doorzettingsmacht: str  #: who, as written; '' when not recorded
    team: tuple[TeamMember, ...] = field(default_factory=tuple)
    handover: Handover = field(default_factory=Handover)

    def members(self, schil: str, today: dt.date) -> list[TeamMember]:
        return [m for m in self.team if m.schil == schil and m.active(today)]


def _text(cf: CaseFile, section: str, key: str) -> str:
    value = answer(cf, TEMPLATE, section, key)
    return str(value).strip() if filled(value) else ""


def _holder(cf: CaseFile, role: str) -> Holder:
    return Holder(
        _text(cf, "regie", role),
        _text(cf, "regie", f"{role}_organisatie"),
        parse_day(answer(cf, TEMPLATE, "regie", f"{role}_sinds")),
    )


def case_roles(cf: CaseFile) -> CaseRoles:
    casus = _holder(cf, "casusregisseur")
    if not casus.name and cf.case.regisseur.strip():
        casus = Holder(cf.case.regisseur.strip(), casus.organisation, casus.since)
    team = tuple(
        TeamMember(
            name=str(i.answers.get("naam") or "").strip(),
            organisation=str(i.answers.get("organisatie") or "").strip(),
            role=str(i.answers.get("rol") or "").strip(),
            schil=str(i.answers.get("schil") or ""),
            since=parse_day(i.answers.get("sinds")),
            until=parse_day(i.answers.get("tot")),
        )
        for i in items(cf, TEMPLATE, "kernteam")
    )
    together = answer(cf, TEMPLATE, "overdracht", "samen_met_gezin")
    handover = Handover(
        to=_text(cf, "overdracht", "aan_wie"),
        organisation=_text(cf, "overdracht", "organisatie"),
        on=parse_day(answer(cf, TEMPLATE, "overdracht", "datum")),
        with_family={"ja": True, "nee": False}.get(str(together)),
        notes=_text(cf, "overdracht", "toelichting"),
    )
    return CaseRoles(
        casusregisseur=casus,
        procesregisseur=_holder(cf, "procesregisseur"),
        doorzettingsmacht=_text(cf, "regie", "doorzettingsmacht"),
        team=team,
        handover=handover,
    )


def _dutch(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()


def _holder_text(holder: Holder) -> str:
    if not holder.name:
        return "niet vastgelegd"
    extra = ", ".join(
        part
        for part in (holder.organisation, f"sinds {_dutch(holder.since)}" if holder.since else "")
        if part
    )
    return f"{holder.name} ({extra})" if extra else holder.name


def role_lines(roles: CaseRoles, today: dt.date) -> list[tuple[str, str]]:
    """(Dutch label, text): who holds regie, doorzettingsmacht, the kernteam and its
    schillen, and the handover when it happened. The one wording of the roles, for the
    overview on screen and the handover's "Stand van zaken" on paper alike."""
    lines = [
        ("Casusregisseur", _holder_text(roles.casusregisseur)),
        ("Procesregisseur", _holder_text(roles.procesregisseur)),
        ("Doorzettingsmacht", roles.doorzettingsmacht or "niet vastgelegd"),
    ]
    for key, label in SCHILLEN.items():
        members = roles.members(key, today)
        if members:
            names = ", ".join(
                f"{m.name} ({m.organisation})" if m.organisation else m.name for m in members
            )
            lines.append((label, names))
    if roles.handover.recorded:
        h = roles.handover
        together = ""
        if h.with_family is not None:
            together = ", samen met het gezin" if h.with_family else ", zonder het gezin"
        when = f" op {_dutch(h.on)}" if h.on else ""
        lines.append(("Overgedragen", f"aan {h.to or '?'}{when}{together}"))
    return lines

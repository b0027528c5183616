"""Phase of the case (seed 003, tabel 2): who holds regie, who does the
veiligheidstaxatie and who takes the kernbesluiten, in each phase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, GiProduct, Phase
from casusregie.domain.rules.base import Finding, RuleSettings, Target

__all__ = ["RULE", "PhaseRoles", "check", "phase_changes", "roles"]

RULE = "fase"


@dataclass(frozen=True)
class PhaseRoles:
    regie: str
    veiligheidstaxatie: str
    kernbesluiten: str


def roles(phase: str, gi_product: str | None = None) -> PhaseRoles:
    if phase == Phase.MAATREGEL_GI.value:
        return PhaseRoles(
            regie="GI (gedwongen kader, kinderbeschermingsmaatregel)",
            veiligheidstaxatie="GI",
            kernbesluiten="GI (het lokaal team regelt hulp voor kinderen zonder maatregel, "
            "in overleg met de GI)",
        )
    if phase == Phase.LOKAAL_TEAM_GI.value:
        if gi_product == GiProduct.VERANTWOORDELIJK.value:
            return PhaseRoles(
                regie="Lokaal team, de GI ondersteunt",
                veiligheidstaxatie="GI, het lokaal team ondersteunt (product 2b)",
                kernbesluiten="GI neemt de kernbesluiten over veiligheid (2b); andere "
                "kernbesluiten het lokaal team",
            )
        return PhaseRoles(
            regie="Lokaal team, de GI ondersteunt",
            veiligheidstaxatie="Lokaal team; de GI ondersteunt en adviseert (product "
            f"{gi_product or '1/2a'})",
            kernbesluiten="Lokaal team",
        )
    # lokaal team, and lokaal team na borging
    return PhaseRoles(
        regie="Lokaal team",
        veiligheidstaxatie="Lokaal team",
        kernbesluiten="Lokaal team (de GI kan tijdig worden betrokken om herhaling van een "
        "maatregel te voorkomen)"
        if phase == Phase.NA_BORGING.value
        else "Lokaal team",
    )


def phase_changes(
    history: Iterable[tuple[dt.date, str | None, str | None]],
) -> list[tuple[dt.date, str]]:
    """Phase changes as tijdlijn entries: (date, Dutch description), oldest first.

    ``history`` holds (date, old phase, new phase) from the change log of ``case.phase``.
    """
    out = []
    for day, old, new in sorted(history, key=lambda h: h[0]):
        if new is None or old == new:
            continue
        if old is None:
            out.append((day, f"Start casus, fase: {Phase.label_of(new)}"))
        else:
            out.append((day, f"Fase gewijzigd: {Phase.label_of(old)} → {Phase.label_of(new)}"))
    return out


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    r = roles(cf.case.phase, cf.case.gi_product)
    label = Phase.label_of(cf.case.phase)
    findings = [
        Finding(
            RULE,
            "fase",
            f"Fase: {label}. Regie: {r.regie}. Veiligheidstaxatie: {r.veiligheidstaxatie}. "
            f"Kernbesluiten: {r.kernbesluiten}.",
            level="info",
            target=Target(entity_type="case", entity_id=cf.case.id, field="phase"),
        )
    ]
    if cf.case.phase == Phase.LOKAAL_TEAM_GI.value and not cf.case.gi_product:
        findings.append(
            Finding(
                RULE,
                "gi_product_ontbreekt",
                "De GI is betrokken, maar het product (1, 2a of 2b) is niet vastgelegd: "
                "daarvan hangt af wie de veiligheidstaxatie doet.",
                target=Target(entity_type="case", entity_id=cf.case.id, field="gi_product"),
            )
        )
    return findings

"""Phase of the case (seed 003, tabel 2): who holds regie, who does the
veiligheidstaxatie and who takes the kernbesluiten, in each phase.

Seed 003, inkoopproducten: product 2b is "Casusregie bij de GI in het vrijwillig kader,
samen optrekken met het Lokale Team"; "Voor product 2b geldt dat de
eindverantwoordelijkheid voor de veiligheidsinschatting van de minderjarige en daarmee
de regie op de inzet van specialistische jeugdhulp bij de GI ligt." Products 2a and 2b
belong to the phase "lokaal team met expertise van de GI"; product 1 (consultatie,
sparren) can be asked in any voluntary phase; in a maatregel the GI holds regie and no
product applies. A phase and product that contradict each other are a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, GiProduct, Phase
from casusregie.domain.rules.base import (
    AANDACHT,
    ADMINISTRATIEF,
    INFO,
    Finding,
    RuleSettings,
    Target,
)

__all__ = [
    "FITTING_PRODUCTS",
    "RULE",
    "PhaseRoles",
    "check",
    "contradiction",
    "phase_changes",
    "roles",
]

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
                regie="GI (casusregie bij de GI in het vrijwillig kader, samen met het "
                "lokaal team; product 2b)",
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


#: phase -> the GI products that fit it (None: no product)
FITTING_PRODUCTS: dict[str, frozenset[str | None]] = {
    Phase.LOKAAL_TEAM.value: frozenset({None, GiProduct.CONSULT.value}),
    Phase.LOKAAL_TEAM_GI.value: frozenset(
        {None, GiProduct.CONSULT.value, GiProduct.ADVIES.value, GiProduct.VERANTWOORDELIJK.value}
    ),
    Phase.MAATREGEL_GI.value: frozenset({None}),
    Phase.NA_BORGING.value: frozenset({None, GiProduct.CONSULT.value}),
}


def contradiction(phase: str, gi_product: str | None) -> bool:
    """Phase and GI product do not fit together (see the module docstring)."""
    return gi_product not in FITTING_PRODUCTS.get(phase, frozenset({gi_product}))


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    r = roles(cf.case.phase, cf.case.gi_product)
    label = Phase.label_of(cf.case.phase)
    findings = [
        Finding(
            RULE,
            "fase",
            f"Fase: {label}. Regie: {r.regie}. Veiligheidstaxatie: {r.veiligheidstaxatie}. "
            f"Kernbesluiten: {r.kernbesluiten}.",
            severity=INFO,
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
                ADMINISTRATIEF,
                target=Target(entity_type="case", entity_id=cf.case.id, field="gi_product"),
            )
        )
    if contradiction(cf.case.phase, cf.case.gi_product):
        findings.append(
            Finding(
                RULE,
                "fase_product_tegenstrijdig",
                f"Fase en product spreken elkaar tegen: fase '{label}', maar "
                f"{GiProduct.label_of(cf.case.gi_product)}. Producten 2a en 2b horen bij de "
                "fase 'Lokaal team met expertise van de GI'; bij een maatregel heeft de GI de "
                "regie zonder product. Pas de fase of het product aan.",
                AANDACHT,
                target=Target(entity_type="case", entity_id=cf.case.id, field="gi_product"),
            )
        )
    return findings

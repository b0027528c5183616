"""Weging en veiligheidstaxatie: act on the ARIJ, and weigh again when the method says so.

- **Direct veiligstellen** (seed 003, veiligheidstaxatie instrument ARIJ: "Per item zijn
  er drie conclusies mogelijk: veilig, onveilig, direct veiligstellen"): any item of the
  taxatie on direct veiligstellen is acute.
- **Incident after the last taxatie**: the taxatie is older than the latest incident on
  the tijdlijn (seed 003: "De inschatting van de directe veiligheid kan veranderen doordat
  de situatie in het gezin veranderd. Deze inschatting blijft doorlopen"; "Zodra er
  (opnieuw) signalen zijn over de directe veiligheid wordt eerst het veiligheidsplan weer
  centraal gesteld"). Acute. An incident on the taxatie's own day counts as taxed.
- **New weging needed** (seed 003, "Wanneer weeg je? Je maakt altijd een weging bij
  schakelmomenten van regievoerder voor een gezin (afschalen en opschalen), bij de start
  (melding) of tijdens de uitvoering van een zaak wanneer er (ernstige) signalen en/of
  problemen zijn", among them "zorgmeldingen betrokken instanties" and "huiselijk
  geweld"): no weging yet; a zorgmelding or incident after the latest weging; or the
  phase of the case differs from the phase recorded with the latest weging.

Incidents and zorgmeldingen are tijdlijn events with ``category`` "incident" or
"zorgmelding" (the tijdlijn's "Soort gebeurtenis"). A date known to the month counts
from the month's last day, so an incident "in november" is never taken as taxed by a
taxatie of 10 November.
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, LifeEvent, Phase
from casusregie.domain.rules.base import (
    AANDACHT,
    ACUUT,
    Finding,
    RuleSettings,
    Target,
    answer,
    form,
    instances,
    parse_day,
)

__all__ = [
    "ARIJ_ITEMS",
    "INCIDENT",
    "RULE",
    "ZORGMELDING",
    "check",
    "direct_veiligstellen",
    "incidents",
    "last_weging",
]

RULE = "weging"
INCIDENT = "incident"
ZORGMELDING = "zorgmelding"
DIRECT = "direct_veiligstellen"
#: the eight ARIJ items of the veiligheidsplan's taxatie (key -> Dutch)
ARIJ_ITEMS = {
    "fysieke_mishandeling": "fysieke mishandeling",
    "seksueel_misbruik": "seksueel misbruik",
    "ernstige_verwaarlozing": "ernstige verwaarlozing",
    "psychiatrie_opvoeders": "psychiatrische problematiek opvoeders",
    "gedragsproblemen_kind": "gedragsproblemen waardoor het kind een gevaar voor zichzelf is",
    "psychische_mishandeling": "acute ernstige psychische mishandeling",
    "ontvoering": "dreiging van ontvoering",
    "andere_onveiligheid": "andere vormen van directe onveiligheid van het kind",
}


def _nl(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()


def direct_veiligstellen(cf: CaseFile) -> list[str]:
    """The ARIJ items concluded 'direct veiligstellen', in the instrument's order."""
    return [key for key in ARIJ_ITEMS if answer(cf, "veiligheidsplan", "taxatie", key) == DIRECT]


def incidents(
    cf: CaseFile, kinds: tuple[str, ...] = (INCIDENT,)
) -> list[tuple[dt.date, LifeEvent]]:
    """Tijdlijn events of the given categories with a readable date, oldest first."""
    out = []
    for event in cf.life_events:
        if event.category in kinds:
            day = parse_day(event.date)
            if day is not None:
                out.append((day, event))
    return sorted(out, key=lambda p: p[0])


def last_weging(cf: CaseFile) -> tuple[dt.date, str] | None:
    """(date, occasion) of the latest weging with a decision date."""
    dated = [(d, i) for d, i in instances(cf, "weging", "besluit", "datum") if d is not None]
    return dated[-1] if dated else None


def _taxatie(cf: CaseFile, today: dt.date) -> list[Finding]:
    out = []
    direct = direct_veiligstellen(cf)
    if direct:
        items = ", ".join(ARIJ_ITEMS[k] for k in direct)
        out.append(
            Finding(
                RULE,
                "direct_veiligstellen",
                f"ARIJ: direct veiligstellen ({items}). Regel vandaag de veiligheid van het "
                "kind; zo nodig met Veilig Thuis (0800-2000) of de politie (112).",
                ACUUT,
                Target(template="veiligheidsplan", section="taxatie", field=direct[0]),
            )
        )
    taxed = parse_day(answer(cf, "veiligheidsplan", "taxatie", "datum"))
    happened = [(d, e) for d, e in incidents(cf) if d <= today]
    if taxed is None:
        if happened or form(cf, "veiligheidsplan", "taxatie") is not None:
            out.append(
                Finding(
                    RULE,
                    "taxatie_zonder_datum",
                    "Er is geen datum van de veiligheidstaxatie (ARIJ): zonder datum is niet "
                    "te zien of de taxatie nog past bij wat er sindsdien gebeurde.",
                    AANDACHT,
                    Target(template="veiligheidsplan", section="taxatie", field="datum"),
                )
            )
        return out
    later = [(d, e) for d, e in happened if d > taxed]
    if later:
        day, _event = later[-1]
        out.append(
            Finding(
                RULE,
                "incident_na_taxatie",
                f"Incident op {_nl(day)}, na de laatste veiligheidstaxatie ({_nl(taxed)}): "
                "taxeer opnieuw met de ARIJ en stel het veiligheidsplan weer centraal.",
                ACUUT,
                Target(template="veiligheidsplan", section="taxatie", field="datum"),
            )
        )
    return out


def _weging(cf: CaseFile, today: dt.date) -> list[Finding]:
    last = last_weging(cf)
    target = Target(template="weging", section="besluit", field="datum")
    if last is None:
        return [
            Finding(
                RULE,
                "geen_weging",
                "Er is nog geen weging vastgelegd: weeg altijd bij de start (melding).",
                AANDACHT,
                target,
            )
        ]
    weighed, inst = last
    out = []
    signals = [(d, e) for d, e in incidents(cf, (INCIDENT, ZORGMELDING)) if weighed < d <= today]
    if signals:
        day, event = signals[-1]
        what = "Nieuwe zorgmelding" if event.category == ZORGMELDING else "Nieuw incident"
        out.append(
            Finding(
                RULE,
                "weging_na_melding",
                f"{what} op {_nl(day)}, na de laatste weging ({_nl(weighed)}): maak een "
                "nieuwe weging.",
                AANDACHT,
                Target(template="weging", instance=None),
            )
        )
    weighed_phase = answer(cf, "weging", "besluit", "fase_casus", instance=inst)
    if weighed_phase and weighed_phase != cf.case.phase:
        out.append(
            Finding(
                RULE,
                "weging_schakelmoment",
                f"Schakelmoment: de laatste weging ({_nl(weighed)}) was in de fase "
                f"'{Phase.label_of(str(weighed_phase))}', nu is het "
                f"'{Phase.label_of(cf.case.phase)}'. Maak een nieuwe weging.",
                AANDACHT,
                Target(template="weging", instance=None),
            )
        )
    return out


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    return _taxatie(cf, today) + _weging(cf, today)

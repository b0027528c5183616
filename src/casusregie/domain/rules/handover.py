"""100% schone overdracht: is the handover set complete?

A successor (another regisseur, the GI, the lokaal team after borging) must not start
over. Seed 003 names what a clean handover holds (tabel 2, informatiedeling: "Aanleiding,
Genogram, Tijdslijn (ingezette hulp met resultaat, feitelijke belangrijke gebeurtenissen
en belangrijke besluiten), Actuele, concrete feitelijke zorgen en krachten, Danger
statements/ veiligheidsafspraken, Patroon, Haalbare eindsituatie, Doelen"); each missing
part is named. Belangrijke besluiten count with their overwegingen (a kernbesluit with
the reason or the gedragswetenschapper's advice), and the current veiligheidstaxatie (a
dated ARIJ) is part of the set. Who the case went to, and whether together with the
family, is recorded in ``rollen.overdracht`` (``domain.roles``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, HelpStatus, RelationKind
from casusregie.domain.rules.base import (
    ADMINISTRATIEF,
    INFO,
    Finding,
    RuleSettings,
    Target,
    answer,
    filled,
    items,
)

__all__ = ["HANDOVER_SET", "RULE", "HandoverPart", "check", "missing"]

RULE = "overdracht"


@dataclass(frozen=True)
class HandoverPart:
    key: str
    label: str
    target: Target
    present: Callable[[CaseFile], bool]


def _aanleiding(cf: CaseFile) -> bool:
    return filled(cf.case.aanleiding) or any(
        filled(answer(cf, "tijdlijn", "aanleiding", k))
        for k in ("eerste_aanleiding", "laatste_aanleiding", "ergste_incident")
    )


def _genogram(cf: CaseFile) -> bool:
    return len(cf.persons) >= 2 and any(
        r.kind == RelationKind.PARENT_CHILD.value for r in cf.relations
    )


def _help_with_results(cf: CaseFile) -> bool:
    ended = [h for h in cf.help_episodes if h.status == HelpStatus.AFGESLOTEN.value]
    return bool(cf.help_episodes) and all(filled(h.result) for h in ended)


def _worries_strengths(cf: CaseFile) -> bool:
    return all(
        filled(answer(cf, "veiligheidsplan", "zorgen_krachten", k)) for k in ("zorgen", "krachten")
    )


def _decisions(cf: CaseFile) -> bool:
    return any(
        filled(i.answers.get("besluit"))
        and (filled(i.answers.get("waarom")) or filled(i.answers.get("advies_gw")))
        for i in items(cf, "kernbesluiten", "besluiten")
    )


HANDOVER_SET: tuple[HandoverPart, ...] = (
    HandoverPart("aanleiding", "Aanleiding", Target("tijdlijn", "aanleiding"), _aanleiding),
    HandoverPart(
        "genogram",
        "Genogram (personen en ouder-kindrelaties)",
        Target("genogram", "relaties"),
        _genogram,
    ),
    HandoverPart(
        "tijdlijn",
        "Tijdlijn met belangrijke gebeurtenissen",
        Target("tijdlijn", "tijdlijn"),
        lambda cf: bool(cf.life_events),
    ),
    HandoverPart(
        "hulpverlening",
        "Hulpverlening met de resultaten van afgesloten hulp",
        Target("tijdlijn", "eerdere_hulpverlening"),
        _help_with_results,
    ),
    HandoverPart(
        "besluiten",
        "Belangrijke besluiten met hun overwegingen",
        Target("kernbesluiten", "besluiten"),
        _decisions,
    ),
    HandoverPart(
        "zorgen_krachten",
        "Actuele zorgen en krachten",
        Target("veiligheidsplan", "zorgen_krachten"),
        _worries_strengths,
    ),
    HandoverPart(
        "veiligheidsafspraken",
        "Veiligheidsafspraken",
        Target("veiligheidsplan", "afspraken"),
        lambda cf: any(items(cf, "veiligheidsplan", "afspraken")),
    ),
    HandoverPart(
        "veiligheidstaxatie",
        "Actuele veiligheidstaxatie (ARIJ, met datum)",
        Target("veiligheidsplan", "taxatie", "datum"),
        lambda cf: filled(answer(cf, "veiligheidsplan", "taxatie", "datum")),
    ),
    HandoverPart(
        "patroon",
        "Gezinspatroon",
        Target("gezinspatroon", "patroon", "patroon"),
        lambda cf: filled(answer(cf, "gezinspatroon", "patroon", "patroon")),
    ),
    HandoverPart(
        "eindsituatie",
        "Haalbare eindsituatie",
        Target("veranderplan", "haalbare_eindsituatie", "eindsituatie"),
        lambda cf: filled(answer(cf, "veranderplan", "haalbare_eindsituatie", "eindsituatie")),
    ),
    HandoverPart(
        "doelen",
        "Doelen",
        Target("veranderplan", "doelen"),
        lambda cf: any(items(cf, "veranderplan", "doelen")),
    ),
)


def missing(cf: CaseFile) -> list[HandoverPart]:
    return [part for part in HANDOVER_SET if not part.present(cf)]


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    gaps = missing(cf)
    done = len(HANDOVER_SET) - len(gaps)
    findings = [
        Finding(
            RULE,
            "compleetheid",
            f"Overdrachtset: {done} van {len(HANDOVER_SET)} onderdelen compleet.",
            severity=INFO,
        )
    ]
    findings += [
        Finding(
            RULE,
            f"ontbreekt_{p.key}",
            f"Voor de overdracht ontbreekt: {p.label}.",
            ADMINISTRATIEF,
            p.target,
        )
        for p in gaps
    ]
    return findings

"""Besluiten en samenwerking: kernbesluiten, evaluaties, barrières en doorzettingsmacht.

- **Kernbesluit** (seed 003, bouwsteen inhoudelijke beslissingen): "de
  gedragswetenschapper (GW'er) [...] moeten door de regievoerder betrokken worden bij
  belangrijke (kern)besluiten"; "de medewerker moet altijd kunnen verantwoorden waarom
  wel/niet het advies van de gedragswetenschapper opgevolgd wordt". A kernbesluit
  without the advice, or with the advice not followed and no reason, is a finding.
- **Evaluation** (seed 003, veiligheidsplan: "Het veiligheidsplan is dynamisch en gaat
  mee met het gezin. Er wordt steeds gekeken of de afspraken nog gelden en passend
  zijn"): the next evaluation date of the veiligheidsplan and of the veranderplan;
  the day after it has passed, the evaluation is overdue. A plan with agreements but
  no evaluation date is an administrative finding.
- **Escalation** (seed 003, bouwsteen feedback en barrières, steps 1-4: "Stap 1: we
  hebben de barrière zelf goed in beeld", "Stap 2: ga in gesprek met de betreffende
  hulpverlener", "Stap 3: opschalen naar de leidinggevende en eventueel
  gedragswetenschapper", "Stap 4: schaal op naar een hoger management"), and
  **doorzettingsmacht** (seed 002: "Per casus vindt besluitvorming plaats [...] of de
  casusregisseur doorzettingsmacht heeft of niet"): every open barrier shows its step
  and who holds doorzettingsmacht; a barrier on the same step for longer than
  ``escalation_weeks`` is a finding (take the next step), and from step 3 on it is a
  finding when nobody is recorded as holding doorzettingsmacht (``rollen.regie``).
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile
from casusregie.domain.rules.base import (
    AANDACHT,
    ADMINISTRATIEF,
    INFO,
    Finding,
    RuleSettings,
    Target,
    answer,
    filled,
    items,
    parse_day,
)

__all__ = ["PLANS", "RULE", "STEPS", "check"]

RULE = "besluiten"
#: escalation steps of feedback en barrières (value -> Dutch, short)
STEPS = {
    "stap_1": "stap 1 (de barrière zelf in beeld)",
    "stap_2": "stap 2 (in gesprek met de hulpverlener)",
    "stap_3": "stap 3 (opschalen naar de leidinggevende of gedragswetenschapper)",
    "stap_4": "stap 4 (opschalen naar hoger management)",
}
#: plans with an evaluation date: (template, section with the date, list of agreements, name)
PLANS = (
    ("veiligheidsplan", "plan", "afspraken", "het veiligheidsplan"),
    ("veranderplan", "plan", "doelen", "het veranderplan"),
)


def _nl(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _kernbesluiten(cf: CaseFile) -> list[Finding]:
    out = []
    for item in items(cf, "kernbesluiten", "besluiten"):
        a = item.answers
        label = f"'{_short(str(a.get('besluit') or ''))}'" if filled(a.get("besluit")) else ""
        target = Target(
            template="kernbesluiten", section="besluiten", entity_type="item", entity_id=item.id
        )
        if not filled(a.get("advies_gw")):
            out.append(
                Finding(
                    RULE,
                    "kernbesluit_zonder_advies",
                    f"Kernbesluit {label} zonder advies van de gedragswetenschapper: betrek "
                    "de gedragswetenschapper bij belangrijke (kern)besluiten.".replace("  ", " "),
                    AANDACHT,
                    Target(**{**target.__dict__, "field": "advies_gw"}),
                )
            )
        elif a.get("advies_gevolgd") == "nee" and not filled(a.get("waarom")):
            out.append(
                Finding(
                    RULE,
                    "advies_niet_gevolgd_zonder_reden",
                    f"Kernbesluit {label}: het advies van de gedragswetenschapper is niet "
                    "gevolgd, maar er staat niet waarom.".replace("  ", " "),
                    AANDACHT,
                    Target(**{**target.__dict__, "field": "waarom"}),
                )
            )
    return out


def _evaluations(cf: CaseFile, today: dt.date) -> list[Finding]:
    out = []
    for template, section, agreements, name in PLANS:
        target = Target(template=template, section=section, field="volgende_evaluatie")
        due = parse_day(answer(cf, template, section, "volgende_evaluatie"))
        if due is None:
            if any(items(cf, template, agreements)):
                out.append(
                    Finding(
                        RULE,
                        "geen_evaluatiedatum",
                        f"Er staat geen datum voor de volgende evaluatie van {name}.",
                        ADMINISTRATIEF,
                        target,
                    )
                )
            continue
        if today > due:
            out.append(
                Finding(
                    RULE,
                    "evaluatie_te_laat",
                    f"De evaluatie van {name} was gepland op {_nl(due)} en is te laat: "
                    "bekijk met het gezin en het netwerk of de afspraken nog gelden en "
                    "passen, en zet de volgende datum.",
                    AANDACHT,
                    target,
                )
            )
    return out


def _barriers(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    out = []
    holder = answer(cf, "rollen", "regie", "doorzettingsmacht")
    holder_text = str(holder).strip() if filled(holder) else "niet vastgelegd"
    roles_target = Target(template="rollen", section="regie", field="doorzettingsmacht")
    missing_holder = False
    for item in items(cf, "feedback_barrieres", "barrieres"):
        a = item.answers
        if filled(a.get("uitkomst")):
            continue
        target = Target(
            template="feedback_barrieres",
            section="barrieres",
            entity_type="item",
            entity_id=item.id,
        )
        step = a.get("escalatiestap")
        if step not in STEPS:
            out.append(
                Finding(
                    RULE,
                    "barriere_zonder_stap",
                    "Een open barrière in de samenwerking zonder escalatiestap: op welke stap "
                    "(1 tot en met 4) staat hij?",
                    ADMINISTRATIEF,
                    Target(**{**target.__dict__, "field": "escalatiestap"}),
                )
            )
            continue
        since = parse_day(a.get("datum"))
        since_text = f" sinds {_nl(since)}" if since else ""
        out.append(
            Finding(
                RULE,
                "barriere_stap",
                f"Barrière in de samenwerking: {STEPS[str(step)]}{since_text}. "
                f"Doorzettingsmacht: {holder_text}.",
                INFO,
                target,
            )
        )
        window = dt.timedelta(weeks=settings.escalation_weeks)
        if step != "stap_4" and since is not None and today - since > window:
            nxt = STEPS[f"stap_{int(str(step)[-1]) + 1}"]
            out.append(
                Finding(
                    RULE,
                    "barriere_blijft",
                    f"Een barrière staat al{since_text} op {STEPS[str(step)]}, langer dan "
                    f"{settings.escalation_weeks} weken: zet de volgende stap, {nxt}.",
                    AANDACHT,
                    Target(**{**target.__dict__, "field": "escalatiestap"}),
                )
            )
        if step in ("stap_3", "stap_4") and not filled(holder):
            missing_holder = True
    if missing_holder:
        out.append(
            Finding(
                RULE,
                "geen_doorzettingsmacht",
                "Er is opgeschaald, maar niet vastgelegd wie doorzettingsmacht heeft: wie "
                "beslist als de betrokken professionals er niet uitkomen?",
                AANDACHT,
                roles_target,
            )
        )
    return out


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    return _kernbesluiten(cf) + _evaluations(cf, today) + _barriers(cf, today, settings)

"""Content-aware privacy categories (``domain.sensitivity``): health and justice facts
are recognised however they are written, everyday words are not mistaken for them,
two sensitive signals at once are not settled, and the regisseur's choice wins."""

from __future__ import annotations

import pytest

from casusregie.domain.sensitivity import effective_category, suggest

KNOWN = {"relaties", "hulpverlening", "gezondheid", "justitie", "veiligheid", "netwerk"}

HEALTH_EVENTS = [
    "Intake bij de jeugd-GGZ; in april wordt ADHD vastgesteld.",
    "Jayden krijgt Ritalin voor zijn concentratie.",
    "Hij slikt sinds maart methylfenidaat.",
    "Moeder is opgenomen in een psychiatrische kliniek.",
    "De huisarts stelt een postnatale depressie vast.",
    "Vader drinkt elke avond en is vaak dronken.",
    "Alcoholgebruik van moeder loopt op.",
    "Hij blowt dagelijks en gebruikt soms coke.",
    "Start behandeling bij Tactus voor zijn verslaving.",
    "Traumabehandeling (EMDR) voor Lotte na het incident.",
    "Lotte krijgt speltherapie op school.",
    "Diagnose autisme gesteld door de kinderpsychiater.",
    "Er is sprake van een licht verstandelijke beperking (LVB).",
    "Moeder heeft een burn-out en zit thuis.",
    "Suïcidale uitingen van Jayden; crisisdienst ingeschakeld.",
    "Medicatie voor zijn angststoornis is aangepast.",
    "Opa overlijdt na een korte ziekte.",
    "Sanne gaat naar de POH-GGZ bij de huisarts.",
    "Hij heeft PTSS na zijn vlucht.",
    "Zelfbeschadiging ontdekt door de mentor.",
    "Vader speelt elke dag in het casino: gokverslaving.",
    "Moeder gebruikt slaappillen en oxazepam.",
    "Gesprekken met een psycholoog over de scheiding.",
    "Cognitieve gedragstherapie afgerond.",
]

JUSTICE_EVENTS = [
    "De politie komt na een melding van de buren.",
    "Politie-inzet na een ruzie in de flat.",
    "Vader krijgt een huisverbod van tien dagen.",
    "Het OM besluit tot vervolging.",
    "De officier van justitie seponeert de zaak.",
    "Mark wordt aangehouden en verhoord.",
    "Moeder doet aangifte van bedreiging.",
    "Jayden krijgt een taakstraf van 20 uur.",
    "Hij moet naar Halt na winkeldiefstal.",
    "Vader zit vier maanden in detentie.",
    "Strafzaak tegen de ex-partner dient in mei.",
    "De kinderrechter spreekt een OTS uit voor Daan.",
    "Uithuisplaatsing van Lotte bij oma.",
    "Contact met de reclassering over zijn enkelband.",
    "Hij werd veroordeeld tot een voorwaardelijke straf.",
    "Verzoek tot onderzoek bij de Raad voor de Kinderbescherming.",
    "Zitting bij de rechtbank over het gezag.",
    "Een contactverbod opgelegd door de burgemeester.",
]

EVERYDAY = [
    "Zij maken zich zorgen om Jayden.",
    "Om het weekend bij vader.",
    "Het gezin verhuist naar een kleinere flat.",
    "Jayden gaat naar het vmbo.",
    "Oma past op de kinderen.",
    "Schuldhulpverlening start; afspraken over de huur.",
    "De leerkracht ziet Lotte vaak moe in de klas.",
    "Ricardo komt bij Sanne wonen.",
    "Ze gaan samen naar de markt om boodschappen te doen.",
    "Mark vindt werk als magazijnmedewerker.",
]


@pytest.mark.parametrize("text", HEALTH_EVENTS)
def test_health_is_recognised(text: str) -> None:
    s = suggest("life_event", {"description": text, "leefgebied": "opgroeien"})
    assert s.category == "gezondheid", (text, s.reason)


@pytest.mark.parametrize("text", JUSTICE_EVENTS)
def test_justice_is_recognised(text: str) -> None:
    s = suggest("life_event", {"description": text, "leefgebied": "relatie_ouders"})
    assert s.category == "justitie", (text, s.reason)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_words_stay_in_the_base_category(text: str) -> None:
    assert suggest("life_event", {"description": text}).category == "relaties"
    assert suggest("help_episode", {"reason": text}).category == "hulpverlening"


def test_provider_and_leefgebied_decide_for_help() -> None:
    assert suggest("help_episode", {"provider": "Jeugd-GGZ (behandeling ADHD)"}).category == (
        "gezondheid"
    )
    assert suggest("help_episode", {"provider": "Reclassering Nederland"}).category == "justitie"
    assert suggest("help_episode", {"provider": "Wijkteam", "leefgebied": "gezondheid_kind"}) == (
        suggest("help_episode", {"leefgebied": "gezondheid_kind"})
    )
    assert suggest("help_episode", {"leefgebied": "gezondheid_kind"}).category == "gezondheid"
    assert suggest("life_event", {"leefgebied": "justitie"}).category == "justitie"
    contact = suggest("help_episode", {"provider": "Team Zuid", "contact": "Regiebehandelaar T."})
    assert contact.category == "gezondheid"


def test_violence_line_is_veiligheid() -> None:
    assert suggest("item", {"soort": "violence"}).category == "veiligheid"
    assert suggest("item", {"soort": "close"}).category == "relaties"
    assert suggest(
        "item", {"soort": "conflict", "toelichting": "Ruzie over de ADHD-medicatie"}
    ).category == ("gezondheid")


def test_two_sensitive_signals_are_not_settled_until_chosen() -> None:
    row = {"description": "Politie brengt vader dronken thuis; hij gaat naar de verslavingszorg."}
    s = suggest("life_event", row)
    assert s.category is None
    assert set(s.signals) == {"gezondheid", "justitie"}
    assert "kies" in s.reason
    assert effective_category("life_event", row, KNOWN) is None  # held back
    assert effective_category("life_event", {**row, "privacy": "justitie"}, KNOWN) == "justitie"
    # the regisseur may also decide an everyday row is sensitive, or the reverse
    assert (
        effective_category(
            "life_event", {"description": "Verhuizing", "privacy": "gezondheid"}, KNOWN
        )
        == "gezondheid"
    )
    assert (
        effective_category("life_event", {"description": "ADHD", "privacy": "relaties"}, KNOWN)
        == "relaties"
    )
    # an unknown chosen value does not count as a choice
    assert effective_category("life_event", {**row, "privacy": "onzin"}, KNOWN) is None


def test_reason_quotes_the_word() -> None:
    s = suggest("life_event", {"description": "Start met Ritalin."})
    assert "ritalin" in s.reason

"""The family plan stays true (issue 15, item 3).

Proves: a version and "bijgewerkt op" on every page, from the store's history, and which
version it replaces; a plan whose review date passed, or with an incident after it, warns
the regisseur (preview, CLI); doorlopende afspraken print "Geldt: altijd" with their
review date, eenmalige their date, finished ones are left out; signature lines for each
adult who carries an afspraak and each child of 12 or older, by name; jargon never reaches
a family's copy (the demo's included), but stays in a professional's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.copies import copy_spec
from casusregie.domain.family_plan import (
    JARGON,
    PlanVersion,
    plain_words,
    plan_signers,
    plan_version,
    plan_warnings,
)
from casusregie.domain.model import CaseFile, Item, LifeEvent, Person
from casusregie.reports.copy_preview import preview
from casusregie.reports.service import make_report
from casusregie.store.caseio import import_case
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from casusregie.templates import resource_path
from helpers import PASSPHRASE, run_cli
from report_helpers import CASE_ID, CHILD, FATHER, GRANNY, MOTHER, YOUNG, fled_case, page_texts

TODAY = dt.date(2025, 7, 1)


def _text(cf: CaseFile, person: str | None, today: dt.date = TODAY, kind: str | None = None) -> str:
    return preview(cf, copy_spec(cf, person, kind=kind, today=today), today).text


def test_versions_from_the_days_the_plan_changed() -> None:
    days = [dt.date(2025, 3, 20), dt.date(2025, 3, 20), dt.date(2025, 11, 12)]
    assert plan_version(days) == PlanVersion(2, dt.date(2025, 11, 12), dt.date(2025, 3, 20))
    assert plan_version([]) is None


def test_version_and_date_on_every_page(store: Store) -> None:
    cf = fled_case()
    cf.forms[0].answers["situatie"] = "Een lange tekst. " * 400  # several pages
    import_case(store, to_document(cf))
    report = make_report(store, "veiligheidsplan", CASE_ID, MOTHER)
    pages = page_texts(report.pdf)
    assert len(pages) > 2
    today = dt.date.today()
    stamp = f"versie 1, bijgewerkt op {today.day} "
    assert all(stamp in " ".join(p.split()) for p in pages)
    form = next(f for f in store.load_case(CASE_ID).forms if f.section == "zes")
    with store.write("test") as tx:
        tx.set("form", form.id, "answer.zes", "Een 6 is: iedereen slaapt.")
    again = " ".join(
        page_texts(make_report(store, "veiligheidsplan", CASE_ID, MOTHER).pdf)[0].split()
    )
    assert "versie 1," in again  # the same day: the same version, brought up to date


def test_a_stale_plan_warns_the_regisseur() -> None:
    cf = fled_case()  # review date 1 September 2025
    assert plan_warnings(cf, None, TODAY) == []
    late = plan_warnings(cf, None, dt.date(2025, 9, 2))
    assert len(late) == 1 and "1 september 2025" in late[0] and "voorbij" in late[0]
    cf.life_events.append(
        LifeEvent("le-1", CASE_ID, date="2025-06-20", description="Kerem staat voor de deur "
                  "en bedreigt Anaïs; de politie komt.")
    )  # fmt: skip
    cf.life_events.append(
        LifeEvent("le-2", CASE_ID, date="2025-06-21", description="Elif gaat op kamp.")
    )
    (incident,) = plan_warnings(cf, None, TODAY)
    assert "20 juni 2025" in incident and "Klopt het plan nog?" in incident
    assert preview(cf, copy_spec(cf, MOTHER, today=TODAY), TODAY).warnings == [incident]


def test_cli_warns_before_it_writes(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    store = filled_profile.unlock(PASSPHRASE)
    try:
        import_case(store, to_document(fled_case()))  # its review date (2025) has passed
    finally:
        store.close()
    out = tmp_path / "plan.pdf"
    result = run_cli(
        "report", "veiligheidsplan", CASE_ID, "--voor", MOTHER, "-o", out,
        store=filled_profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Let op: De datum om het plan samen te bekijken" in result.stderr
    assert out.exists()


def test_doorlopend_eenmalig_and_finished_afspraken() -> None:
    cf = fled_case()
    cf.items += [
        Item("vp-afspraken-8", CASE_ID, template="veiligheidsplan", section="afspraken",
             position=8, answers={"owner": "Anaïs", "what": "Ik meld Elif aan bij de "
             "nieuwe school.", "deadline": "2025-08-15", "aard": "eenmalig"}),
        Item("vp-afspraken-9", CASE_ID, template="veiligheidsplan", section="afspraken",
             position=9, answers={"owner": "Ilse", "what": "Ilse regelt een gesprek met "
             "de wijkagent.", "deadline": "2025-06-10", "aard": "eenmalig",
             "status": "gedaan"}),
        Item("vp-afspraken-10", CASE_ID, template="veiligheidsplan", section="afspraken",
             position=10, answers={"owner": "Elif", "what": "Als ik bang ben, bel ik oma.",
             "deadline": "2025-06-02", "herzien_op": "2025-08-01"}),
    ]  # fmt: skip
    p = preview(cf, copy_spec(cf, MOTHER, today=TODAY), TODAY)
    text = " ".join(p.text.split())
    assert "Ik meld Elif aan bij de nieuwe school. Wanneer: 15 augustus 2025" in text
    assert "wijkagent" not in text
    assert any("klaar" in line and "wijkagent" in line for line in p.withheld)
    assert "Als ik bang ben, bel ik oma. Geldt: altijd" in text
    assert "We kijken er samen naar op 1 augustus 2025." in text
    assert "Wanneer: 2 juni 2025" not in text  # the start of a rule that always applies


def test_signature_lines_for_who_carries_the_plan() -> None:
    cf = fled_case()
    granny = cf.person(GRANNY)
    assert granny is not None
    cf.items.append(
        Item("vp-ondergrens-2", CASE_ID, template="veiligheidsplan", section="ondergrens",
             position=2, answers={"eis": "Elif mag altijd naar oma.", "bewaker": "Oma Ayşe"})
    )  # fmt: skip
    cf.persons.append(Person("p-oom", CASE_ID, name="Oom Mehmet", role="familie"))
    names = [p.name for p in plan_signers(cf, TODAY)]
    assert names == ["Anaïs Çelik", "Kerem Özdemir", "Elif Özdemir", "Ayşe Özdemir"]
    assert cf.person(YOUNG) is not None  # Can is 7: no line
    text = _text(cf, MOTHER)
    signing = text.split("Handtekeningen")[-1]
    for name in names:
        assert name in signing
    assert "Can Özdemir" not in signing and "Oom Mehmet" not in signing
    assert "Ilse van Dijk (regisseur)" in signing
    assert CHILD and FATHER  # the fixtures named above


def test_plain_words_keep_their_capital() -> None:
    assert plain_words("De casusregisseur belt.") == "De regisseur belt."
    assert plain_words("Casus en lokaal team") == "Situatie en wijkteam"
    assert plain_words("casussenbank") == "casussenbank"  # a longer word is not touched


@pytest.mark.parametrize(
    ("jargon", "plain"),
    [
        ("Twee casusbesprekingen later", "Twee overleggen over jullie gezin later"),
        ("De gedragswetenschappers kijken mee.", "De deskundigen van het team kijken mee."),
        ("Beide casusregisseurs en procesregisseurs", "Beide regisseurs en regisseurs"),
        ("in eerdere casussen", "in eerdere situaties"),
        ("Twee taxaties", "Twee inschattingen"),
        ("De lokale teams helpen.", "De wijkteams helpen."),
        ("een multidisciplinaire aanpak", "een gezamenlijke aanpak"),
        ("Casusoverleggen", "Overleggen"),
    ],
)
def test_plain_words_know_plurals_and_inflections(jargon: str, plain: str) -> None:
    assert plain_words(jargon) == plain
    # the check on family copies reads every form of each jargon word
    assert not _jargon_in(plain_words(jargon).lower())


def _jargon_in(words: str) -> list[str]:
    """Jargon in a family's text in any form: a word that starts with a jargon word
    (plural, inflection, compound) counts."""
    return [j for j in JARGON if re.search(rf"(?<![^\W_]){re.escape(j)}", words)]


def test_the_check_catches_forms_the_list_does_not_name() -> None:
    assert "casusbespreking" in _jargon_in("twee casusbesprekingsverslagen")
    assert _jargon_in("de gedragswetenschappers") and not _jargon_in("de deskundigen")


def test_inflected_jargon_never_reaches_a_family_copy() -> None:
    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    cf = from_document(doc)
    crossed = next(f for f in cf.forms if f.template == "veiligheidsplan"
                   and f.section == "overschrijding")  # fmt: skip
    crossed.answers["plan"] = (
        "Na twee casusbesprekingen kijken de gedragswetenschappers en de casusregisseurs "
        "met de lokale teams naar eerdere casussen en taxaties."
    )
    for person in (None, "p-sanne", "p-erik"):
        words = _text(cf, person, dt.date(2025, 12, 1)).lower()
        assert "deskundigen van het team" in words and "overleggen over jullie gezin" in words
        assert not _jargon_in(words), (person, _jargon_in(words))


def test_no_jargon_in_the_demo_family_copies() -> None:
    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    cf = from_document(doc)
    today = dt.date(2025, 12, 1)
    for person in (None, "p-sanne", "p-mark", "p-jayden", "p-erik"):
        words = _text(cf, person, today).lower()
        assert not _jargon_in(words), (person, _jargon_in(words))
    professional = _text(cf, None, today, kind="professional")
    assert "casusregisseur" in professional.lower()


def test_a_quiet_event_is_no_incident() -> None:
    cf = fled_case()
    cf.life_events.append(
        LifeEvent("le-3", CASE_ID, date="2025-06-20", description="Anaïs slaapt slecht en "
                  "werkt in nachtdiensten.")
    )  # fmt: skip
    assert plan_warnings(cf, None, TODAY) == []


def test_signers_are_named_in_their_own_words() -> None:
    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    cf = from_document(doc)
    signing = _text(cf, "p-sanne", dt.date(2025, 12, 1)).split("Handtekeningen")[-1]
    assert "Fatma Yilmaz (Buurvrouw)" in signing
    assert "Ans Bakker (Oma van moederskant)" in signing
    assert "vrienden, buren, vereniging" not in signing


def test_the_shared_overview_speaks_plainly(store: Store) -> None:
    from casusregie.reports.shared_overview import shared_overview_pdf
    from report_helpers import pdf_text

    cf = fled_case()
    cf.items.append(
        Item("pa-1", CASE_ID, template="privacy_afweging", section="afwegingen", position=1,
             answers={"datum": "2025-06-03", "richting": "delen", "met_wie": "Het lokaal team",
                      "wat_gedeeld": "De casus en de taxatie.", "grondslag": "toestemming"})
    )  # fmt: skip
    text = " ".join(pdf_text(shared_overview_pdf(cf, [], MOTHER, TODAY)).split()).lower()
    assert "het wijkteam" in text and "de situatie en de inschatting" in text
    assert "casus" not in text and "taxatie" not in text and "lokaal team" not in text

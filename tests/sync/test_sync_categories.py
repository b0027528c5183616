"""Content-aware categories on the wire, the preview before a first send, and the
consent ledger travelling with the case on a handover.

- Health and justice facts, written in many different words in life events, help
  episodes and a violence line of the genogram, never appear in any request body
  under a consent for the tijdlijn (relaties and hulpverlening); the everyday rows do.
- A category never goes to the office the first time before it was shown.
- A row that moves to another category (its text changed, or the regisseur chose) is
  wiped at the office where it was filed before.
- After a handover the new device has the ledger: what was withdrawn stays withdrawn,
  what was given still counts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from officekit import ThreadOffice, consent, enrolled, new_store, shown

from casusregie.domain.consent import OFFICE
from casusregie.domain.model import Form, HelpEpisode, Item, LifeEvent
from casusregie.domain.sensitivity import ROW_BASE, text_category
from casusregie.office import repo
from casusregie.store.consents import withdraw_consent
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync import run_sync
from casusregie.sync.preview import build_preview, format_preview, record_shown
from casusregie.templates import load_templates
from helpers import CASE_ID
from test_sensitivity import EVERYDAY, HEALTH_EVENTS, JUSTICE_EVENTS

TODAY = dt.date.today()

HEALTH_HELP = [
    ("Jeugd-GGZ Haaglanden", "Concentratieproblemen"),
    ("Tactus verslavingszorg", "Alcoholgebruik vader"),
    ("Huisartsenpraktijk De Linde", "Slaapproblemen en somberheid"),
    ("Praktijk voor speltherapie", "Lotte praat niet over thuis"),
    ("Wijkteam", "Moeder heeft een depressie en gebruikt antidepressiva"),
]
JUSTICE_HELP = [
    ("Reclassering Nederland", "Toezicht na detentie"),
    ("Veilig Thuis", "Begeleiding na het huisverbod"),
    ("Halt", "Winkeldiefstal"),
    ("Jeugdbescherming west", "Ondertoezichtstelling uitgesproken door de kinderrechter"),
]
EVERYDAY_HELP = [
    ("Schuldhulpverlening gemeente", "Achterstand met de huur"),
    ("Jongerenwerk", "Een vaste coach buiten school"),
]


def _rows(store: Store) -> tuple[set[str], set[str]]:
    """Add the rows; returns (texts that must never go under a tijdlijn consent, texts
    of everyday rows that must go)."""
    secret: set[str] = set()
    plain: set[str] = set()
    with store.write("Regels met allerlei woorden") as tx:
        for n, text in enumerate(HEALTH_EVENTS + JUSTICE_EVENTS + EVERYDAY):
            unique = f"{text} [r{n}]"
            tx.create(
                LifeEvent(
                    id=f"ev-{n}",
                    case_id=CASE_ID,
                    date="2024",
                    description=unique,
                    source=f"bron-r{n}.",
                    leefgebied="opgroeien",
                )
            )
            (plain if text in EVERYDAY else secret).update({unique, f"bron-r{n}."})
        for n, (provider, reason) in enumerate(HEALTH_HELP + JUSTICE_HELP + EVERYDAY_HELP):
            unique = f"{reason} [h{n}]"
            tx.create(
                HelpEpisode(
                    id=f"he-{n}",
                    case_id=CASE_ID,
                    provider=provider,
                    reason=unique,
                    goals=f"doel-h{n}.",
                    leefgebied="opvoeding",
                )
            )
            everyday = (provider, reason) in EVERYDAY_HELP
            (plain if everyday else secret).update({unique, f"doel-h{n}."})
        tx.create(
            Item(
                id="line-1",
                case_id=CASE_ID,
                template="genogram",
                section="emotionele_relaties",
                answers={
                    "van": "p-vader",
                    "naar": "p-moeder",
                    "soort": "violence",
                    "toelichting": "Hij sloeg haar [g1]",
                },
            )
        )
        secret.add("Hij sloeg haar [g1]")
    return secret, plain


def _wire(office: ThreadOffice, since: int) -> str:
    return b"".join(body for _, _, body in office.bodies[since:]).decode("utf-8", "replace")


def test_health_and_justice_never_go_under_a_tijdlijn_consent(
    sqlite_office: ThreadOffice, device: Store
) -> None:
    office = sqlite_office
    enrolled(device, office)
    secret, plain = _rows(device)
    consent(device, CASE_ID, ["identiteit", "relaties", "hulpverlening"])
    before = len(office.bodies)
    result = run_sync(device)
    assert result.ok, result.message
    wire = _wire(office, before)
    leaked = sorted(t for t in secret if t in wire)
    assert leaked == []
    held = str(office.show(CASE_ID))
    assert all(t in held for t in plain), sorted(t for t in plain if t not in held)
    assert "Ouders uit elkaar" in held  # the sample's own everyday event
    assert "Oma Özdemir ziek" not in wire  # leefgebied gezondheid, and 'ziek'
    assert office.categories(CASE_ID) == {"identiteit", "relaties", "hulpverlening",
                                          "structuur"} & (office.categories(CASE_ID))  # fmt: skip
    assert not office.categories(CASE_ID) & {"gezondheid", "justitie", "veiligheid"}

    # consent for gezondheid (shown first): the health rows go, justice still not
    consent(device, CASE_ID, ["gezondheid"])
    before = len(office.bodies)
    assert run_sync(device).ok
    wire = _wire(office, before)
    assert "Ritalin" in wire and "[h0]" in wire  # a health event and the jeugd-GGZ help
    justice = [f"{t} [r{len(HEALTH_EVENTS) + i}]" for i, t in enumerate(JUSTICE_EVENTS)]
    assert not [t for t in justice if t in wire]
    assert "Hij sloeg haar" not in str(office.show(CASE_ID))  # veiligheid: no consent


def test_first_send_of_a_category_waits_for_the_preview(
    sqlite_office: ThreadOffice, device: Store
) -> None:
    office = sqlite_office
    enrolled(device, office)
    from casusregie.store.consents import record_consent

    record_consent(
        device, CASE_ID, ["identiteit", "hulpverlening"], given_by=["p-moeder", "p-kind"],
        purpose="Afstemming",
    )  # fmt: skip
    result = run_sync(device)
    assert result.ok
    assert result.unshown == {CASE_ID: {"identiteit", "hulpverlening"}}
    assert "wachten tot u ze hebt bekeken" in result.summary()
    assert "Jeugdteam Zuid" not in str(office.show(CASE_ID))
    previews = build_preview(device, case_ids=[CASE_ID])
    text = format_preview(previews)
    assert "[hulpverlening] Hulpverlening — VOOR HET EERST" in text
    assert "Jeugdteam Zuid" in text  # exactly the values that would go ...
    assert "Ouders uit elkaar" not in text  # ... and not what has no basis
    assert "Relaties en gezinsgeschiedenis: " in text  # counted as staying here
    record_shown(device, previews)
    result = run_sync(device)
    assert result.ok and not result.unshown
    held = str(office.show(CASE_ID))
    assert "Jeugdteam Zuid" in held and "Anaïs Çelik" in held
    again = format_preview(build_preview(device, case_ids=[CASE_ID]))
    assert "VOOR HET EERST" not in again
    assert "(al bij het kantoor): Jeugdteam Zuid" in again


def test_a_row_that_changes_category_is_wiped_where_it_was(
    sqlite_office: ThreadOffice, device: Store
) -> None:
    office = sqlite_office
    enrolled(device, office)
    consent(device, CASE_ID, ["relaties", "hulpverlening"])
    assert run_sync(device).ok
    assert "Ouders uit elkaar" in str(office.show(CASE_ID))
    # the regisseur writes more: now the row is about the police
    with device.write("Beschrijving aangevuld") as tx:
        tx.set("life_event", "e-1", "description", "Ouders uit elkaar; politie kwam langs")
    result = run_sync(device)
    assert result.ok, result.message
    assert (CASE_ID, "relaties") in [(c, k) for c, k, _ in result.retracted]
    held = str(office.show(CASE_ID))
    assert "Ouders uit elkaar" not in held  # neither the old nor the new text
    assert "Ouders uit elkaar" not in str(device.load_case(CASE_ID).life_events[0].date)
    assert "Rust thuis" in held  # hulpverlening untouched
    assert not result.mismatches
    # an unsettled row goes nowhere until the regisseur chooses; then it goes there
    with device.write("Nog meer") as tx:
        tx.set("life_event", "e-1", "description", "Politie brengt vader dronken thuis")
    assert run_sync(device).ok
    assert "dronken" not in str(office.show(CASE_ID))
    with device.write("Categorie gekozen") as tx:
        tx.set("life_event", "e-1", "privacy", "relaties")
    result = run_sync(device)
    assert result.ok and not result.mismatches
    assert "Politie brengt vader dronken thuis" in str(office.show(CASE_ID))


def test_handover_keeps_the_ledger(office: ThreadOffice, device: Store, tmp_path: Path) -> None:
    """Two devices against a real office (SQLite and PostgreSQL)."""
    a_id = enrolled(device, office, "A")
    ids = consent(device, CASE_ID, ["identiteit", "hulpverlening", "relaties"])
    withdraw_consent(device, ids[2])  # relaties: given, then withdrawn
    assert run_sync(device).ok
    ledger = office.ledger(CASE_ID)
    assert set(ledger) == set(ids)
    assert ledger[ids[2]]["withdrawn_on"] == TODAY.isoformat()
    assert office.show(CASE_ID)["device_id"] == a_id

    other = new_store(tmp_path / "b", author="Collega")
    try:
        b_id = enrolled(other, office, "B")
        repo.assign(office.db, CASE_ID, b_id)
        result = run_sync(other)
        assert result.ok and result.new_cases == [CASE_ID]
        got = other.load_case(CASE_ID)
        by_id = {c.id: c for c in got.consents}
        assert set(by_id) == set(ids)  # nothing given is lost
        assert by_id[ids[2]].withdrawn_on == TODAY.isoformat()  # nor what was withdrawn
        assert by_id[ids[0]].given_by == ["p-moeder", "p-kind"]

        # the new regisseur edits: hulpverlening (given) goes, relaties (withdrawn) not
        shown(other, CASE_ID, ["identiteit", "hulpverlening", "relaties"])
        with other.write("Bij de collega") as tx:
            tx.set("help_episode", "h-1", "goals", "Doel van de collega")
            tx.create(
                LifeEvent(
                    id="ev-b", case_id=CASE_ID, date="2025", description="Verhuizing (collega)"
                )
            )
        before = len(office.bodies)
        result = run_sync(other)
        assert result.ok, result.message
        wire = _wire(office, before)
        assert "Doel van de collega" in wire
        assert "Verhuizing (collega)" not in wire
        # and a withdrawal on the new device travels back the same way
        withdraw_consent(other, ids[1])
        result = run_sync(other)
        assert (CASE_ID, "hulpverlening") in [(c, k) for c, k, _ in result.retracted]
        assert office.ledger(CASE_ID)[ids[1]]["withdrawn_on"] == TODAY.isoformat()
        assert "Doel van de collega" not in str(office.show(CASE_ID))
        assert OFFICE == "kantoor"
    finally:
        other.close()


def test_after_the_upgrade_wrongly_filed_values_are_wiped(
    sqlite_office: ThreadOffice, device: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store from before content-aware categories shared health rows as 'relaties'.
    Migration 6 asks for a recheck; the next sync wipes them at the office and sends
    back only what belongs under the consent."""
    office = sqlite_office
    enrolled(device, office)
    with device.write("GGZ") as tx:
        tx.create(
            LifeEvent(id="ev-ggz", case_id=CASE_ID, date="2023", description="Intake jeugd-GGZ")
        )
    consent(device, CASE_ID, ["relaties", "hulpverlening"])
    from casusregie.sync import consentfilter

    # the old rule: a row's category was its entity type's, whatever it said
    monkeypatch.setattr(
        consentfilter, "effective_category", lambda etype, values, known: ROW_BASE[etype]
    )
    assert run_sync(device).ok
    assert "Intake jeugd-GGZ" in str(office.show(CASE_ID))  # as the old app did
    monkeypatch.undo()
    SyncState(device).set_meta(recheck_categories="1")  # what migration 6 leaves
    result = run_sync(device)
    assert result.ok and not result.mismatches, result.message
    held = str(office.show(CASE_ID))
    assert "Intake jeugd-GGZ" not in held and "Oma Özdemir ziek" not in held
    assert "Ouders uit elkaar" in held and "Rust thuis" in held
    assert SyncState(device).meta("recheck_categories") is None


def _form_spots(categories: set[str]) -> list[tuple[str, str, str, str]]:
    """(template, section, field, category) of case-bound free-text fields whose
    category is one of ``categories``: one field per template and section."""
    out: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for tpl in load_templates().ordered():
        if tpl.multiple:
            continue
        for section, f in tpl.fields():
            key = (tpl.id, section.key)
            if (
                section.binding.kind == "case"
                and f.type in ("text", "longtext")
                and not f.attr
                and f.privacy in categories
                and key not in seen
            ):
                seen.add(key)
                out.append((tpl.id, section.key, f.key, f.privacy))
    return out


def test_a_form_answer_travels_under_what_it_is_about(
    sqlite_office: ThreadOffice, device: Store
) -> None:
    """Free text in a form about the tijdlijn or the help: a health or justice fact in
    it needs consent for health or justice, not for the form's own category."""
    office = sqlite_office
    enrolled(device, office)
    spots = _form_spots({"relaties", "hulpverlening"})
    assert len(spots) >= 3, spots
    kinds = (HEALTH_EVENTS, JUSTICE_EVENTS, EVERYDAY)
    found: tuple[set[str], set[str], set[str]] = (set(), set(), set())
    health, justice, plain = found
    with device.write("Vrije tekst in formulieren") as tx:
        for n, (template, section, field, _) in enumerate(spots):
            words = kinds[n % 3]
            text = f"{words[(n // 3) % len(words)]} [f{n}]"
            tx.create(
                Form(
                    id=Form.make_id(CASE_ID, template, section),
                    case_id=CASE_ID,
                    template=template,
                    section=section,
                    answers={field: text},
                )
            )
            found[n % 3].add(text)
    assert health and justice and plain
    consent(device, CASE_ID, ["identiteit", "relaties", "hulpverlening"])
    before = len(office.bodies)
    assert run_sync(device).ok
    wire = _wire(office, before)
    assert [t for t in health | justice if t in wire] == []
    assert all(t in wire for t in plain), sorted(t for t in plain if t not in wire)

    consent(device, CASE_ID, ["gezondheid"])
    before = len(office.bodies)
    assert run_sync(device).ok
    wire = _wire(office, before)
    assert all(t in wire for t in health), sorted(t for t in health if t not in wire)
    assert [t for t in justice if t in wire] == []


def test_text_category_keeps_special_fields_and_holds_mixed_text() -> None:
    assert text_category("hulpverlening", "Moeder slikt antidepressiva") == "gezondheid"
    assert text_category("relaties", "Vader zat in detentie") == "justitie"
    assert text_category("relaties", "Opa verhuist naar Delft") == "relaties"
    assert text_category("veiligheid", "Als het misgaat, bel de politie (112)") == "veiligheid"
    assert text_category("relaties", "Na de aangifte bij de politie kreeg zij medicatie") is None

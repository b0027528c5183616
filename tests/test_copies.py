"""Copies made for their reader: least by default, retype-proof, with a preview.

Proves, on the family in which Anaïs fled from Kerem (``report_helpers.fled_case``):
- the parts of a marked value (street, street and number, postcode, place, phone digits,
  e-mail, parts of a name) are caught in free text, and common words, a house number
  alone, a word that only starts like the street, or the family's own name are not;
- a property test types marked values and parts of them into every free-text field of
  every template: Kerem's copy holds none of them;
- each kind of reader gets its own least copy (gezinslid, kind by age, netwerk,
  professional, kantoor); widening is explicit and logged;
- ``--voorbeeld`` prints the copy's text and, apart, what does not go out; nothing is
  written or logged; ``--vrijgeven`` lets one hit through.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from casusregie.domain.caseformat import to_document
from casusregie.domain.copies import RecipientKind, copy_spec, kind_of
from casusregie.domain.model import CaseFile, Form, Item, Person, Restriction
from casusregie.domain.redaction import Scrubber, hit_key, markers_for
from casusregie.domain.restrictions import markers, redact
from casusregie.domain.sensitivity import topic_of
from casusregie.reports.copy_preview import preview, preview_text
from casusregie.reports.safety_plan import plan_copy
from casusregie.store.caseio import import_case
from casusregie.store.profile import Profile
from casusregie.templates import load_templates
from helpers import PASSPHRASE, run_cli
from report_helpers import (
    CASE_ID,
    CHILD,
    FATHER,
    GRANNY,
    MOTHER,
    NEIGHBOUR,
    NEW_ADDRESS,
    NEW_PHONE,
    YOUNG,
    fled_case,
    pdf_text,
    residue,
    squeeze,
)

TODAY = dt.date(2025, 7, 1)
HEALTH = "Anaïs heeft gesprekken bij de POH-GGZ over haar angstklachten."
TEACHER = "p-juf"


def _scrub(value: str, kind: str, text: str, common: tuple[str, ...] = ()) -> str:
    return Scrubber(markers_for(value, kind, common)).scrub(text)


# -- what a marked value is made of --------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "komt niet in de Lindenhof",
        "komt niet in de lindenhof.",
        "Lindenhof 12 is haar huis",
        "aan de LINDENHOF nr 12",
        "postcode 2611 AB",
        "postcode 2611ab",
        "ze woont nu in Delft",
        "in DELFT, bij de markt",
    ],
)
def test_parts_of_a_marked_address_are_caught(typed: str) -> None:
    out = _scrub(NEW_ADDRESS, "address", typed)
    assert not residue(out), out
    for part in ("lindenhof", "2611", "delft"):
        assert part not in out.lower()


@pytest.mark.parametrize(
    "typed",
    ["06-98765432", "06 987 654 32", "0698765432", "+31 6 98765432", "0031-6-9876 5432",
     "(06) 98.76.54.32", "bel 98765432"],
)  # fmt: skip
def test_phone_digits_are_caught_whatever_the_separators(typed: str) -> None:
    out = _scrub(NEW_PHONE, "phone", f"Bel haar op {typed} na zes uur.")
    assert "9876" not in out.replace(" ", "").replace(".", "").replace("-", "")


def test_email_and_name_parts_are_caught() -> None:
    assert (
        "lindeboom"
        not in _scrub(
            "a.lindeboom@voorbeeld.nl", "email", "Mail naar A.Lindeboom@Voorbeeld.nl of a lindeboom"
        ).lower()
    )
    out = _scrub("Ruud van der Meulen", "name", "Ruud komt langs; Van der Meulen ook.")
    assert "ruud" not in out.lower() and "meulen" not in out.lower()


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (NEW_ADDRESS, "address", "Zij komt om 12 uur. Dat is de afspraak."),  # house number
        (NEW_ADDRESS, "address", "De Lindenhoven school doet mee."),  # only starts alike
        ("Laan van Meerdervoort 12, Den Haag", "address", "Oma woont aan een laan."),
        (NEW_PHONE, "phone", "Bel 0800-2000 of 06-12345678."),
        ("Ruud van der Meulen", "name", "Ze gaat van de ene naar de andere kamer."),
        ("Hof 3, Delft", "address", "Ze zit op het hof."),
    ],
)
def test_common_words_and_short_parts_are_not_caught(value: str, kind: str, text: str) -> None:
    assert _scrub(value, kind, text) == text


def test_a_name_the_reader_knows_is_no_marker() -> None:
    """Her e-mail is hidden, her name is not: the name stays readable in his copy."""
    text = "Anaïs Çelik haalt de kinderen op."
    out = _scrub("anais.celik@voorbeeld.nl", "email", text, ("anais", "celik"))
    assert out == text


def test_released_hits_go_through_and_others_stay_hidden() -> None:
    found = Scrubber(markers_for(NEW_ADDRESS, "address"), released=["Delft"])
    out = found.scrub("Naar Delft, naar de Lindenhof.")
    assert "Delft" in out and "Lindenhof" not in out
    assert hit_key("Den  Haag,") == "den haag"


def test_topics_of_a_row() -> None:
    """Copies read what a row is about in one place, ``domain.sensitivity``."""
    assert topic_of("Sanne gaat naar de POH-GGZ") == "gezondheid"
    assert topic_of("De huur gaat via budgetbeheer") == "financien"
    assert topic_of("Na het huisverbod belt Mark niet") == "justitie"
    assert topic_of("Bel de politie als iemand geslagen wordt") is None
    assert topic_of("Als Mark komt, waarschuw je de wijkagent.") is None
    assert topic_of("Politie | Noodnummer 112", calling=True) is None
    assert topic_of("Politie | Noodnummer 112") == "justitie"  # not a number to call
    assert topic_of("Het is niet jouw schuld.") is None  # guilt, not debt
    assert topic_of("Ricardo gaat naar de ADHD-poli van de jeugd-GGZ") == "gezondheid"
    assert topic_of("Mark moet voor de rechter komen") == "justitie"


# -- the property: typed again anywhere, in part, never in his copy -------------------


def _free_text_fields() -> list[tuple[str, str, str, bool]]:
    """(template, section, field, is a list) for every free-text field of every template."""
    out = []
    for template in load_templates().templates.values():
        for section in template.sections:
            is_list = section.binding.kind == "list"
            if is_list and section.binding.entity not in (None, "item"):
                continue  # rows of persons, events, help: attributes, tested elsewhere
            for f in section.fields:
                if f.type in ("text", "longtext"):
                    out.append((template.id, section.key, f.key, is_list))
    return out


FIELDS = _free_text_fields()
STREET_WORDS = hs.text(alphabet=hs.sampled_from("abcdeéëïoöuçşğnrst"), min_size=5, max_size=10)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    street=STREET_WORDS,
    number=hs.integers(min_value=1, max_value=299),
    where=hs.lists(hs.sampled_from(FIELDS), min_size=1, max_size=3),
    part=hs.sampled_from(["all", "street", "street_number", "postcode", "postcode_tight",
                          "place", "phone", "phone_spaced", "phone_intl", "email"]),
    prefix=hs.sampled_from(["", "Ze komt niet in de ", "adres: ", "Bel (", "“"]),
    upper=hs.booleans(),
)  # fmt: skip
def test_marked_values_typed_again_in_part_never_reach_his_copy(
    street: str, number: int, where: list[tuple[str, str, str, bool]], part: str,
    prefix: str, upper: bool,
) -> None:  # fmt: skip
    cf = fled_case()
    name = street.capitalize() + "hof"
    address = f"{name} {number}, 2611 AB Zoetermeer"
    mother = cf.person(MOTHER)
    assert mother is not None
    mother.address = address
    mother.email = f"{street}.thuis@voorbeeld.nl"
    cf.restrictions.append(
        Restriction("rs-mail", CASE_ID, target_type="person", target_id=MOTHER, field="email",
                    hidden_from=[FATHER])
    )  # fmt: skip
    typed = {
        "all": address,
        "street": name,
        "street_number": f"{name} {number}",
        "postcode": "2611 AB",
        "postcode_tight": "2611ab",
        "place": "Zoetermeer",
        "phone": NEW_PHONE,
        "phone_spaced": "06 98 76 54 32",
        "phone_intl": "+31 (0)6-9876 5432",
        "email": mother.email,
    }[part]
    typed = typed.upper() if upper else typed
    for n, (template, section, key, is_list) in enumerate(where):
        answer = {key: f"{prefix}{typed} en verder."}
        if is_list:
            cf.items.append(Item(f"it-{n}", CASE_ID, template=template, section=section,
                                 position=n, answers=answer))  # fmt: skip
        else:
            cf.forms.append(Form(f"fm-{n}", CASE_ID, template=template, section=section,
                                 instance=f"x{n}", answers=answer))  # fmt: skip
    copy = squeeze(json.dumps(to_document(redact(cf, FATHER)), ensure_ascii=False))
    for secret in (name, "2611ab", "zoetermeer", "98765432", f"{street}thuis"):
        assert squeeze(secret) not in copy, (part, secret)
    # his printed plan too, whatever parts it shows
    text = preview(cf, copy_spec(cf, FATHER, today=TODAY), TODAY).text
    assert squeeze(name) not in squeeze(text)
    assert "98765432" not in squeeze(text)


# -- each kind of reader: the least it needs ------------------------------------------


def _family() -> CaseFile:
    """The fled family, plus her health marked not for him and written in the plan, and
    a teacher as a professional."""
    cf = fled_case()
    cf.persons.append(Person(TEACHER, CASE_ID, name="Juf Marieke", role="professional"))
    cf.forms.append(
        Form(Form.make_id(CASE_ID, "tijdlijn", "moeder", MOTHER), CASE_ID, template="tijdlijn",
             section="moeder", person=MOTHER, answers={"gezondheid": HEALTH})
    )  # fmt: skip
    zk = next(f for f in cf.forms if f.section == "zorgen_krachten")
    zk.answers["zorgen"] += " " + HEALTH
    cf.items.append(
        Item("vp-afspraken-3", CASE_ID, template="veiligheidsplan", section="afspraken",
             position=3, answers={"owner": "Anaïs", "what": "Ik ga elke week naar de "
             "POH-GGZ.", "deadline": "2025-09-01"})
    )  # fmt: skip
    cf.items.append(
        Item("vp-afspraken-4", CASE_ID, template="veiligheidsplan", section="afspraken",
             position=4, answers={"owner": "Ilse", "what": "Ilse brengt de kinderen naar "
             "Lindenhof 12 als het misgaat.", "deadline": "2025-09-01"})
    )  # fmt: skip
    cf.restrictions += [
        Restriction("rs-h1", CASE_ID, target_type="form",
                    target_id=Form.make_id(CASE_ID, "tijdlijn", "moeder", MOTHER),
                    field="gezondheid", hidden_from=[FATHER]),
        Restriction("rs-h2", CASE_ID, target_type="item", target_id="vp-afspraken-3",
                    hidden_from=[FATHER]),
        Restriction("rs-h3", CASE_ID, target_type="form",
                    target_id=Form.make_id(CASE_ID, "veiligheidsplan", "zorgen_krachten"),
                    field="zorgen", hidden_from=[FATHER]),
    ]  # fmt: skip
    assert not cf.problems(), cf.problems()
    return cf


def _text(cf: CaseFile, person: str | None, **kw: Any) -> str:
    return preview(cf, copy_spec(cf, person, today=TODAY, **kw), TODAY).text


def test_kinds_follow_roles_and_age() -> None:
    cf = _family()
    kinds = {p.id: kind_of(p) for p in cf.persons}
    assert kinds[MOTHER] is kinds[FATHER] is RecipientKind.GEZIN
    assert kinds[CHILD] is kinds[YOUNG] is RecipientKind.KIND
    assert kinds[GRANNY] is kinds[NEIGHBOUR] is RecipientKind.NETWERK
    assert kinds[TEACHER] is RecipientKind.PROFESSIONAL
    older, young = copy_spec(cf, CHILD, today=TODAY), copy_spec(cf, YOUNG, today=TODAY)
    assert older.age == 13 and young.age == 7
    assert "zes" in older.parts and "zes" not in young.parts


def test_the_ex_partner_learns_neither_her_address_nor_her_health() -> None:
    cf = _family()
    his = squeeze(_text(cf, FATHER))
    for secret in ("Lindenhof", "2611 AB", "Delft", NEW_PHONE, "POH-GGZ", "angstklachten"):
        assert squeeze(secret) not in his, secret
    assert squeeze("Niemand slaat, duwt of bedreigt") in his  # the plan itself is there
    hers = squeeze(_text(cf, MOTHER))
    for own in ("Lindenhof", "POH-GGZ", NEW_PHONE):
        assert squeeze(own) in hers, own


def test_a_network_member_gets_the_afspraken_grens_what_to_do_and_whom_to_call() -> None:
    cf = _family()
    text = _text(cf, NEIGHBOUR)
    for heading in ("Wie doet wat", "Onze grens", "Als het toch misgaat", "Wie kun je bellen"):
        assert heading in text
    for never in ("Waarom is dit plan er", "Waar maken we ons zorgen", "huisverbod",
                  "POH-GGZ", "Lindenhof", "Hoefkade", "Handtekeningen"):  # fmt: skip
        assert never not in text, never
    assert NEW_PHONE in text  # whom to call: the numbers are the point


def test_a_professional_and_the_office() -> None:
    cf = _family()
    teacher = _text(cf, TEACHER)
    assert "Waarom is dit plan er" in teacher and "Waar maken we ons zorgen" not in teacher
    assert "POH-GGZ" not in teacher and "Lindenhof" not in teacher
    # the office without a person: all parts, but nothing marked for anyone (default deny)
    office = _text(cf, None, kind="kantoor")
    assert "Waar maken we ons zorgen" in office and "Handtekeningen" in office
    assert "POH-GGZ" not in office and "Anaïs Çelik (moeder)" in office


def test_children_by_age() -> None:
    cf = _family()
    young, older = _text(cf, YOUNG), _text(cf, CHILD)
    for text in (young, older):
        assert "Wie kun je bellen" in text and "Waarom is dit plan er" not in text
        assert "POH-GGZ" not in text and "Hoefkade" not in text
    assert "Zo ziet een 6 eruit" in older and "Zo ziet een 6 eruit" not in young


def test_widening_is_explicit_and_noted() -> None:
    cf = _family()
    spec = copy_spec(cf, NEIGHBOUR, widen=["zorgen", "gezondheid"], today=TODAY)
    text = preview(cf, spec, TODAY).text
    assert "Waar maken we ons zorgen" in text and "POH-GGZ" in text
    assert spec.log_note() == (
        "exemplaar voor netwerk; extra gedeeld: Zorgen, Gezondheid en verslaving"
    )


def test_the_preview_lists_what_does_not_go_out() -> None:
    cf = _family()
    p = preview(cf, copy_spec(cf, FATHER, today=TODAY), TODAY)
    out = preview_text(p)
    assert out.index("ALLEEN VOOR DE REGISSEUR") > out.index(p.text[:40])
    assert "gemarkeerd 'niet delen met' deze persoon" in out
    keys = {f.hit.key for f in p.found}
    assert "lindenhof 12" in keys or "lindenhof" in keys
    # the hit is named in the regisseur's part only, never in the copy's text
    assert "Lindenhof" not in p.text and "Lindenhof" in out.split("ALLEEN VOOR")[1]


def test_the_pdf_is_the_preview() -> None:
    from casusregie.reports.base import build

    cf = _family()
    copy = plan_copy(cf, copy_spec(cf, NEIGHBOUR, today=TODAY), TODAY)
    words = squeeze(pdf_text(build(copy.story, copy.meta)))
    assert squeeze("Als het toch misgaat") in words and squeeze("Zorgen") not in words
    assert squeeze("Lindenhof") not in words


def test_where_others_live_is_left_out_unless_widened() -> None:
    cf = fled_case(restricted=False)
    assert markers(cf, None) == []
    # her own address stays in her copy; his is not hers to hand on
    assert copy_spec(cf, MOTHER, today=TODAY).other_addresses(cf) == [
        ("Hoefkade 8, Den Haag", "street")
    ]
    cf.forms[0].answers["situatie"] = "Kerem woont aan de Hoefkade 8. Hij werkt in Den Haag."
    assert "Hoefkade" not in _text(cf, MOTHER)
    assert "Kerem woont" not in _text(cf, MOTHER)  # no half sentence that points at it
    assert "Hij werkt in Den Haag." in _text(cf, MOTHER)  # a town is not where one lives
    assert "Hoefkade 8" in _text(cf, MOTHER, widen=["adressen"])
    assert copy_spec(cf, None, kind="kantoor", today=TODAY).other_addresses(cf) == []


# -- the command line ---------------------------------------------------------------


def _profile(filled_profile: Profile) -> Profile:
    store = filled_profile.unlock(PASSPHRASE)
    try:
        import_case(store, to_document(_family()))
    finally:
        store.close()
    return filled_profile


def _log(profile: Profile) -> list[str]:
    store = profile.unlock(PASSPHRASE)
    try:
        return [d.what for d in store.disclosures(CASE_ID)]
    finally:
        store.close()


def test_cli_preview_prints_and_writes_nothing(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    profile = _profile(filled_profile)
    result = run_cli(
        "report", "veiligheidsplan", CASE_ID, "--voor", FATHER, "--voorbeeld",
        store=profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    copy, regisseur = result.stdout.split("ALLEEN VOOR DE REGISSEUR")
    assert "Onze grens" in copy and "Lindenhof" not in copy and "POH-GGZ" not in copy
    assert "niet delen met" in regisseur and "Lindenhof" in regisseur
    assert _log(profile) == []
    assert not list(tmp_path.glob("*.pdf"))


def test_cli_widening_and_release_are_logged(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    profile = _profile(filled_profile)
    out = tmp_path / "fatma.pdf"
    result = run_cli(
        "report", "veiligheidsplan", CASE_ID, "--voor", NEIGHBOUR, "-o", out,
        "--ook", "zorgen", "--vrijgeven", "Hoefkade 8",
        store=profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (what,) = _log(profile)
    assert "exemplaar voor netwerk" in what and "extra gedeeld: Zorgen" in what
    assert "1 verborgen stuk vrijgegeven" in what
    assert "Hoefkade" not in what  # the released text itself is not in the log
    assert squeeze("Waar maken we ons zorgen") in squeeze(pdf_text(out))
    bad = run_cli(
        "report", "veiligheidsplan", CASE_ID, "--voor", NEIGHBOUR, "--voorbeeld",
        "--ook", "alles", store=profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert bad.returncode != 0 and "Onbekend onderdeel" in bad.stderr


# -- "wat is er over ons gedeeld?" per person -----------------------------------------


def test_gedeeld_for_the_ex_partner_holds_nothing_kept_from_him(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    cf = _family()
    cf.items += [
        Item("pa-1", CASE_ID, template="privacy_afweging", section="afwegingen", position=1,
             answers={"datum": "2025-06-10", "richting": "niet_delen",
                      "met_wie": "Kerem Özdemir (niet gedeeld)",
                      "wat_gedeeld": "Niets over de gezondheid van Anaïs."}),
        Item("pa-2", CASE_ID, template="privacy_afweging", section="afwegingen", position=2,
             answers={"datum": "2025-06-12", "richting": "delen", "grondslag": "toestemming",
                      "met_wie": "Huisarts", "wat_gedeeld": "De angstklachten van Anaïs."}),
        Item("pa-3", CASE_ID, template="privacy_afweging", section="afwegingen", position=3,
             answers={"datum": "2025-06-14", "richting": "delen", "grondslag": "toestemming",
                      "met_wie": "School van Elif", "wat_gedeeld": "Het veiligheidsplan."}),
    ]  # fmt: skip
    store = filled_profile.unlock(PASSPHRASE)
    try:
        import_case(store, to_document(cf))
        from casusregie.store.syncstate import SyncState

        SyncState(store).set_meta(office_name="Zorg- en Veiligheidshuis Haaglanden")
        with store.write("test") as tx:
            tx.log_disclosure(CASE_ID, "350 gegeven(s): Veiligheid", "Centraal kantoor",
                              "Toestemming van de ouder", "Afstemming")  # fmt: skip
            tx.log_disclosure(CASE_ID, "De hele casus als JSON-bestand",
                              "/home/ilse/Documenten/casus.json", "Eigen dossier", "")  # fmt: skip
    finally:
        store.close()
    out = tmp_path / "gedeeld.pdf"
    result = run_cli(
        "report", "gedeeld", CASE_ID, "--voor", FATHER, "-o", out,
        store=filled_profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    words = squeeze(text)
    for kept in ("gezondheid", "angstklachten", "POH-GGZ", "Lindenhof", "Delft", NEW_PHONE,
                 "niet gedeeld met", "Huisarts"):  # fmt: skip
        assert squeeze(kept) not in words, kept
    assert "350 gegevens" in text and "Zorg- en Veiligheidshuis Haaglanden" in text
    assert "School van Elif" in text
    for bad in ("JSON", "/home", "casus.json", "?:", "Aan wie: kantoor", "Er staat nog niets"):
        assert bad not in text, bad
    # the mother's own overview does show what was shared about her health
    hers = tmp_path / "hers.pdf"
    result = run_cli(
        "report", "gedeeld", CASE_ID, "--voor", MOTHER, "-o", hers,
        store=filled_profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert "angstklachten" in pdf_text(hers)


# -- what was left out leaves no trace ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Oma Ans (Lindenhof 12)", "Oma Ans"),
        ("Oma Ans (woont in Delft), Kim en Fatma.", "Oma Ans, Kim en Fatma."),
        ("Jayden gaat naar oma Ans, Lindenhof 12, Delft.", "Jayden gaat naar oma Ans."),
        ("Mark komt niet in de Lindenhof. Anaïs belt 112.", "Anaïs belt 112."),
        ("Anaïs belt 112. Ze woont nu in Delft, bij de markt! Dat is fijn.",
         "Anaïs belt 112. Dat is fijn."),
        ("Ans Bakker, Lindenhof 12; Kim Bakker", "Ans Bakker; Kim Bakker"),
        ("Adres: Lindenhof 12\nBel Kim.", "Bel Kim."),
        ("Eerst naar oma (Lindenhof 12). Dan bellen.", "Eerst naar oma. Dan bellen."),
        ("Lindenhof 12, 2611 AB Delft", ""),
        ("Bel oma: Lindenhof 12", ""),
    ],
)  # fmt: skip
def test_a_cut_reads_as_if_nothing_was_there(typed: str, shown: str) -> None:
    """Brackets go with what they held, a list item or added phrase with its comma, and
    otherwise the whole sentence: never a marker, empty brackets or half a sentence."""
    assert _scrub(NEW_ADDRESS, "address", typed) == shown


def _fixed_lines(cf: CaseFile) -> set[str]:
    """The copy's own lines that end in ':' (their answer follows on the next line): in
    the office's full copy of the case without any restriction."""
    full = CaseFile(**{**cf.__dict__, "restrictions": []})
    text = _text(full, None, kind="kantoor")
    return {line.strip() for line in text.splitlines() if line.rstrip().endswith(":")}


def _every_copy(cf: CaseFile) -> list[tuple[str, str]]:
    """(who, text) of every copy of the plan: each person's own, the family's, and each
    kind of copy for the family's shared reader."""
    out = [(p.name, _text(cf, p.id)) for p in cf.persons]
    for kind in RecipientKind:
        out.append((f"gezin als {kind.value}", _text(cf, None, kind=kind.value)))
    return out


def test_no_copy_of_the_demo_betrays_a_cut() -> None:
    """Every recipient of the demo family (the mother, the ex-partner who must not learn
    about her health, the children, the voetbaltrainer, ...): no marker, no empty
    brackets, no dangling punctuation, no empty bullet, no label without its answer; and
    the 'wat is er gedeeld' of each says nothing of a cut either."""
    from casusregie.domain.caseformat import from_document
    from casusregie.reports.copy_preview import story_text
    from casusregie.reports.shared_overview import shared_overview_story
    from casusregie.store.demo import DEMO_REFERENCE, demo_document

    cf = from_document(demo_document(DEMO_REFERENCE))
    allowed = _fixed_lines(cf)
    for who, text in _every_copy(cf):
        assert not residue(text, allowed=allowed), (who, residue(text, allowed=allowed))
    mark = _text(cf, "p-mark")
    assert "Fantasiestraat" not in mark and "Oma Ans:" in mark  # her street, not a trace
    for p in cf.persons:
        story, _ = shared_overview_story(cf, [], p.id, DEMO_REFERENCE, office="Kantoor")
        said = story_text(story)
        assert not residue(said, allowed=allowed), (p.name, residue(said, allowed=allowed))


SENTENCES = [
    "Oma Ayşe ({v})",
    "{v}",
    "We gaan naar oma, {v}, en verder.",
    "Bel: {v}.",
    "Als het misgaat gaan we naar {v}. Ilse belt de school.",
    "Kim, {v}; Fatma en de school",
    "Eerst (bij {v}) even rust. Dan bellen we Ilse.",
    "Adres: {v}\nWie let erop: Ilse",
]
PLAN_TEXTS = [
    ("aanleiding", "situatie", False), ("zorgen_krachten", "krachten", False),
    ("netwerk", "krachten_netwerk", False), ("overschrijding", "plan", False),
    ("zes", "zes", False), ("afspraken", "what", True), ("afspraken", "checker", True),
    ("ondergrens", "eis", True), ("bellen", "naam", True), ("bellen", "wanneer_bellen", True),
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    part=hs.sampled_from(["address", "street", "postcode", "place", "phone", "email"]),
    where=hs.lists(hs.sampled_from(PLAN_TEXTS), min_size=1, max_size=4, unique=True),
    sentence=hs.sampled_from(SENTENCES),
    reader=hs.sampled_from([FATHER, NEIGHBOUR, GRANNY, CHILD, YOUNG]),
)
def test_no_generated_copy_betrays_a_cut(
    part: str, where: list[tuple[str, str, bool]], sentence: str, reader: str
) -> None:
    """Her marked address, phone or e-mail, or a part of it, typed into the plan's texts
    in any sentence shape: no copy for anyone shows it, or any trace of the cut."""
    cf = _family()
    mother = cf.person(MOTHER)
    assert mother is not None
    mother.email = "anais.thuis@voorbeeld.nl"
    cf.restrictions.append(
        Restriction("rs-mail", CASE_ID, target_type="person", target_id=MOTHER, field="email",
                    hidden_from=[FATHER, NEIGHBOUR, GRANNY, CHILD, YOUNG])
    )  # fmt: skip
    for r in cf.restrictions:
        if r.id in ("rs-1", "rs-2"):
            r.hidden_from = [FATHER, NEIGHBOUR, GRANNY, CHILD, YOUNG]
    typed = {
        "address": NEW_ADDRESS, "street": "Lindenhof 12", "postcode": "2611 AB",
        "place": "Delft", "phone": NEW_PHONE, "email": mother.email,
    }[part]  # fmt: skip
    value = sentence.format(v=typed)
    for n, (section, key, is_list) in enumerate(where):
        if is_list:
            answers = {key: value, "owner": "Ilse", "telefoon": "06-1"}
            cf.items.append(Item(f"gen-{n}", CASE_ID, template="veiligheidsplan",
                                 section=section, position=50 + n, answers=answers))  # fmt: skip
        else:
            form = next((f for f in cf.forms if f.template == "veiligheidsplan"
                         and f.section == section), None)  # fmt: skip
            if form is None:
                form = Form(Form.make_id(CASE_ID, "veiligheidsplan", section), CASE_ID,
                            template="veiligheidsplan", section=section)  # fmt: skip
                cf.forms.append(form)
            form.answers[key] = value
    allowed = _fixed_lines(cf)
    text = _text(cf, reader)
    assert not residue(text, allowed=allowed), (value, residue(text, allowed=allowed))
    for secret in ("Lindenhof", "2611", "Delft", "98765432", "anais.thuis"):
        assert secret.lower() not in text.lower().replace("-", ""), (secret, value)

"""``casusregie report ...`` on the command line, against a real encrypted store.

Proves: each command writes a PDF only where ``-o`` says, with the content asked for;
``--voor`` makes that person's copy (her new address is not in his); every report adds
one line to the case's disclosure log (what, for whom, basis, when, by whom); errors
are one Dutch line and a non-zero exit; no PDF is left in the temp folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from casusregie.domain.caseformat import to_document
from casusregie.store.caseio import import_case
from casusregie.store.profile import Profile
from helpers import PASSPHRASE, assert_one_line_error, run_cli
from report_helpers import CASE_ID, FATHER, MOTHER, NEW_ADDRESS, fled_case, pdf_text, squeeze


def _profile_with_case(filled_profile: Profile) -> Profile:
    store = filled_profile.unlock(PASSPHRASE)
    try:
        import_case(store, to_document(fled_case()))
    finally:
        store.close()
    return filled_profile


def _disclosures(profile: Profile) -> list[tuple[str, str, str, str]]:
    store = profile.unlock(PASSPHRASE)
    try:
        return [(d.what, d.recipient, d.basis, d.by_author) for d in store.disclosures(CASE_ID)]
    finally:
        store.close()


def _pdfs_in_temp() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.lower().endswith(".pdf")}


def test_veiligheidsplan_for_each_person_is_logged(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    profile = _profile_with_case(filled_profile)
    before = _pdfs_in_temp()
    his, hers = tmp_path / "kerem.pdf", tmp_path / "anais.pdf"
    for person, out in ((FATHER, his), (MOTHER, hers)):
        result = run_cli(
            "report", "veiligheidsplan", CASE_ID, "-o", out, "--voor", person,
            store=profile.directory, passphrase_file=passphrase_file,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Veiligheidsplan geschreven naar" in result.stdout
    assert squeeze(NEW_ADDRESS) not in squeeze(pdf_text(his))
    assert squeeze(NEW_ADDRESS) in squeeze(pdf_text(hers))
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "anais.pdf",
        "kerem.pdf",
    ]
    assert _pdfs_in_temp() == before
    log = _disclosures(profile)
    assert log == [
        ("Veiligheidsplan (PDF voor Kerem Özdemir; exemplaar voor gezinslid)", "Kerem Özdemir",
         "Uitvoering van het plan met het gezin", "Test-regisseur"),
        ("Veiligheidsplan (PDF voor Anaïs Çelik; exemplaar voor gezinslid)", "Anaïs Çelik",
         "Uitvoering van het plan met het gezin", "Test-regisseur"),
    ]  # fmt: skip


def test_dossier_overdracht_and_gedeeld(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    profile = _profile_with_case(filled_profile)
    runs = [
        ("dossier", ["--ontvanger", "GI Haaglanden"], "Dossier"),
        ("overdracht", [], "Schone overdracht: is alles er?"),
        ("gedeeld", ["--voor", MOTHER], "Wat is er over ons gedeeld?"),
    ]
    for kind, extra, expected in runs:
        out = tmp_path / f"{kind}.pdf"
        result = run_cli(
            "report", kind, CASE_ID, "-o", out, *extra,
            store=profile.directory, passphrase_file=passphrase_file,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert expected in pdf_text(out)
    recipients = [r for _, r, _, _ in _disclosures(profile)]
    assert recipients == ["GI Haaglanden", "opvolgend regisseur", "Anaïs Çelik"]
    # the overview made last lists the two reports made before it
    assert "Dossier (alle onderdelen): als PDF gemaakt voor GI Haaglanden" in pdf_text(
        tmp_path / "gedeeld.pdf"
    )


def test_errors_are_one_dutch_line(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    profile = _profile_with_case(filled_profile)
    out = tmp_path / "x.pdf"
    common = {"store": profile.directory, "passphrase_file": passphrase_file}
    line = assert_one_line_error(run_cli("report", "dossier", "geen-casus", "-o", out, **common), 2)
    assert "bestaat niet" in line
    line = assert_one_line_error(
        run_cli("report", "veiligheidsplan", CASE_ID, "-o", out, "--voor", "p-niemand", **common),
        2,
    )
    assert "hoort niet bij de casus" in line
    line = assert_one_line_error(
        run_cli("report", "dossier", CASE_ID, "-o", tmp_path / "geen-map" / "x.pdf", **common), 2
    )
    assert "niet schrijven" in line
    assert not out.exists()
    assert _disclosures(profile) == []  # nothing written, nothing logged

"""Conversations with a child, in the child's own words, and the drawings made in them.

Seed 003 (bouwsteen gesprekken met kinderen): "Ga altijd in gesprek met de jeugdige";
the regisseur must check that the child is spoken with throughout (vergewisplicht).
Signs of Safety gives tools for it (DOMAIN.md): the **Drie Huizen** (the child draws or
writes in a huis van zorgen, a huis van goede dingen and a huis van dromen) and
**Words & Pictures** (a story in simple words and drawings that tells the children why
professionals are involved and what the plan is). The child's own words are kept as
they are, with the date, who held the conversation and whether a parent was there
("Maak een bewuste keuze om het gesprek te voeren met of zonder aanwezigheid van
ouder(s)").

- ``ChildTalk``: one conversation (or one worksheet) with one child on one date.
- ``ChildDrawing``: one picture the child made in it (a photo or scan), kept as a value
  in the encrypted store like any other: base64 in pieces of at most ``PIECE``
  characters, so the one text limit of ``domain.limits`` holds for every stored text;
  the image itself may be at most ``MAX_IMAGE_BYTES``.

What a child told is the child's: its privacy category ``kindgesprek`` needs its own
basis to go to the office, and it is in nobody's copy but the child's own
(``domain.restrictions.redact``). That a conversation took place (child, date, who,
method) is ``hulpverlening``: the office may know the vergewisplicht is kept without
knowing what was said.

Pure: no I/O. Both classes are in the entity registry (``domain.entities``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from casusregie.domain.dates import PartialDate
from casusregie.domain.limits import MAX_IMAGE_BYTES
from casusregie.domain.model import CaseFile, Choice, Entity

__all__ = [
    "FIELD_LABELS",
    "HOUSES",
    "IMAGE_TYPES",
    "PIECE",
    "ChildDrawing",
    "ChildTalk",
    "House",
    "Presence",
    "TalkMethod",
    "drawing_from_bytes",
    "drawings_of",
    "talk_date",
    "talks_with",
]

#: characters of base64 per stored piece of an image (under the text limit)
PIECE = 16_000
#: image types a drawing may have, by the first bytes of the file
IMAGE_TYPES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


class TalkMethod(Choice):
    """How the conversation went (seed 003: Drie Huizen, Words and Pictures, Safety
    House, the kaartenset or other play material, or just talking)."""

    DRIE_HUIZEN = "drie_huizen", "Drie Huizen"
    WORDS_AND_PICTURES = "words_and_pictures", "Words & Pictures"
    SAFETY_HOUSE = "safety_house", "Safety House"
    GESPREK = "gesprek", "Gesprek"
    SPEL = "spel", "Kaartenset of ander spelmateriaal"


class Presence(Choice):
    ZONDER_OUDERS = "zonder_ouders", "Zonder ouder(s)"
    MET_OUDERS = "met_ouders", "Met ouder(s)"


class House(Choice):
    """The three houses, with the words printed on the child's sheet."""

    ZORGEN = "zorgen", "Huis van zorgen"
    GOED = "goed", "Huis van goede dingen"
    DROMEN = "dromen", "Huis van dromen"


#: house -> (attribute of ChildTalk, question for the child in plain words)
HOUSES: dict[str, tuple[str, str]] = {
    House.ZORGEN.value: ("worries", "Waar maak jij je zorgen over? Wat vind je moeilijk?"),
    House.GOED.value: ("good_things", "Wat gaat er goed? Waar ben je blij mee?"),
    House.DROMEN.value: ("dreams", "Hoe zou het zijn als alles goed is? Wat wens je?"),
}


#: (entity type, attribute) -> Dutch label, for the sync preview and the history
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("child_talk", "child"): "Kind",
    ("child_talk", "date"): "Datum",
    ("child_talk", "held_by"): "Gesprek gevoerd door",
    ("child_talk", "method"): "Werkvorm",
    ("child_talk", "presence"): "Met of zonder ouders",
    ("child_talk", "present"): "Wie waren erbij",
    ("child_talk", "worries"): House.ZORGEN.label,
    ("child_talk", "good_things"): House.GOED.label,
    ("child_talk", "dreams"): House.DROMEN.label,
    ("child_talk", "child_words"): "Wat het kind zei",
    ("child_talk", "explained"): "Wat het kind is uitgelegd",
    ("child_talk", "observed"): "Wat de regisseur zag",
    ("child_drawing", "talk"): "Bij gesprek",
    ("child_drawing", "house"): "Huis",
    ("child_drawing", "caption"): "Onderschrift",
    ("child_drawing", "mime"): "Soort afbeelding",
    ("child_drawing", "data"): "Tekening",
}


@dataclass
class ChildTalk(Entity):
    """One conversation with one child (see the module docstring). The words fields
    hold what the child said or wrote, as the child said it; ``explained`` what the
    child was told (the Words & Pictures story); ``observed`` what the regisseur saw."""

    ENTITY_TYPE: ClassVar[str] = "child_talk"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"method": TalkMethod, "presence": Presence}
    DATES: ClassVar[tuple[str, ...]] = ("date",)
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("child",)

    child: str = ""
    date: str = ""
    held_by: str = ""
    method: str = TalkMethod.DRIE_HUIZEN.value
    presence: str | None = None
    present: str = ""
    worries: str = ""
    good_things: str = ""
    dreams: str = ""
    child_words: str = ""
    explained: str = ""
    observed: str = ""

    def problems(self) -> list[str]:
        out = super().problems()
        if not self.child:
            out.append("child_talk.child: welk kind? (leeg)")
        if not self.date:
            out.append("child_talk.date: datum ontbreekt")
        return out

    def words(self) -> list[tuple[str, str]]:
        """(Dutch label, text) of every filled words field, houses first."""
        names = ("worries", "good_things", "dreams", "child_words", "explained", "observed")
        return [
            (FIELD_LABELS[("child_talk", name)], getattr(self, name))
            for name in names
            if getattr(self, name)
        ]


@dataclass
class ChildDrawing(Entity):
    """A picture the child made in a conversation (``talk``), for one house or none."""

    ENTITY_TYPE: ClassVar[str] = "child_drawing"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"house": House}

    talk: str = ""
    house: str | None = None
    caption: str = ""
    mime: str = "image/png"
    data: list[str] = field(default_factory=list)

    def image(self) -> bytes:
        """The image bytes (ValueError if the stored pieces are not base64)."""
        try:
            return base64.b64decode("".join(self.data), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("geen geldige afbeelding") from None

    def problems(self) -> list[str]:
        out = super().problems()
        if not self.talk:
            out.append("child_drawing.talk: bij welk gesprek? (leeg)")
        if self.mime not in IMAGE_TYPES:
            out.append("child_drawing.mime: alleen PNG of JPEG")
            return out
        if any(len(p) > PIECE for p in self.data):
            out.append("child_drawing.data: te lange stukken")
        if sum(len(p) for p in self.data) > (MAX_IMAGE_BYTES * 4) // 3 + 4:
            out.append(f"child_drawing.data: afbeelding te groot ({_mb(MAX_IMAGE_BYTES)})")
            return out
        try:
            raw = self.image()
        except ValueError:
            out.append("child_drawing.data: geen geldige afbeelding")
            return out
        if not raw.startswith(IMAGE_TYPES[self.mime]):
            out.append("child_drawing.data: geen PNG- of JPEG-afbeelding")
        return out


def _mb(n: int) -> str:
    return f"ten hoogste {n // 1_000_000} MB"


def drawing_from_bytes(
    drawing_id: str,
    case_id: str,
    talk_id: str,
    raw: bytes,
    *,
    house: str | None = None,
    caption: str = "",
) -> ChildDrawing:
    """A drawing from the bytes of a PNG or JPEG file. ValueError (Dutch) if it is
    neither, or larger than ``MAX_IMAGE_BYTES``."""
    if len(raw) > MAX_IMAGE_BYTES:
        raise ValueError(f"De afbeelding is te groot: {_mb(MAX_IMAGE_BYTES)}.")
    mime = next((m for m, magic in IMAGE_TYPES.items() if raw.startswith(magic)), None)
    if mime is None:
        raise ValueError("Dit is geen PNG- of JPEG-afbeelding.")
    text = base64.b64encode(raw).decode("ascii")
    pieces = [text[i : i + PIECE] for i in range(0, len(text), PIECE)]
    return ChildDrawing(
        id=drawing_id,
        case_id=case_id,
        talk=talk_id,
        house=house,
        caption=caption,
        mime=mime,
        data=pieces,
    )


def _day_key(talk: ChildTalk) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(talk.date).sort_key()
    except (ValueError, AttributeError):
        return (0, 0, 0)


def talk_date(talk: ChildTalk) -> str:
    """'20 november 2026' (the stored text when it cannot be read)."""
    try:
        return PartialDate.parse(talk.date).dutch()
    except (ValueError, AttributeError):
        return talk.date


def talks_with(cf: CaseFile, child_id: str) -> list[ChildTalk]:
    """The conversations with one child, newest first."""
    mine = [t for t in cf.child_talks if t.child == child_id]
    return sorted(mine, key=lambda t: (_day_key(t), t.id), reverse=True)


def drawings_of(cf: CaseFile, talk_id: str, house: str | None = None) -> Sequence[ChildDrawing]:
    """The drawings of one conversation (for one house, when given)."""
    return [
        d for d in cf.child_drawings if d.talk == talk_id and (house is None or d.house == house)
    ]

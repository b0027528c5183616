"""Redaction that survives retyping: what a marked value is made of, found in free text.

A value marked "niet delen met X" (an address, a phone number, an e-mail address, a
name, or any other text) is split into the parts a person could type again elsewhere:

- an address: the street name (with or without its house number), the postcode (with or
  without its space), the place name; a house number alone is never a marker;
- a phone number: its digits, whatever separators or prefix (``06-``, ``+31 6``,
  ``0031``) were typed, and the last eight digits on their own;
- an e-mail address: the whole address and its part before the ``@``;
- a name: the whole name and each part of it (not "van", "de" and the like);
- any other text: the whole text.

Kind "street" is an address of which only the street (with its number) and the
postcode are markers: for copies that leave out where other people live, without
blacking out every mention of the town they live in.

Matching is done on folded text (lower case, accents dropped, one character for one
character, so a hit's place in the folded text is its place in the original) and only
at word boundaries: "Haag" is found in "Den Haag," but not in "Haagse". Parts that are
too short or too common to mean anything (a house number, "de", "laan") are never
markers, and a part that is also the name of someone the reader may know about (the
family name, a visible person's name) is not one either: that would black out half the
copy without protecting anyone.

``find_hits`` returns every place a marker is found; ``scrub`` leaves them out, except
those the regisseur released (by their ``key``). Leaving out reads naturally and shows
nothing of what went: no "[niet gedeeld]", no empty "()". A hit inside brackets takes
the brackets with it ("Oma Ans (Lindenhof 12)" -> "Oma Ans"); a hit that is one item of
a list, or an added phrase set off by commas, goes with its comma ("Oma Ans, Lindenhof
12, Delft." -> "Oma Ans."); otherwise the whole sentence goes, because half a sentence
("Mark komt niet in de ...") tells the reader what was cut. A text of nothing but hits
becomes "", and a row whose text is empty is left out by whoever prints it.
Pure functions: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Hit",
    "Marker",
    "find_hits",
    "fold",
    "guess_kind",
    "hit_key",
    "leave_out",
    "markers_for",
    "scrub",
    "tokens",
]

#: words that are never a marker on their own (too common to point at anything)
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "der",
        "den",
        "des",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "aan",
        "bij",
        "met",
        "voor",
        "naar",
        "uit",
        "om",
        "tot",
        "la",
        "le",
        "el",
        "al",
        "bin",
        "ben",
        "da",
        "di",
        "du",
        "do",
        "dos",
        "das",
        "del",
        "von",
        "zu",
        "mc",
        "mac",
        "st",
        "sint",
        "laan",
        "weg",
        "straat",
        "plein",
        "kade",
        "gracht",
        "singel",
        "hof",
        "park",
        "dijk",
        "pad",
        "baan",
        "steeg",
        "dreef",
        "plantsoen",
        "markt",
        "erf",
        "hoek",
        "kant",
        "zijde",
        "straatweg",
        "rijweg",
        "dorp",
        "stad",
        "wijk",
        "buurt",
        "oost",
        "west",
        "noord",
        "zuid",
        "adres",
        "onbekend",
        "nieuw",
        "oud",
        "huis",
        "nummer",
        "postcode",
        "telefoon",
        "mobiel",
        "thuis",
        "werk",
        "school",
    ]
)
MIN_PART = 4  # letters in a street or place part
MIN_NAME_PART = 3  # letters in a part of a name
MIN_TEXT = 4  # letters and digits in a whole marked text
MIN_PHONE_DIGITS = 8

_SEP = r"[\s.\-/()]{0,3}"  # between the digits of a phone number
_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"
_POSTCODE = re.compile(r"(?<!\d)(\d{4})\s?([a-z]{2})(?![^\W_])")
_STREET = re.compile(r"^\s*([^\d,]*[^\W\d_][^\d,]*?)\s+(\d+)\s*[a-z]{0,2}\b")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE_RUN = re.compile(r"(?:\+|00)?\d[\d\s.\-/()]{6,}\d")


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[0]
    low = base.lower()
    return low[0] if low else base


def fold(text: str) -> str:
    """Lower case without accents, one character for each character of ``text``."""
    return "".join(_fold_char(ch) for ch in text)


def tokens(text: str) -> list[str]:
    """The words of a text (letters and digits), folded."""
    return re.findall(r"[^\W_]+", fold(text))


def hit_key(found: str) -> str:
    """How a hit is named for releasing it: its words, folded ('Den  Haag' -> 'den haag')."""
    return " ".join(tokens(found))


@dataclass(frozen=True)
class Marker:
    """One thing that must not appear: a regex over folded text and what it stands for."""

    pattern: str
    what: str  # "straatnaam", "postcode", "woonplaats", "telefoonnummer", ...


@dataclass(frozen=True)
class Hit:
    """A place in a text where a marker was found."""

    start: int
    end: int
    found: str  # as typed
    what: str
    context: str  # a few words around it, for the regisseur

    @property
    def key(self) -> str:
        return hit_key(self.found)


def _phrase(words: list[str]) -> str:
    """Words in order, with any punctuation or none between them, at word boundaries."""
    return _WORD_START + r"[\W_]*".join(re.escape(w) for w in words) + _WORD_END


def _digits_pattern(digits: str) -> str:
    return _SEP.join(re.escape(d) for d in digits)


def _distinctive(word: str, minimum: int, common: frozenset[str]) -> bool:
    return (
        len(word) >= minimum
        and not word.isdigit()
        and word not in STOPWORDS
        and word not in common
        and sum(ch.isalpha() for ch in word) >= minimum
    )


def _address(value: str, common: frozenset[str], places: bool = True) -> list[Marker]:
    out: list[Marker] = []
    folded = fold(re.sub(r"\([^)]*\)", " ", value))  # "(adres onbekend)" is no place
    house = r"(?:[\W_]{0,3}\d+(?:-?[a-z](?![^\W_]))?(?:[\-/]\d+)?)?"
    for m in _POSTCODE.finditer(folded):
        out.append(Marker(rf"(?<!\d){m.group(1)}\s*{m.group(2)}{_WORD_END}", "postcode"))
    rest = _POSTCODE.sub(" ", folded)
    for part in rest.split(","):
        street = _STREET.match(part)
        if street:
            words = tokens(street.group(1))
            what = "straatnaam"
        else:
            words = tokens(part)
            what = "woonplaats"
            if not places or any(w.isdigit() for w in words):
                continue  # a lone number ("27") or a postbus: never a marker
        if not words:
            continue
        if what == "straatnaam":
            known = any(_distinctive(w, MIN_PART, common) for w in words)
            number = house if known else house[3:-2]  # "Hof 3": only with its number
            out.append(Marker(_phrase(words)[: -len(_WORD_END)] + number + _WORD_END, what))
        elif sum(len(w) for w in words) >= MIN_PART and not set(words) <= common:
            out.append(Marker(_phrase(words), what))
        for w in words:
            if len(words) > 1 and _distinctive(w, MIN_PART, common):
                out.append(Marker(_phrase([w]) + (house if what == "straatnaam" else ""), what))
    return out


def _phone(value: str) -> list[Marker]:
    digits = re.sub(r"\D", "", value)
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    stripped = value.strip()
    if stripped.startswith("+") and digits.startswith("31"):
        digits = digits[2:]
    elif digits.startswith("0031"):
        digits = digits[4:]
    core = digits.lstrip("0")
    prefix = r"(?:(?:\+|00)[\s.\-]{0,2}31[\s.\-/()0]{0,5}|0[\s.\-/()]{0,3})?"
    out = [Marker(r"(?<!\d)" + prefix + _digits_pattern(core) + r"(?!\d)", "telefoonnummer")]
    if len(core) > MIN_PHONE_DIGITS:
        tail = core[-MIN_PHONE_DIGITS:]
        out.append(Marker(r"(?<!\d)" + _digits_pattern(tail) + r"(?!\d)", "telefoonnummer"))
    return out


def _email(value: str, common: frozenset[str]) -> list[Marker]:
    folded = fold(value.strip())
    out = [Marker(re.escape(folded), "e-mailadres")]
    local = tokens(folded.split("@", 1)[0])
    if sum(len(w) for w in local) >= MIN_PART and not set(local) <= common:
        out.append(Marker(_phrase(local), "e-mailadres"))
    return out


def _name(value: str, common: frozenset[str]) -> list[Marker]:
    words = tokens(value)
    if not words:
        return []
    out = []
    if sum(len(w) for w in words) >= MIN_NAME_PART and not set(words) <= common:
        out.append(Marker(_phrase(words), "naam"))
    for w in words:
        if len(words) > 1 and _distinctive(w, MIN_NAME_PART, common):
            out.append(Marker(_phrase([w]), "naam"))
    return out


def _text(value: str) -> list[Marker]:
    words = tokens(value)
    if sum(len(w) for w in words) < MIN_TEXT:
        return []
    parts = []
    for w in words:
        parts.append(_digits_pattern(w) if w.isdigit() else re.escape(w))
    return [Marker(_WORD_START + r"[\W_]*".join(parts) + _WORD_END, "tekst")]


def guess_kind(field: str, value: str) -> str:
    """What a marked value is, from its field's name or, failing that, its shape."""
    name = field.lower()
    if "mail" in name:
        return "email"
    if "telefoon" in name or "phone" in name or "mobiel" in name:
        return "phone"
    if "adres" in name or "address" in name or "woonplaats" in name:
        return "address"
    if name in ("name", "naam") or name.endswith("_naam"):
        return "name"
    v = value.strip()
    if _EMAIL.fullmatch(v):
        return "email"
    if re.fullmatch(r"[+\d\s.\-/()]+", v) and len(re.sub(r"\D", "", v)) >= MIN_PHONE_DIGITS:
        return "phone"
    if _POSTCODE.search(fold(v)) or _STREET.match(fold(v).split(",")[0]):
        return "address"
    return "text"


def markers_for(value: str, kind: str, common: Iterable[str] = ()) -> list[Marker]:
    """The markers of one marked value. ``common``: folded words the reader may see
    anyway (visible names, the family name), never a marker on their own."""
    known = frozenset(common)
    if not value or not value.strip():
        return []
    if kind == "street":  # an address without its place: where exactly someone lives
        return _address(value, known, places=False)
    # a whole text that is only a name the reader knows ("Anaïs") hides nothing
    out = [] if set(tokens(value)) <= known else _text(value)
    if kind == "address":
        out += _address(value, known)
    elif kind == "phone":
        out += _phone(value)
    elif kind == "email":
        out += _email(value, known)
    elif kind == "name":
        out += _name(value, known)
    else:
        # a free text may hold an address, a phone number or an e-mail address
        for m in _EMAIL.finditer(value):
            out += _email(m.group(0), known)
        for m in _PHONE_RUN.finditer(value):
            out += _phone(m.group(0))
        folded = fold(value)
        for m in _POSTCODE.finditer(folded):
            out.append(Marker(rf"(?<!\d){m.group(1)}\s*{m.group(2)}{_WORD_END}", "postcode"))
    return out


def _compile(markers: Iterable[Marker]) -> list[tuple[re.Pattern[str], str]]:
    seen: dict[str, str] = {}
    for m in markers:
        seen.setdefault(m.pattern, m.what)
    return [(re.compile(p), what) for p, what in seen.items()]


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return (
        ("…" if start > width else "")
        + left
        + "«"
        + text[start:end]
        + "»"
        + right
        + ("…" if end + width < len(text) else "")
    )


def find_hits(text: str, markers: Iterable[Marker]) -> list[Hit]:
    """Every place in ``text`` where a marker is found; overlapping hits are merged."""
    compiled = markers if isinstance(markers, list) else list(markers)
    return _hits(text, _compile(compiled))


def _hits(text: str, compiled: list[tuple[re.Pattern[str], str]]) -> list[Hit]:
    if not text or not compiled:
        return []
    folded = fold(text)
    spans: list[tuple[int, int, str]] = []
    for rx, what in compiled:
        for m in rx.finditer(folded):
            if m.end() > m.start():
                spans.append((m.start(), m.end(), what))
    if not spans:
        return []
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int, str]] = []
    for start, end, what in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        merged.append((start, end, what))
    return [Hit(s, e, text[s:e], what, _context(text, s, e)) for s, e, what in merged]


class Scrubber:
    """Markers compiled once; ``scrub(text)`` hides every hit not released."""

    def __init__(self, markers: Iterable[Marker], released: Iterable[str] = ()) -> None:
        self._compiled = _compile(markers)
        self.released = frozenset(hit_key(r) for r in released)

    def __bool__(self) -> bool:
        return bool(self._compiled)

    def hits(self, text: str) -> list[Hit]:
        return _hits(text, self._compiled)

    def scrub(self, text: str) -> str:
        hits = [h for h in self.hits(text) if h.key not in self.released]
        return leave_out(text, [(h.start, h.end) for h in hits]) if hits else text


#: words that may stand beside a hit in its list item or phrase without meaning anything
#: on their own ("in de Lindenhof", "nummer 12", "tel.")
FILLER = STOPWORDS | frozenset(["nr", "tel", "telefoonnummer", "mail", "email", "via"])
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+(?=\s|$)|\n|$)")
_SEGMENT = re.compile(r"[,;]")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = "\0"
    return "".join(chars)


def _bracketed(marked: str) -> str:
    """Every (...) or [...] that holds a hit goes whole, with the space before it."""
    for rx in (r"\s*\([^()]*\0[^()]*\)", r"\s*\[[^\[\]]*\0[^\[\]]*\]"):
        marked = re.sub(rx, "", marked)
    return marked


def _only_filler(segment: str) -> bool:
    words = tokens(segment.replace("\0", " "))
    return all(w in FILLER or w.isdigit() for w in words)


def _sentence(sentence: str) -> str:
    """One sentence with hits (``\\0``) in it: its list items or phrases that are only a
    hit go with their comma; a hit anywhere else takes the whole sentence."""
    if "\0" not in sentence:
        return sentence
    body = sentence.rstrip()
    end = len(body)
    while end and body[end - 1] in ".!?\n":
        end -= 1
    stop, tail = body[end:], sentence[len(body) :]
    parts = _SEGMENT.split(body[:end])
    seps = _SEGMENT.findall(body[:end])
    keep = []
    for i, part in enumerate(parts):
        if "\0" not in part:
            keep.append(i)
        elif not _only_filler(part) or len(parts) == 1:
            return ""  # the hit is in the sentence itself: the sentence goes
    if not keep:
        return ""
    lead = body[: len(body) - len(body.lstrip())]
    out = parts[keep[0]]
    if keep[0]:  # the first item went: the sentence starts at the next one
        out = parts[keep[0]].lstrip()
        out = lead + out[:1].upper() + out[1:]
    for i in keep[1:]:
        out += seps[i - 1] + parts[i]
    return out.rstrip() + stop + tail


def leave_out(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the ``spans`` (hits), cut so that it reads naturally and shows
    nothing of what went (see the module's docstring)."""
    marked = _bracketed(_blank(text, spans))
    out = "".join(_sentence(m.group(0)) for m in _SENTENCE.finditer(marked) if m.group(0))
    out = out.replace("\0", "")
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r"[ \t]+([,.;:!?])", r"\1", out)
    out = re.sub(r"\n[ \t]+", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def scrub(text: str, markers: Iterable[Marker], released: Iterable[str] = ()) -> str:
    """``text`` with every hit not released left out (``leave_out``)."""
    return Scrubber(markers, released).scrub(text)

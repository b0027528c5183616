"""Wire models of protocol version 1. The office publishes them as OpenAPI.

What travels is field-level state, never whole documents: one ``FieldOp`` is "field F
of entity E in case C has value V since hybrid-logical-clock stamp H", with the privacy
category that allowed it out and the sharing epoch of that category. Deleting an entity
is the field ``_exists`` set to ``false`` (a tombstone); clearing a field is value
``null``. A ``RetractOp`` asks the office to purge every value of one category of one
case (consent withdrawn or lapsed) and to refuse older sends of it from then on.

Requests are strict (unknown keys, wrong types, over-long texts: 422), so a malformed
request is refused whole before anything is written. Field values follow the same
limits as the desktop (``domain.limits``): texts of at most ``MAX_TEXT`` characters,
valid Unicode (no lone surrogates), finite numbers (no NaN, Infinity or 1e999).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, field_validator

from casusregie.domain.limits import MAX_TEXT, text_problem, value_problem

__all__ = [
    "MAX_OPS_PER_BATCH",
    "MAX_TEXT",
    "OFFICE_RECIPIENT",
    "PROTOCOL_VERSION",
    "STRUCTURE",
    "BasisNote",
    "CaseDigest",
    "CaseFeed",
    "CaseFeedEntry",
    "CaseIds",
    "EnrolRequest",
    "EnrolResponse",
    "FieldOp",
    "FieldPage",
    "FieldState",
    "OfficeInfo",
    "Op",
    "OpResult",
    "OpStatus",
    "Problem",
    "PushBatch",
    "PushResult",
    "RetractOp",
]

PROTOCOL_VERSION = 1
#: the recipient key of the central office in the consent ledger
OFFICE_RECIPIENT = "kantoor"
#: pseudo-category of structural fields (``_exists``, a form's template and section...):
#: they travel only together with content of an allowed category, and go when it goes
STRUCTURE = "_structuur"
MAX_OPS_PER_BATCH = 1000
MAX_PAGE = 2000
MAX_ENROL_CASES = 5000
MAX_ISSUED_IDS = 50

CaseId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]
EntityType = Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,31}$")]
EntityId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,299}$")]
FieldName = Annotated[
    str, Field(pattern=r"^(_exists|[a-z][a-z0-9_]{0,63}(\.[a-z][a-z0-9_]{0,63})?)$")
]
Stamp = Annotated[str, Field(pattern=r"^[0-9]{15}-[0-9]{6}-[A-Za-z0-9_.]{1,64}$")]
Category = Annotated[str, Field(pattern=r"^_?[a-z][a-z0-9_]{0,31}$")]
OpId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}(-[0-9]{1,9})?$")]
Epoch = Annotated[int, Field(ge=0, le=1_000_000_000)]


def _valid_text(text: str) -> str:
    problem = text_problem(text)
    if problem:
        raise ValueError(problem)
    return text


ShortText = Annotated[str, Field(max_length=200), AfterValidator(_valid_text)]
Text = Annotated[str, Field(max_length=2000), AfterValidator(_valid_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(_Strict):
    """Every error answer (4xx and 5xx), as RFC 9457 ``application/problem+json``:
    ``detail`` is a Dutch line fit to show, never holding case data; ``title`` is the
    HTTP status phrase (``type`` is ``about:blank``)."""

    type: str = "about:blank"
    title: str = ""
    status: int = 0
    detail: str


class OfficeInfo(_Strict):
    protocol_version: int
    office_id: str
    name: str
    server_time: str


class EnrolRequest(_Strict):
    """``cases``: the ids of the cases the device holds when it enrols. The office
    registers those it does not know yet to this device (the one moment the device is
    vouched for, by the administrator's one-time code); ids it knows stay with their
    device and are listed in ``EnrolResponse.refused``."""

    code: Annotated[str, Field(min_length=8, max_length=64), AfterValidator(_valid_text)]
    label: ShortText = ""
    client_device: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{0,64}$")] = ""
    cases: Annotated[list[CaseId], Field(max_length=MAX_ENROL_CASES)] = []


class EnrolResponse(_Strict):
    device_id: str
    token: str
    office_id: str
    registered: list[str] = []
    refused: list[str] = []


class CaseIds(_Strict):
    """New case ids issued by the office, already registered to the asking device."""

    case_ids: list[str]


class FieldOp(_Strict):
    """Set one field (value ``null`` clears it; ``_exists`` false deletes the entity)."""

    kind: Literal["set"] = "set"
    op_id: OpId
    entity_type: EntityType
    entity_id: EntityId
    field: FieldName
    value: JsonValue = None
    hlc: Stamp
    category: Category
    epoch: Epoch = 0

    @field_validator("value")
    @classmethod
    def _value_within_limits(cls, value: JsonValue) -> JsonValue:
        problem = value_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class RetractOp(_Strict):
    """Purge every value of ``category`` in this case; older sends of it are refused."""

    kind: Literal["retract"] = "retract"
    op_id: OpId
    category: Category
    epoch: Epoch


Op = Annotated[FieldOp | RetractOp, Field(discriminator="kind")]


class BasisNote(_Strict):
    """On which basis a category is shared: for the office's disclosure log. No names."""

    category: Category
    basis: Annotated[str, Field(pattern=r"^[a-z_]{1,40}$")]
    purpose: Text = ""
    given_by: ShortText = ""  # roles ("ouder", "jeugdige"), never names
    form: ShortText = ""
    given_on: ShortText = ""
    valid_until: ShortText = ""
    consent_id: ShortText = ""


class PushBatch(_Strict):
    ops: Annotated[list[Op], Field(min_length=1, max_length=MAX_OPS_PER_BATCH)]
    bases: Annotated[list[BasisNote], Field(max_length=100)] = []


class FieldState(_Strict):
    """What the office holds for one field (``seq``: its position in the office's log)."""

    entity_type: str
    entity_id: str
    field: str
    value: JsonValue = None
    hlc: str
    category: str
    seq: int


class OpStatus(StrEnum):
    APPLIED = "applied"  # the office now holds this value
    DUPLICATE = "duplicate"  # this op id was applied before: nothing done again
    SUPERSEDED = "superseded"  # the office holds a newer value (``current``) or a deletion
    STALE = "stale"  # sent under an epoch older than a retraction: refused
    RETRACTED = "retracted"  # category purged; ``purged`` values deleted


class OpResult(_Strict):
    op_id: str
    status: OpStatus
    current: FieldState | None = None
    purged: int | None = None


class PushResult(_Strict):
    """``previous_seq``: the case's position before this push; if the device had pulled
    up to it, nothing from others came in between and it may skip ahead to ``case_seq``."""

    results: list[OpResult]
    epochs: dict[str, int]
    case_seq: int
    previous_seq: int


class CaseFeedEntry(_Strict):
    case_id: str
    seq: int


class CaseFeed(_Strict):
    """Cases assigned to the device that changed after ``after``; cases taken away."""

    cursor: int
    cases: list[CaseFeedEntry]
    unassigned: list[str]


class FieldPage(_Strict):
    fields: list[FieldState]
    epochs: dict[str, int]
    next_after: int
    more: bool


class CaseDigest(_Strict):
    case_id: str
    digest: str
    count: int

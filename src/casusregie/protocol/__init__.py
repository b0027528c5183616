"""The sync wire protocol, defined once and shared by the client (``sync``) and the
office server (``office``).

Pure: data models (pydantic) and the few functions both sides must compute the same
way (canonical JSON, value hashes, case digests, op ids). No I/O, no SQL, no Qt.
``models`` is the contract the office publishes as OpenAPI (``GET /openapi.json``);
``PROTOCOL_VERSION`` is the major version, also in every path (``/v1/...``).
"""

from casusregie.protocol.digest import canonical, case_digest, op_id, value_hash
from casusregie.protocol.models import (
    MAX_OPS_PER_BATCH,
    OFFICE_RECIPIENT,
    PROTOCOL_VERSION,
    BasisNote,
    CaseDigest,
    CaseFeed,
    CaseFeedEntry,
    CaseIds,
    EnrolRequest,
    EnrolResponse,
    FieldOp,
    FieldPage,
    FieldState,
    OfficeInfo,
    Op,
    OpResult,
    OpStatus,
    Problem,
    PushBatch,
    PushResult,
    RetractOp,
)

__all__ = [
    "MAX_OPS_PER_BATCH",
    "OFFICE_RECIPIENT",
    "PROTOCOL_VERSION",
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
    "canonical",
    "case_digest",
    "op_id",
    "value_hash",
]

"""The office's HTTP API (ASGI, FastAPI): protocol version 1, published as OpenAPI.

Endpoints (all JSON; every error, 4xx and 5xx, is an RFC 9457 ``Problem``
(``application/problem+json``) whose ``detail`` is one Dutch line)::

    GET  /health                              "ok" when the office and its database answer
                                              (no token, no case data; for IT's monitoring)
    GET  /v1/info                             office id, protocol version (no token)
    POST /v1/enroll                           one-time code -> device token (no token)
    GET  /v1/cases?after=SEQ                  the device's cases changed after SEQ
    POST /v1/case-ids?n=N                     N new case ids, registered to the device
    POST /v1/cases/{case_id}/ops              push a batch of field ops / retractions
    GET  /v1/cases/{case_id}/fields?after=&limit=&include_own=   pull what the office holds
    GET  /v1/cases/{case_id}/digest           digest for the post-sync check
    GET  /openapi.json                        this API as OpenAPI 3

Authentication: ``Authorization: Bearer <device token>``; unknown or revoked: 401. A case
assigned to another device: 403, for reading and writing alike. A push to a case the
office does not know: 404; a push never claims a case (ownership is registered at
enrolment, by an office-issued id, or by the administrator: see ``repo``). Malformed
requests: 422, bodies over ``MAX_BODY`` bytes: 413; the request is refused whole,
nothing is written.

Logging: one line per request with the method, the path *template* and the status; no
query strings, no bodies, no tokens, no exception messages (they may hold case data).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casusregie.office import repo
from casusregie.office.storage import Database
from casusregie.protocol import (
    PROTOCOL_VERSION,
    CaseDigest,
    CaseFeed,
    CaseIds,
    EnrolRequest,
    EnrolResponse,
    FieldPage,
    OfficeInfo,
    Problem,
    PushBatch,
    PushResult,
)
from casusregie.protocol.models import MAX_ISSUED_IDS, MAX_PAGE

__all__ = ["MAX_BODY", "Health", "create_app"]

log = logging.getLogger("casusregie.office")
PROBLEM_JSON = "application/problem+json"
MAX_BODY = 8 * 1024 * 1024
CaseIdParam = Annotated[
    str, PathParam(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$", max_length=64)
]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Geen of een ingetrokken apparaatsleutel"},
    403: {"model": Problem, "description": "Casus niet aan dit apparaat toegewezen"},
    404: {"model": Problem, "description": "Casus niet bij het kantoor aangemeld"},
    422: {"model": Problem, "description": "Verzoek klopt niet"},
    429: {"model": Problem, "description": "Te veel verkeerde inschrijfcodes; wacht even"},
}
for _answer in _ERRORS.values():
    _answer["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


class EnrolLimiter:
    """Failed enrolments per client address, counted in memory only.

    After ``max_failures`` refused codes within ``window`` seconds a client gets 429
    (with ``Retry-After``) without its code even being looked at, until the window has
    passed. No database write per failure: refusals are written to the audit log as one
    row per ``audit_every`` seconds at most. Memory is bounded (``max_clients``
    addresses; the oldest is forgotten first). Behind a reverse proxy every device has
    the proxy's address; then the limit holds for all of them together.
    """

    def __init__(
        self,
        max_failures: int = 10,
        window: float = 600.0,
        audit_every: float = 60.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.audit_every = audit_every
        self.max_clients = max_clients
        self.clock = clock
        self._failures: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()
        self._pending = {"attempts": 0, "blocked": 0}
        self._pending_clients: set[str] = set()
        self._last_audit = clock()

    def _recent(self, client: str, now: float) -> list[float]:
        times = [t for t in self._failures.get(client, []) if now - t < self.window]
        if times:
            self._failures[client] = times
        else:
            self._failures.pop(client, None)
        return times

    def retry_after(self, client: str) -> int:
        """Seconds to wait when ``client`` is blocked now, else 0."""
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            if len(times) < self.max_failures:
                return 0
            self._pending["blocked"] += 1
            self._pending_clients.add(client)
            return max(1, int(times[0] + self.window - now) + 1)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            times.append(now)
            self._failures[client] = times
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)
            self._pending["attempts"] += 1
            if len(self._pending_clients) < self.max_clients:
                self._pending_clients.add(client)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def due(self) -> tuple[int, int, int] | None:
        """(attempts, clients, blocked) to audit now, once per ``audit_every``."""
        with self._lock:
            now = self.clock()
            pending = self._pending["attempts"] + self._pending["blocked"]
            if not pending or now - self._last_audit < self.audit_every:
                return None
            out = (self._pending["attempts"], len(self._pending_clients), self._pending["blocked"])
            self._pending = {"attempts": 0, "blocked": 0}
            self._pending_clients = set()
            self._last_audit = now
            return out


class Health(BaseModel):
    """``GET /health``: whether the office can serve (its database answers)."""

    status: Literal["ok", "fout"]
    protocol: int


class Refused(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.detail = detail
        self.headers = headers


def problem_body(status: int, detail: str) -> dict[str, Any]:
    """RFC 9457: ``type`` about:blank, so ``title`` is the status phrase."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"type": "about:blank", "title": title, "status": status, "detail": detail}


def _problem(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail), status_code=status, headers=headers, media_type=PROBLEM_JSON
    )


class _Guard:
    """Outermost ASGI layer: body size limit, request log (template only), a 500 that
    says nothing, and (for tests) a copy of each request body."""

    def __init__(self, app: ASGIApp, on_request: Callable[[str, str, bytes], None] | None) -> None:
        self.app = app
        self.on_request = on_request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.monotonic()
        status = {"code": 0}
        seen = {"bytes": 0}
        body: list[bytes] = []
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _send_plain(send, 413, "Het verzoek is te groot.")
            self._log(scope, 413, start)
            return

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                seen["bytes"] += len(chunk)
                if seen["bytes"] > MAX_BODY:
                    raise _TooLarge()
                if self.on_request is not None:
                    body.append(chunk)
            return message

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not status["code"]:
                await _send_plain(send, 413, "Het verzoek is te groot.")
                status["code"] = 413
        except Exception as exc:  # never a traceback with data in a log or a response
            frames = " <- ".join(
                f"{Path(f.filename).name}:{f.lineno}"
                for f in reversed(traceback.extract_tb(exc.__traceback__))
            )
            log.error("interne fout %s (%s)", type(exc).__name__, frames)
            if not status["code"]:
                await _send_plain(send, 500, "Interne fout in het kantoor; niets is gewijzigd.")
                status["code"] = 500
        finally:
            if self.on_request is not None:
                self.on_request(scope.get("method", ""), scope.get("path", ""), b"".join(body))
        self._log(scope, status["code"], start)

    @staticmethod
    def _log(scope: Scope, code: int, start: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "(onbekend pad)"
        log.info(
            "%s %s %d %.0f ms",
            scope.get("method", "?"),
            template,
            code,
            (time.monotonic() - start) * 1000,
        )


class _TooLarge(Exception):
    pass


async def _send_plain(send: Send, status: int, detail: str) -> None:
    import json

    payload = json.dumps(problem_body(status, detail)).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode("ascii")),
                (b"content-length", str(len(payload)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _device(
    request: Request,
    authorization: Annotated[str | None, Header(max_length=300)] = None,
) -> str:
    """The device behind the bearer token; 401 for none, unknown or revoked."""
    token = ""
    if authorization and authorization.startswith("Bearer "):
        token = authorization[len("Bearer ") :].strip()
    found = repo.token_device(request.app.state.db, token) if token else None
    if found is None:
        raise Refused(401, "Dit apparaat is niet (meer) ingeschreven bij het kantoor.")
    return found


Device = Annotated[str, Depends(_device)]


def create_app(
    db: Database,
    *,
    name: str = "Centraal kantoor",
    on_request: Callable[[str, str, bytes], None] | None = None,
    enrol_limiter: EnrolLimiter | None = None,
) -> ASGIApp:
    """The office app on ``db``. ``on_request(method, path, body)`` sees every request
    body (tests capture the wire with it); leave it None in production."""
    limiter = enrol_limiter or EnrolLimiter()
    oid = repo.office_id(db)
    app = FastAPI(
        title="Casusregie kantoor",
        version=str(PROTOCOL_VERSION),
        description=(__doc__ or "").split("Endpoints")[0].strip(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db = db

    @app.exception_handler(Refused)
    async def _refused(_: Request, exc: Refused) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _problem(exc.status, exc.detail, exc.headers or headers)

    @app.exception_handler(repo.Forbidden)
    async def _forbidden(_: Request, __: repo.Forbidden) -> JSONResponse:
        return _problem(403, "Deze casus is niet aan dit apparaat toegewezen.")

    @app.exception_handler(repo.Unregistered)
    async def _unregistered(_: Request, __: repo.Unregistered) -> JSONResponse:
        return _problem(
            404,
            "Deze casus is niet bij het kantoor aangemeld. Vraag de beheerder om hem aan "
            "dit apparaat toe te wijzen (casusregie-office case assign).",
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Name where, never echo what: the input may be case data.
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _problem(422, f"Het verzoek klopt niet (bij '{where[:200]}').")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        texts = {404: "Niet gevonden.", 405: "Deze methode kan hier niet."}
        return _problem(exc.status_code, texts.get(exc.status_code, "Verzoek geweigerd."))

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        # Starlette's ServerErrorMiddleware answers here, then re-raises for _Guard's log.
        return _problem(500, "Interne fout in het kantoor; niets is gewijzigd.")

    @app.get(
        "/health",
        response_model=Health,
        responses={503: {"model": Health, "description": "De database antwoordt niet"}},
        tags=["kantoor"],
    )
    def health() -> Any:
        try:
            with db.transaction() as tx:
                tx.one("SELECT 1")
        except Exception:  # any failure of the database: not healthy (no details out)
            unhealthy = Health(status="fout", protocol=PROTOCOL_VERSION)
            return JSONResponse(unhealthy.model_dump(), status_code=503)
        return Health(status="ok", protocol=PROTOCOL_VERSION)

    @app.get("/v1/info", response_model=OfficeInfo, tags=["kantoor"])
    def info() -> OfficeInfo:
        return OfficeInfo(
            protocol_version=PROTOCOL_VERSION,
            office_id=oid,
            name=name,
            server_time=repo.now_iso(),
        )

    @app.post(
        "/v1/enroll",
        response_model=EnrolResponse,
        responses={401: _ERRORS[401], 422: _ERRORS[422], 429: _ERRORS[429]},
        tags=["apparaten"],
    )
    def enroll(request: Request, body: EnrolRequest) -> EnrolResponse:
        client = request.client.host if request.client else "?"
        try:
            wait = limiter.retry_after(client)
            if wait:
                raise Refused(
                    429,
                    "Te veel verkeerde inschrijfcodes vanaf dit adres. "
                    f"Probeer het over {max(1, round(wait / 60))} minuten opnieuw.",
                    {"Retry-After": str(wait)},
                )
            found = repo.enrol(db, body.code, body.label, body.client_device, body.cases)
            if found is None:
                limiter.failed(client)
                raise Refused(401, "Deze inschrijfcode is onbekend, al gebruikt of verlopen.")
            limiter.succeeded(client)
            return EnrolResponse(
                device_id=found[0],
                token=found[1],
                office_id=oid,
                registered=found[2],
                refused=found[3],
            )
        finally:
            due = limiter.due()
            if due is not None:
                repo.record_enrol_refusals(db, *due)

    @app.get("/v1/cases", response_model=CaseFeed, responses=_ERRORS, tags=["casussen"])
    def cases(who: Device, after: Annotated[int, Query(ge=0, le=2**62)] = 0) -> CaseFeed:
        return repo.feed(db, who, after)

    @app.post("/v1/case-ids", response_model=CaseIds, responses=_ERRORS, tags=["casussen"])
    def case_ids(who: Device, n: Annotated[int, Query(ge=1, le=MAX_ISSUED_IDS)] = 10) -> CaseIds:
        return CaseIds(case_ids=repo.issue_case_ids(db, who, n))

    @app.post(
        "/v1/cases/{case_id}/ops",
        response_model=PushResult,
        responses=_ERRORS,
        tags=["casussen"],
    )
    def push(who: Device, case_id: CaseIdParam, body: PushBatch) -> PushResult:
        return repo.push(db, who, case_id, body)

    @app.get(
        "/v1/cases/{case_id}/fields",
        response_model=FieldPage,
        responses=_ERRORS,
        tags=["casussen"],
    )
    def fields(
        who: Device,
        case_id: CaseIdParam,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
        include_own: bool = False,
    ) -> FieldPage:
        return repo.pull(db, who, case_id, after, limit, include_own)

    @app.get(
        "/v1/cases/{case_id}/digest",
        response_model=CaseDigest,
        responses=_ERRORS,
        tags=["casussen"],
    )
    def digest(who: Device, case_id: CaseIdParam) -> CaseDigest:
        return repo.digest(db, who, case_id)

    return _Guard(app, on_request)


def openapi_document(db: Database) -> dict[str, Any]:
    """The published OpenAPI document (as served at ``/openapi.json``)."""
    guard = create_app(db)
    assert isinstance(guard, _Guard)
    inner = guard.app
    assert isinstance(inner, FastAPI)
    return inner.openapi()


Handler = Callable[[Scope, Receive, Send], Awaitable[None]]

"""What the resolution routes take and send: review band, explanations, curation, search body.

Why a module of its own (next to ``models.py``): these models describe the
*resolver's* reasoning — record references, comparison contributions, human
decisions — rather than the graph's persons and places, and they grow with the
resolver. Like every ``/v1`` model they are the published contract: additive
changes only.

Record references are the resolver's mention keys ``(source, record_id, role)``;
``role`` says which person (or address, organisation) of the row is meant —
``person`` for the subject of a person register, ``owner`` / ``tenant`` in
housing, ``legal_rep`` in organisations, ``spouse`` for a spouse named in a row.

Why ``extra="forbid"`` on inputs: ``who`` of a curation is the token's name and
must never come from the body; a body that tries to set it is refused (422)
rather than silently ignored, so a client cannot believe it succeeded.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kg.api.models import Out

# No control characters; ':' is the separator of the ``source:record_id:role`` form.
_SOURCE = r"^[A-Za-z0-9_.\-]{1,64}$"
_RECORD_ID = r"^[^\x00-\x1f\x7f:]{1,128}$"
_ROLE = r"^[a-z_]{1,32}$"

SourceStr = Annotated[str, StringConstraints(pattern=_SOURCE)]
RecordIdStr = Annotated[str, StringConstraints(pattern=_RECORD_ID)]
RoleStr = Annotated[str, StringConstraints(pattern=_ROLE)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MentionRefIn(In):
    """One reference of one record: which register, which row, which person in it."""

    source: SourceStr = Field(examples=["police"])
    record_id: RecordIdStr = Field(examples=["GA12863687"])
    role: RoleStr = Field(
        default="person",
        description="Which reference in the row: person, owner, tenant, legal_rep, spouse, "
        "house, registered_house, employer, organisation.",
        examples=["person"],
    )

    def key(self) -> tuple[str, str, str]:
        return (self.source, self.record_id, self.role)


class RecordRefOut(Out):
    source: str = Field(examples=["police"])
    record_id: str = Field(examples=["GA12863687"])
    role: str = Field(examples=["person"])
    entity_id: str | None = Field(
        default=None,
        description="The entity the reference resolves to now; null if not resolved yet.",
        examples=["Pfb2a9a300793df75"],
    )


class ContributionOut(Out):
    """One comparison's part in a pair's score (a log2 Bayes factor)."""

    comparison: str = Field(examples=["id"])
    level: str = Field(examples=["exact"])
    weight: float = Field(examples=[14.26])
    detail: str = Field(
        default="",
        description="The values compared (`a | b`); ID numbers and phones masked per role.",
        examples=["110105********123X | 110105********123X"],
    )


class ThresholdsOut(Out):
    match: float = Field(examples=[0.9])
    review: float = Field(examples=[0.5])


class ResolverDecisionOut(Out):
    """What the last resolve kept for this pair; it can differ from the pair's own score
    when a group-level rule refused the merge."""

    decision: str = Field(examples=["review"])
    probability: float = Field(ge=0, le=1)
    note: str = Field(default="", examples=["weak average linkage"])
    via: list[str] | None = Field(
        default=None,
        description="When the decision was made for another pair of the same entity: that"
        " pair's two references (a group-level rule such as a unique name).",
        examples=[["housing:FW0001:owner", "police:GA0001:person"]],
    )


class PairExplanationOut(Out):
    """Why two person references are (not) one person, under the fitted model."""

    prior_weight: float
    contributions: list[ContributionOut]
    total: float = Field(description="prior_weight plus the contributions.")
    probability: float = Field(ge=0, le=1)
    decision: str = Field(examples=["review"])
    hard_rule: str | None = Field(
        default=None, examples=["two different valid 18-digit IDs never merge"]
    )
    thresholds: ThresholdsOut
    a: RecordRefOut
    b: RecordRefOut
    same_entity: bool = Field(description="Whether both references resolve to one entity now.")
    resolver: ResolverDecisionOut | None = Field(
        default=None, description="The pair as the last resolve kept it, if it kept it."
    )


class ReviewItemOut(Out):
    """A pair the resolver could not decide alone, with its stored score and an explanation."""

    space: str = Field(examples=["persons"], description="persons, dwellings or organisations.")
    a: RecordRefOut
    b: RecordRefOut
    weight: float
    probability: float = Field(ge=0, le=1)
    decision: str = Field(examples=["review"])
    levels: list[int] = Field(default_factory=list, description="The stored comparison vector.")
    contributions: list[ContributionOut] = Field(
        default_factory=list, description="Stored contributions (dwelling / organisation pairs)."
    )
    explanation: PairExplanationOut | None = Field(
        default=None,
        description="Person pairs: every comparison recomputed from the current records; "
        "null for other spaces or when a record changed since the run.",
    )


class ReviewPage(Out):
    items: list[ReviewItemOut]
    limit: int
    offset: int
    next: str | None = Field(default=None, examples=["/v1/review?limit=20&offset=20"])


class BecauseOut(Out):
    """One pair that holds a reference in its entity."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    with_: RecordRefOut = Field(alias="with")
    probability: float
    weight: float
    decision: str = Field(examples=["match", "must-link"])
    levels: list[int] = Field(default_factory=list)
    contributions: list[ContributionOut] = Field(default_factory=list)
    explanation: PairExplanationOut | None = None


class MemberOut(Out):
    ref: RecordRefOut
    because: list[BecauseOut] = Field(
        description="Empty: the entity's only reference, or placed by its key (dwellings)."
    )


class EntityExplanationOut(Out):
    entity_id: str = Field(examples=["Pfb2a9a300793df75"])
    members: list[MemberOut]


CurationKind = Literal["must-link", "cannot-link", "merge", "split"]


class CurationIn(In):
    """A human decision; ``merge`` is a must-link and ``split`` a cannot-link of two records."""

    kind: CurationKind = Field(examples=["cannot-link"])
    a: MentionRefIn
    b: MentionRefIn
    why: str = Field(
        min_length=1,
        max_length=500,
        description="Why (recorded with the decision, shown in explanations).",
        examples=["case 2024-0117: different persons, checked with the 派出所"],
    )

    @model_validator(mode="after")
    def _two_references(self) -> CurationIn:
        if self.a.key() == self.b.key():
            raise ValueError("a and b must be two different references")
        if not self.why.strip():
            raise ValueError("why must not be blank")
        return self

    @property
    def stored_kind(self) -> Literal["must-link", "cannot-link"]:
        return "must-link" if self.kind in ("must-link", "merge") else "cannot-link"


class CurationOut(Out):
    id: int = Field(examples=[12])
    kind: Literal["must-link", "cannot-link"]
    a: RecordRefOut
    b: RecordRefOut
    who: str = Field(description="The name of the token that recorded it.", examples=["wang.fang"])
    why: str
    created_at: str = Field(examples=["2024-05-02T09:14:03+00:00"])


class AppliedOut(Out):
    """The re-resolve run by ``?apply=true`` and where the two references ended up."""

    run_id: int
    seconds: float = Field(description="Wall time of the re-resolve.")
    a_entity_id: str | None
    b_entity_id: str | None
    same_entity: bool


class CurationResult(Out):
    curation: CurationOut
    applied: AppliedOut | None = Field(
        default=None, description="Only with ?apply=true; otherwise run `kg resolve` later."
    )


class CurationPage(Out):
    items: list[CurationOut]
    limit: int
    offset: int
    next: str | None = None


class PersonSearchIn(In):
    """The criteria of ``GET /v1/persons``, in a body so ID numbers stay out of URLs and logs."""

    id_number: str | None = Field(default=None, max_length=40, examples=["110105198503121234"])
    name: str | None = Field(default=None, max_length=64, examples=["张伟"])
    birth_date: str | None = Field(
        default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["1985-03"]
    )
    address: str | None = Field(default=None, max_length=200)

    def given(self) -> list[str]:
        """Names (never values) of the criteria present: what the audit log records."""
        return [k for k, v in self.model_dump().items() if isinstance(v, str) and v.strip()]


class ProblemOut(BaseModel):
    """RFC 9457 problem details, as every kg error is sent (``application/problem+json``)."""

    type: str = Field(examples=["urn:kg:problem:curation-conflict"])
    title: str = Field(examples=["Conflict"])
    status: int = Field(examples=[409])
    instance: str = Field(examples=["/v1/curation"])
    request_id: str | None = Field(examples=["5b0c3f9e2d7a4c1e8f6a0b9d3c2e1f4a"])
    detail: str | None = None
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="422 only: location and message of each bad input, no values."
    )


_REQUEST_ID = {
    "X-Request-ID": {
        "description": "The request's id (yours if you sent a sane one); quote it in reports.",
        "schema": {"type": "string"},
    }
}
_PROBLEMS = {
    400: "Missing or invalid X-Purpose, or a request kg cannot act on.",
    401: "No, unknown, revoked or expired token.",
    403: "The token's role may not do this.",
    404: "Unknown record, reference or entity, or nothing resolved yet.",
    409: "Contradicts an earlier decision, or a resolve is already running.",
    422: "Invalid parameters or body (the offending values are never echoed).",
    429: "Over the token's rate limit (see Retry-After).",
    503: "The ledger or graph store is not reachable.",
}


def documented(success: int = 200, *extra: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a route: the request-id header and its problem answers.

    Why a helper: FastAPI documents only the success body; the error shape
    (``application/problem+json``) and the ``X-Request-ID`` header are part of the
    contract too, and every resolution route sends the same ones.
    """
    schema = ProblemOut.model_json_schema()
    out: dict[int | str, dict[str, Any]] = {success: {"headers": _REQUEST_ID}}
    for status in sorted({400, 401, 403, 422, 429, 503, *extra}):
        out[status] = {
            "description": _PROBLEMS[status],
            "headers": _REQUEST_ID,
            "content": {"application/problem+json": {"schema": schema}},
        }
    return out

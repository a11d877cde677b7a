"""Shared shaping of store views into answers: raw-row stripping, person ids, paging.

Why one module: every route that returns persons must apply the same three
steps in the same order — drop what the role may not see, mask what remains,
then check the masked answer against the ``*Masked`` model — and must tell the
audit log which persons it disclosed.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError

from kg.api.deps import View
from kg.errors import KgError


class MaskingCheckFailed(KgError):
    """An answer that must be masked still held a full identifier (a bug; answered 500)."""


_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool)


def plain(view: Any) -> Any:
    """``dataclasses.asdict(view)`` (what the views' ``to_json()`` returns), faster.

    Why: ``asdict`` calls ``copy.deepcopy`` on every leaf and re-inspects each
    class's fields on every object; a profile (dozens of records, links, golden
    values) spent more CPU there than in the store. Here the field names are
    looked up once per class and immutable leaves (str, int, float, bool, None)
    are reused; anything else is converted exactly as ``asdict`` does.
    """
    if view is None or isinstance(view, _ATOMS):
        return view
    cls = type(view)
    if cls is list:
        return [plain(v) for v in view]
    if cls is dict:
        return {plain(k): plain(v) for k, v in view.items()}
    names = _FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(view) and not isinstance(view, type):
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(view))
    if names is not None:
        return {name: plain(getattr(view, name)) for name in names}
    if cls is tuple:
        return tuple(plain(v) for v in view)
    if isinstance(view, tuple) and hasattr(view, "_fields"):  # a namedtuple
        return cls(*[plain(v) for v in view])
    if isinstance(view, list | tuple):
        return cls(plain(v) for v in view)
    if isinstance(view, dict):
        return cls((plain(k), plain(v)) for k, v in view.items())
    return copy.deepcopy(view)


def strip_raw(data: Any, keep: bool) -> Any:
    """Set every ``records[*].raw`` to None unless the role may see verbatim rows."""
    if keep:
        return data
    if isinstance(data, dict):
        out = {k: strip_raw(v, keep) for k, v in data.items()}
        records = out.get("records")
        if isinstance(records, list):
            out["records"] = [
                {**r, "raw": None} if isinstance(r, dict) and "raw" in r else r for r in records
            ]
        return out
    if isinstance(data, list):
        return [strip_raw(v, keep) for v in data]
    return data


def person_ids(data: Any) -> list[str]:
    """Ids of every person embedded in a view's JSON (``person`` refs and Person nodes)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            person = value.get("person")
            if isinstance(person, dict) and isinstance(person.get("id"), str):
                found.append(person["id"])
            if value.get("label") == "Person" and isinstance(value.get("id"), str):
                found.append(value["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return list(dict.fromkeys(found))


def check_masked(view: View, masked_model: type[BaseModel], data: dict[str, Any]) -> None:
    """When the role sees only masked identifiers, prove it with the ``*Masked`` model."""
    if view.mask.unmask_ids or view.mask.unmask_phones or view.mask.allow:
        return
    try:
        masked_model.model_validate(data)
    except ValidationError as exc:
        raise MaskingCheckFailed("a masked answer failed its masking check") from exc


def shape(view: View, data: dict[str, Any]) -> Any:
    """Strip raw rows the role may not see, then mask identifiers."""
    return view.redact(strip_raw(data, view.raw_records))


def json_response(model: BaseModel) -> Response:
    """``model`` as the JSON FastAPI would send for ``response_model_exclude_unset=True``.

    Why: a route returning the model itself has FastAPI validate it again against
    ``response_model`` and then serialise it; the model was just validated (that is
    the contract check), so pydantic's serialiser is called once, directly.
    """
    return Response(model.model_dump_json(exclude_unset=True), media_type="application/json")


def next_link(request: Request, limit: int, offset: int, has_more: bool) -> str | None:
    """A relative URL to the next page (relative: never trust the Host header)."""
    if not has_more:
        return None
    url = request.url.include_query_params(limit=limit, offset=offset + limit)
    return f"{url.path}?{url.query}"

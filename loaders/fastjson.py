"""JSON text of normalised values, byte-identical to ``json.dumps`` but several times faster.

Why: every row of a load serialises five to ten normalised values (``NormName``,
``NormID``, ``NormAddress`` …) for the ledger, and ``json.dumps`` with custom
separators builds a new encoder per call; for the unique values of a register (IDs,
phones, most addresses) that is the largest single cost after parsing.

How it stays identical: each field goes through ``_v``, which encodes a ``str`` with
the very C function ``json.dumps(..., ensure_ascii=False)`` uses
(``json.encoder.encode_basestring``), writes ``null``/``true``/``false`` for the three
singletons, and hands anything else to ``json.dumps`` with the ledger's settings. Field
order is the dataclass's, which is also the order of every ``to_json``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from loaders.normalise.addresses import NormAddress
from loaders.normalise.dates import NormDate
from loaders.normalise.ids import NormID
from loaders.normalise.names import NormName
from loaders.normalise.orgs import NormCode, NormOrgName
from loaders.normalise.phones import NormPhone

__all__ = ["dumps", "obj_json"]

_esc: Callable[[str], str] = encode_basestring


def dumps(value: Any) -> str:
    """The ledger's JSON settings: UTF-8 text as is, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _v(v: Any) -> str:
    if type(v) is str:
        return _esc(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    return dumps(v)


def _field_src(name: str, annotation: object) -> str:
    """The f-string replacement field for one attribute, specialised on its annotation.

    Why: a call to ``_v`` per field was most of the cost; inline type tests in the
    f-string make the common cases (a ``str``, ``None``, a ``bool``) call-free or one C
    call. Whatever the annotation, a value of another type still goes through ``_v``,
    so the text is always exactly ``json.dumps``'s.
    """
    a = f"o.{name}"
    ann = str(annotation).replace(" ", "")
    if ann in ("str", "str|None"):
        return f'{{"null" if {a} is None else _esc({a}) if {a}.__class__ is str else _v({a})}}'
    if ann == "bool":
        return f'{{"true" if {a} is True else "false" if {a} is False else _v({a})}}'
    return f"{{_v({a})}}"


def _compile(cls: type) -> Callable[[Any], str]:
    """A straight-line serialiser ``o → '{"a":…,"b":…}'`` for a dataclass's fields.

    Why generated: one f-string over all fields is a single allocation and no loop;
    writing seven of them by hand would repeat every field list a second time.
    """
    fields = dataclasses.fields(cls)
    for f in fields:  # the names become source text: accept plain identifiers only
        if not f.name.isidentifier():  # pragma: no cover - dataclass fields always are
            raise ValueError(f"{cls.__name__}.{f.name}: not an identifier")
    body = ",".join(f'"{f.name}":' + _field_src(f.name, f.type) for f in fields)
    src = f"def _json(o):\n    return f'{{{{{body}}}}}'\n"
    scope: dict[str, Any] = {"_v": _v, "_esc": _esc}
    exec(compile(src, f"<json of {cls.__name__}>", "exec"), scope)  # noqa: S102
    fn: Callable[[Any], str] = scope["_json"]
    return fn


_SERIALISERS: dict[type, Callable[[Any], str]] = {
    cls: _compile(cls)
    for cls in (NormAddress, NormDate, NormID, NormName, NormOrgName, NormCode, NormPhone)
}


def obj_json(obj: Any) -> str:
    """``dumps(obj.to_json())`` for a normalised value, without building the dict."""
    fn = _SERIALISERS.get(type(obj))
    if fn is None:
        return dumps(obj.to_json())
    return fn(obj)

"""The golden record: one best value per field, with every source's value kept beside it.

Why keep the losers: "one person, one record" must not hide that the police
register says 1985-03-12 and civil affairs says 1985-12-03. The case worker sees
the chosen value, which sources gave it, and the conflicting values with theirs.

How a value is chosen: valid beats invalid (an ID with a good check character
beats a typo), more precise beats less (a full birth date beats a year-month it
agrees with), then the value given by more sources, then the source's standing
for that field (police for identity, housing for ownership), then the value
itself (for determinism).

Cost: the graph build makes one golden record per person, dwelling and
organisation (hundreds of thousands per district, on every run), so the common
case — a field with one value — takes short cuts (``best``, ``conflicting``) and
the stored JSON text is written directly (``to_json_text``) rather than built as
dicts and lists and then encoded.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

SOURCE_RANK = {
    "police": 0,
    "family_planning": 1,
    "civil_affairs": 2,
    "housing": 3,
    "organisations": 4,
}

_quote: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string literal, non-ASCII kept: what ``json.dumps(..., ensure_ascii=False)``
writes for a ``str`` (the same C function when the accelerator is present)."""


@dataclass(slots=True)
class FieldValues:
    """All values one field takes across an entity's records.

    ``values`` maps each value to the origins that gave it (first-seen order, no
    repeats); ``quality`` to the highest quality it was given. Slots: one is made
    per field of every entity of a district.
    """

    values: dict[str, list[str]] = field(default_factory=dict)
    quality: dict[str, int] = field(default_factory=dict)
    _best: str | None = field(default=None, repr=False, compare=False)
    _best_known: bool = field(default=False, repr=False, compare=False)

    def add(self, value: str | None, origin: str, quality: int = 0) -> None:
        """``origin`` is "source:record_id"; higher ``quality`` wins (validity, precision)."""
        if not value:
            return
        self._best_known = False
        origins = self.values.get(value)
        if origins is None:
            self.values[value] = [origin]
            self.quality[value] = quality
            return
        if origin not in origins:
            origins.append(origin)
        if quality > self.quality[value]:
            self.quality[value] = quality

    def best(self) -> str | None:
        """The chosen value (computed once per set of values: profiles ask for it often)."""
        if self._best_known:
            return self._best
        self._best = self._choose()
        self._best_known = True
        return self._best

    def _choose(self) -> str | None:
        """The value ranked first by (quality, sources, source standing, value) — see
        the module docstring. The source standing (a look-up per origin) is computed
        only among the values tied on quality and number of sources: dwellings carry
        many origins per value, and this was most of their cost."""
        values = self.values
        if len(values) <= 1:  # the common case: nothing to rank
            return next(iter(values), None)
        quality = self.quality
        top = max((quality.get(v, 0), len(origins)) for v, origins in values.items())
        tied = [v for v, origins in values.items() if (quality.get(v, 0), len(origins)) == top]
        if len(tied) == 1:
            return tied[0]

        def standing(v: str) -> tuple[int, str]:
            return (min(SOURCE_RANK.get(s.split(":", 1)[0], 9) for s in values[v]), v)

        return min(tied, key=standing)

    def conflicting(self, compatible: bool = False) -> bool:
        """More than one distinct value; with ``compatible``, a value that is a prefix of
        another (1985-03 of 1985-03-12) does not count as a conflict."""
        if len(self.values) <= 1:
            return False
        vals = sorted(self.values)
        if compatible:
            vals = [v for v in vals if not any(o != v and o.startswith(v) for o in vals)]
        return len(vals) > 1

    def ordered(self) -> list[str]:
        """The values as shown: the chosen one first, then the others sorted."""
        values = self.values
        if len(values) <= 1:
            return list(values)
        chosen = self.best()
        return sorted(values, key=lambda x: (x != chosen, x))

    def to_json(self) -> list[dict[str, Any]]:
        chosen = self.best()
        return [
            {"value": v, "sources": sorted(self.values[v]), "chosen": v == chosen}
            for v in self.ordered()
        ]

    def to_json_text(self) -> str:
        """``json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)``, written directly."""
        values = self.values
        if len(values) == 1:  # the common case: one value, chosen
            ((v, origins),) = values.items()
            return (
                '[{"chosen": true, "sources": ['
                + ", ".join([_quote(o) for o in sorted(origins)])
                + '], "value": '
                + _quote(v)
                + "}]"
            )
        chosen = self.best()
        return (
            "["
            + ", ".join(
                [
                    '{"chosen": '
                    + ("true" if v == chosen else "false")
                    + ', "sources": ['
                    + ", ".join([_quote(o) for o in sorted(values[v])])
                    + '], "value": '
                    + _quote(v)
                    + "}"
                    for v in self.ordered()
                ]
            )
            + "]"
        )


@dataclass(slots=True)
class Golden:
    """An entity's fields, each with all its values (see the module docstring)."""

    fields: dict[str, FieldValues] = field(default_factory=dict)

    def field(self, name: str) -> FieldValues:
        fv = self.fields.get(name)
        if fv is None:
            fv = self.fields[name] = FieldValues()
        return fv

    def add(self, name: str, value: str | None, origin: str, quality: int = 0) -> None:
        """``field(name).add(value, origin, quality)`` in one call, the build's hot loop (a
        new field is made with its first value in place); an empty value adds nothing,
        not even the field, which reads the same as an empty one."""
        if not value:
            return
        fv = self.fields.get(name)
        if fv is None:
            self.fields[name] = FieldValues({value: [origin]}, {value: quality})
            return
        fv.add(value, origin, quality)

    def best(self, name: str) -> str | None:
        fv = self.fields.get(name)
        return fv.best() if fv else None

    def all_values(self, name: str) -> list[str]:
        fv = self.fields.get(name)
        return sorted(fv.values) if fv else []

    def conflicts(self, compatible_fields: Iterable[str] = ("birth_date",)) -> list[str]:
        compatible = set(compatible_fields)
        return sorted(
            name
            for name, fv in self.fields.items()
            if len(fv.values) > 1 and fv.conflicting(compatible=name in compatible)
        )

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {name: fv.to_json() for name, fv in sorted(self.fields.items()) if fv.values}

    def to_json_text(self) -> str:
        """``json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)``, byte for byte.

        Why not ``json.dumps``: the dicts and lists ``to_json`` builds exist only to be
        encoded, and building them was most of a golden record's cost. The text is
        what earlier versions stored (it is hashed), so it must not change:
        ``tests/graph/test_golden.py`` checks it against ``json.dumps``.
        """
        return (
            "{"
            + ", ".join(
                [
                    _quote(name) + ": " + fv.to_json_text()
                    for name, fv in sorted(self.fields.items())
                    if fv.values
                ]
            )
            + "}"
        )

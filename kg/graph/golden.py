"""The golden record: one best value per field, with every source's value kept beside it.

Why keep the losers: "one person, one record" must not hide that the police
register says 1985-03-12 and civil affairs says 1985-12-03. The case worker sees
the chosen value, which sources gave it, and the conflicting values with theirs.

How a value is chosen: valid beats invalid (an ID with a good check character
beats a typo), more precise beats less (a full birth date beats a year-month it
agrees with), then the value given by more sources, then the source's standing
for that field (police for identity, housing for ownership), then the value
itself (for determinism).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SOURCE_RANK = {
    "police": 0,
    "family_planning": 1,
    "civil_affairs": 2,
    "housing": 3,
    "organisations": 4,
}


@dataclass
class FieldValues:
    """All values one field takes across an entity's records."""

    values: dict[str, list[str]] = field(default_factory=dict)
    quality: dict[str, int] = field(default_factory=dict)
    _best: str | None = field(default=None, repr=False, compare=False)
    _best_known: bool = field(default=False, repr=False, compare=False)

    def add(self, value: str | None, origin: str, quality: int = 0) -> None:
        """``origin`` is "source:record_id"; higher ``quality`` wins (validity, precision)."""
        if not value:
            return
        self._best_known = False
        self.values.setdefault(value, [])
        if origin not in self.values[value]:
            self.values[value].append(origin)
        self.quality[value] = max(self.quality.get(value, quality), quality)

    def best(self) -> str | None:
        """The chosen value (computed once per set of values: profiles ask for it often)."""
        if self._best_known:
            return self._best
        self._best = self._choose()
        self._best_known = True
        return self._best

    def _choose(self) -> str | None:
        if not self.values:
            return None

        def rank(v: str) -> tuple[int, int, int, str]:
            sources = self.values[v]
            best_source = min(SOURCE_RANK.get(s.split(":", 1)[0], 9) for s in sources)
            return (-self.quality.get(v, 0), -len(sources), best_source, v)

        return min(self.values, key=rank)

    def conflicting(self, compatible: bool = False) -> bool:
        """More than one distinct value; with ``compatible``, a value that is a prefix of
        another (1985-03 of 1985-03-12) does not count as a conflict."""
        vals = sorted(self.values)
        if compatible:
            vals = [v for v in vals if not any(o != v and o.startswith(v) for o in vals)]
        return len(vals) > 1

    def to_json(self) -> list[dict[str, Any]]:
        chosen = self.best()
        return [
            {"value": v, "sources": sorted(self.values[v]), "chosen": v == chosen}
            for v in sorted(self.values, key=lambda x: (x != chosen, x))
        ]


@dataclass
class Golden:
    fields: dict[str, FieldValues] = field(default_factory=dict)

    def field(self, name: str) -> FieldValues:
        return self.fields.setdefault(name, FieldValues())

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
            if fv.conflicting(compatible=name in compatible)
        )

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {name: fv.to_json() for name, fv in sorted(self.fields.items()) if fv.values}

"""Department field policy: which person fields each partner department may see.

Why a TOML file outside the code: which fields 民政 or 卫健 may receive is an
agreement between departments (and changes with it), not a code decision. The
file is read once at start-up and validated as a whole — every unknown field,
bad type or missing entry is reported together, and the service refuses to
start rather than guess. A department that is not in the file sees nothing.

Example (``docs/department-policy.example.toml``)::

    [departments.civil_affairs]
    fields = ["name", "sex", "birth_date", "id_number", "dwellings"]
    unmask_ids = true
    unmask_phones = false
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.graph.views import PersonProfile

# Every profile attribute a department may be granted (``id`` is always shown).
PROFILE_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(PersonProfile) if f.name != "id"
)
# Canonical person fields (docs/architecture.md): the keys of the golden record.
GOLDEN_FIELDS: frozenset[str] = frozenset(
    {
        "name", "former_name", "sex", "ethnicity", "birth_date", "id_number", "phone",
        "household_no", "relation", "registered_address", "current_address", "employer",
        "person_type", "marital_status", "spouse_name", "spouse_id", "service_type",
        "family_no", "family_role",
    }
)  # fmt: skip
PERSON_FIELDS: frozenset[str] = PROFILE_FIELDS | GOLDEN_FIELDS
# A profile attribute granted also grants the golden-record field it summarises.
_GOLDEN_ALIASES = {"phones": "phone", "id_numbers": "id_number", "names": "name",
                   "birth_dates": "birth_date"}  # fmt: skip
_RULE_KEYS = {"fields", "unmask_ids", "unmask_phones", "description"}


@dataclass(frozen=True)
class DepartmentRule:
    name: str
    fields: frozenset[str]
    unmask_ids: bool = False
    unmask_phones: bool = False
    description: str = ""

    def filter(self, data: dict[str, Any], always: frozenset[str]) -> dict[str, Any]:
        """Keep only allowed keys (plus ``always``); the golden record by field too."""
        out = {k: v for k, v in data.items() if k in self.fields or k in always}
        golden = out.get("golden")
        if isinstance(golden, dict):
            granted = self.fields | {
                _GOLDEN_ALIASES[f] for f in self.fields if f in _GOLDEN_ALIASES
            }
            out["golden"] = {k: v for k, v in golden.items() if k in granted}
        return out


@dataclass(frozen=True)
class DepartmentPolicy:
    rules: dict[str, DepartmentRule]

    def rule(self, department: str | None) -> DepartmentRule | None:
        return self.rules.get(department or "")

    @classmethod
    def empty(cls) -> DepartmentPolicy:
        return cls({})


def load_policy(path: Path | None) -> DepartmentPolicy:
    """Read and validate the policy file; ``None`` means no department may read anything."""
    if path is None:
        return DepartmentPolicy.empty()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"KG_DEPARTMENT_POLICY: cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"KG_DEPARTMENT_POLICY: {path} is not valid TOML: {exc}") from exc
    problems: list[str] = []
    departments = data.get("departments")
    if not isinstance(departments, dict):
        raise ConfigError(f"KG_DEPARTMENT_POLICY: {path} needs [departments.<name>] tables")
    extra_top = set(data) - {"departments"}
    if extra_top:
        problems.append(f"unknown top-level keys {sorted(extra_top)}")
    rules: dict[str, DepartmentRule] = {}
    for name, entry in departments.items():
        if not isinstance(entry, dict):
            problems.append(f"[departments.{name}] must be a table")
            continue
        unknown = set(entry) - _RULE_KEYS
        if unknown:
            problems.append(f"[departments.{name}] unknown keys {sorted(unknown)}")
        fields = entry.get("fields", [])
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            problems.append(f"[departments.{name}] fields must be a list of strings")
            continue
        bad = sorted(set(fields) - PERSON_FIELDS)
        if bad:
            problems.append(
                f"[departments.{name}] unknown fields {bad} (known: {sorted(PERSON_FIELDS)})"
            )
        flags = {k: entry.get(k, False) for k in ("unmask_ids", "unmask_phones")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                problems.append(f"[departments.{name}] {key} must be true or false")
        rules[name] = DepartmentRule(
            name=name,
            fields=frozenset(fields),
            unmask_ids=flags["unmask_ids"] is True,
            unmask_phones=flags["unmask_phones"] is True,
            description=str(entry.get("description", "")),
        )
    if problems:
        raise ConfigError(f"KG_DEPARTMENT_POLICY {path}: " + "; ".join(problems))
    return DepartmentPolicy(rules)

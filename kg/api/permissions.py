"""Roles and what each may do: the one table the whole API consults.

Why least privilege per role (and not per route): a route asks for a *permission*
(``persons:read``), never for a role name, so changing what a role may do is one
edit here and the docs table in ``docs/api.md`` mirrors this dict.

* ``admin`` — everything, full identifiers everywhere, audit log, curation.
* ``caseworker`` — searches and opens persons and the places, households and
  organisations around them, and reads the review band and explanations (masked)
  to prepare decisions. Identifiers are masked in lists; a profile the
  caseworker opens (with a stated purpose, audited) shows *that person's own* ID
  numbers and phones in full — other people's identifiers inside it (a spouse's
  ID in a raw row, a co-tenant) stay masked.
* ``department`` — a partner department's system: person search and profiles
  reduced to the fields its entry in the department policy TOML allows, masked
  unless that entry unmasks IDs / phones. No graph, no raw source rows unless
  the policy allows ``records``.
* ``loader`` — the data-loading operator: load history and aggregate quality
  counts. It never sees a person.

Why curation is admin-only: a must-link or cannot-link changes who a resident
*is* for every role and department, and every later resolve honours it; there
is no undo route. Caseworkers see the review band and the explanations (the
evidence) and take a decision to an admin; least privilege keeps the write with
the few accounts whose every action is already the most scrutinised.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    LOADER = "loader"
    CASEWORKER = "caseworker"
    DEPARTMENT = "department"


class Permission(StrEnum):
    PERSONS_SEARCH = "persons:search"
    PERSONS_READ = "persons:read"
    ENTITIES_READ = "entities:read"  # dwellings, organisations, households (they list persons)
    GRAPH_READ = "graph:read"
    RAW_RECORDS = "records:raw"  # verbatim source rows
    IDS_PROFILE = "identifiers:profile"  # full IDs/phones of the person whose profile is open
    IDS_ALL = "identifiers:all"  # full IDs/phones everywhere
    QUALITY_READ = "quality:read"  # aggregate counts
    QUALITY_DETAIL = "quality:detail"  # the persons behind the conflict counts
    LOADS_READ = "loads:read"
    AUDIT_READ = "audit:read"
    REVIEW_READ = "review:read"  # the resolver's review band, explained
    EXPLAIN_READ = "explain:read"  # why two records are (not) one entity; why an entity's records
    CURATION_READ = "curation:read"  # the recorded must-link / cannot-link decisions
    CURATION_WRITE = "curation:write"  # record must-link / cannot-link (and re-resolve)


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CASEWORKER: frozenset(
        {
            Permission.PERSONS_SEARCH,
            Permission.PERSONS_READ,
            Permission.ENTITIES_READ,
            Permission.GRAPH_READ,
            Permission.RAW_RECORDS,
            Permission.IDS_PROFILE,
            Permission.QUALITY_READ,
            Permission.QUALITY_DETAIL,
            Permission.REVIEW_READ,
            Permission.EXPLAIN_READ,
        }
    ),
    Role.DEPARTMENT: frozenset({Permission.PERSONS_SEARCH, Permission.PERSONS_READ}),
    Role.LOADER: frozenset({Permission.LOADS_READ, Permission.QUALITY_READ}),
}


def permissions_of(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[role]

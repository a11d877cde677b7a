"""``kg person``: find a person by any reference and print everything the graph knows.

One QUERY box on purpose — the operator pastes whatever they hold: an ID number in
any form (15 or 18 digits, lower-case x, full-width, with spaces), an entity id
(``P…``), a source record (``police:GA123``), or a name in characters or pinyin
(traditional characters and homophones are found too). One hit prints the
profile; several print a table of hits to pick from (``kg person --id P…``).
Masking and table rules: see ``kg/commands/graph_cli.py``.
"""

from __future__ import annotations

import re
from typing import Any

import click
from rich.console import Console

from kg.commands.graph_cli import (
    JSON_HELP,
    UNMASKED_HELP,
    console,
    echo_json,
    graph_store,
    masked,
    new_table,
    print_entities,
    print_people,
    text,
)
from kg.errors import NotFoundError
from kg.store.graph import GraphStore

_ID_NUMBER = re.compile(r"\d.*\d.*\d.*\d.*\d.*\d")  # six digits or more: an ID number form
_ENTITY_ID = re.compile(r"[A-Za-z]\w*")


def _node_hit(node: Any, match: str) -> dict[str, Any]:
    p = node.props
    return {
        "id": node.id,
        "name": p.get("name"),
        "sex": p.get("sex"),
        "birth_date": p.get("birth_date"),
        "id_number": p.get("id_number"),
        "match": match,
        "similarity": 1.0,
    }


def find_hits(
    store: GraphStore, query: str, birth_date: str | None, address: str | None, limit: int
) -> list[dict[str, Any]]:
    """Persons a typed reference means, best first, as JSON-able hit dicts (unmasked).

    Order of interpretation: ``source:record_id`` (the persons that record names),
    an entity id, an ID number (six digits or more), else a name or pinyin.
    """
    q = query.strip()
    if not q:
        raise click.BadParameter("empty query", param_hint="QUERY")
    if ":" in q:
        try:
            ring = store.neighbourhood(q, hops=1, limit=50, include_records=True)
        except NotFoundError:
            ring = None
        if ring is not None and ring.nodes and ring.nodes[0].label == "SourceRecord":
            return [_node_hit(n, "record") for n in ring.nodes if n.label == "Person"]
    if _ENTITY_ID.fullmatch(q):
        try:
            profile = store.person_profile(q)
        except NotFoundError:
            pass
        else:
            return [
                {
                    "id": profile.id,
                    "name": profile.name,
                    "sex": profile.sex,
                    "birth_date": profile.birth_date,
                    "id_number": profile.id_number,
                    "match": "entity",
                    "similarity": 1.0,
                }
            ]
    if _ID_NUMBER.search(q):
        hits = store.find_persons(id_number=q, birth_date=birth_date, address=address, limit=limit)
    else:
        hits = store.find_persons(name=q, birth_date=birth_date, address=address, limit=limit)
    return [h.to_json() for h in hits]


@click.command("person")
@click.argument("query", required=False)
@click.option("--id", "entity_id", help="Show this person entity (P…) directly.")
@click.option("--birth-date", help="Narrow name hits by birth date (1985, 1985-03, 1985-03-12).")
@click.option("--address", help="Narrow hits to persons linked to an address containing this.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
@click.option("--raw", is_flag=True, help="Also print each source record's verbatim row.")
@click.option("--unmasked", is_flag=True, help=UNMASKED_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def person_cmd(
    query: str | None,
    entity_id: str | None,
    birth_date: str | None,
    address: str | None,
    limit: int,
    raw: bool,
    unmasked: bool,
    as_json: bool,
) -> None:
    """Find a person (ID number in any form, P… id, SOURCE:RECORD_ID, name or pinyin).

    One hit (or one exact hit among look-alikes): the profile — golden record with
    each value's sources and conflicts, source records, dwellings by role,
    employers, organisations, family, household. Several: a table of hits.
    """
    if not query and not entity_id and not (birth_date or address):
        raise click.UsageError("give a QUERY, --id ENTITY_ID, or --birth-date / --address")
    with graph_store() as store:
        if entity_id:
            hits: list[dict[str, Any]] = [{"id": entity_id}]
        elif query:
            hits = find_hits(store, query, birth_date, address, limit)
        else:
            found = store.find_persons(birth_date=birth_date, address=address, limit=limit)
            hits = [h.to_json() for h in found]
        chosen, others = pick(hits)
        if chosen is None:
            _print_hits(masked(hits, unmasked), query or "", as_json)
            return
        profile = masked(store.person_profile(chosen).to_json(), unmasked)
    if as_json:
        echo_json(profile)
        return
    out = console()
    print_profile(out, profile, raw)
    if others:
        similar = ", ".join(f"{h.get('name') or '?'} {h['id']}" for h in others)
        out.print(f"also similar ({h_match(others)}): {similar}")


_EXACT = ("entity", "record", "id", "name")


def pick(hits: list[dict[str, Any]]) -> tuple[str | None, list[dict[str, Any]]]:
    """The person to profile, and the weaker hits to mention under it.

    One hit is that person. Several: still one profile when exactly one of them
    is an exact match (ID, entity, record or exact name) and the rest only sound
    or look alike — typing 王丽 should show 王丽, not a table with 王琳 and 王磊.
    """
    if len(hits) == 1:
        return str(hits[0]["id"]), []
    exact = [h for h in hits if h.get("match") in _EXACT]
    if len(exact) == 1:
        return str(exact[0]["id"]), [h for h in hits if h is not exact[0]]
    return None, hits


def h_match(hits: list[dict[str, Any]]) -> str:
    return "/".join(sorted({str(h.get("match")) for h in hits}))


def _print_hits(hits: list[dict[str, Any]], query: str, as_json: bool) -> None:
    if as_json and hits:
        echo_json(hits)
        return
    if not hits:
        raise NotFoundError(f"no person matches {query!r}")
    out = console()
    rows = [
        [
            h["id"],
            text(h.get("name")),
            text(h.get("sex")),
            text(h.get("birth_date")),
            text(h.get("id_number")),
            h.get("match", ""),
            f"{h.get('similarity', 1.0):.2f}",
        ]
        for h in hits
    ]
    headers = ("person id", "name", "sex", "born", "ID number", "match", "similarity")
    out.print(new_table(f"{len(hits)} persons match {query!r}", headers, rows))
    out.print("show one with: kg person --id PERSON_ID")


def print_profile(out: Console, p: dict[str, Any], raw: bool) -> None:
    """A masked (or not) ``PersonProfile.to_json()`` as text and tables."""
    pinyin = f" ({p['pinyin']})" if p.get("pinyin") else ""
    out.print(f"{text(p['name'])}{pinyin}  {p['id']}", style="bold")
    out.print(
        f"sex {text(p['sex'])} · born {text(p['birth_date'])} · {text(p['ethnicity'])} · "
        f"ID {text(p['id_number'])} · phones {text(p['phones'])}"
    )
    out.print(
        f"sources: {text(p['sources'])} ({text(p['record_count'])} records); "
        f"also known as: {text([n for n in p['names'] if n != p['name']])}"
    )
    conflicts = set(p["conflicts"])
    out.print(f"conflicts: {text(sorted(conflicts))}")
    rows: list[list[str]] = []
    for fld, values in p["golden"].items():
        label = f"{fld} (conflict)" if fld in conflicts else fld
        for v in values:
            chosen = "chosen" if v["chosen"] else "other"
            rows.append([label, text(v["value"]), chosen, "\n".join(v["sources"])])
            label = ""
    out.print(new_table("golden record", ("field", "value", "status", "from records"), rows))
    records = p["records"]
    rows = [
        [
            r["source"],
            r["record_id"],
            text(r["row_no"]),
            r["role"],
            "; ".join(f"{i.get('column', '')}: {i.get('reason', '')}" for i in r["issues"]) or "—",
        ]
        for r in records
    ]
    out.print(new_table(f"source records ({len(records)})", _RECORD_HEADERS, rows))
    if raw:
        for r in records:
            cells = [[str(k), text(v)] for k, v in r["raw"].items()]
            out.print(new_table(f"{r['source']}:{r['record_id']} (row {r['row_no']})", _RAW, cells))
    print_entities(out, "dwellings", p["dwellings"])
    print_entities(out, "employers", p["employers"])
    print_entities(out, "organisations (legal representative)", p["organisations"])
    family = sorted(p["family"], key=lambda f: _FAMILY_ORDER.get(f["role"], 9))
    for role in ("spouse", "parent", "child"):
        print_people(out, _FAMILY_TITLES[role], [f for f in family if f["role"] == role])
    if not p["households"]:
        out.print("households: none")
    for h in p["households"]:
        title = f"household {text(h['kind'])} {text(h['number'])} ({text(h['source'])}) {h['id']}"
        print_people(out, title, h["members"])


_RECORD_HEADERS = ("source", "record id", "row", "role", "issues")
_RAW = ("column", "value")
_FAMILY_ORDER = {"spouse": 0, "parent": 1, "child": 2}
_FAMILY_TITLES = {"spouse": "spouse", "parent": "parents", "child": "children"}

"""``kg dwelling``, ``kg org``, ``kg path`` and the helpers every graph-reading command shares.

Why these read the graph store directly (``open_graph_store(get_settings())``) and not
the API: they are the operator's tools on the machine that holds the store, usable
with the API down. There is no purpose header or audit entry here — someone who can
run ``kg`` can read ``kg.sqlite`` anyway.

Masking: ID numbers and phone numbers are printed masked (``110105********123X``,
``138****5678``) unless ``--unmasked`` is given, with the API's own walker
(``kg.api.masking.redact``) so free-text cells and raw source rows are covered too.
Not as access control but because terminal output travels: scrollback, screen
shares, pasted into tickets and chat. An operator who must read a number back to a
source department asks for it explicitly.

Tables: rich measures East Asian wide characters as two cells; name columns get a
minimum width of their longest value and every column folds instead of truncating,
so a Chinese name or address is never cut to ``王…``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.api.masking import MaskPolicy, redact
from kg.errors import InputError, NotFoundError
from kg.settings import get_settings
from kg.store.graph import GraphStore, open_graph_store

UNMASKED_HELP = (
    "Print ID and phone numbers in full (default: masked, because terminal output "
    "ends up in scrollback, screen shares and tickets)."
)
JSON_HELP = "Print JSON instead of tables (masked the same way)."


@contextmanager
def graph_store() -> Iterator[GraphStore]:
    """The configured graph store, refusing to create an empty SQLite file by reading."""
    settings = get_settings()
    if not settings.uses_neo4j and not settings.ledger_path.is_file():
        raise InputError(
            f"no store at {settings.ledger_path}: load sources and run kg resolve first "
            "(or set KG_HOME)"
        )
    store = open_graph_store(settings)
    try:
        yield store
    finally:
        store.close()


def masked(data: Any, unmasked: bool) -> Any:
    """JSON-able ``data`` with identifiers masked unless the operator asked for them."""
    return data if unmasked else redact(data, MaskPolicy())


def console() -> Console:
    """A rich console printing data as plain text (no markup, emoji codes or
    highlighting: a source cell like ``[x]`` or ``:cn:`` must print as typed);
    160 columns when output is piped (rich would assume 80) unless
    ``COLUMNS`` says otherwise, so redirected tables fold less."""
    plain = {"markup": False, "emoji": False, "highlight": False}  # data is never markup
    out = Console(**plain)  # type: ignore[arg-type]
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = Console(width=160, **plain)  # type: ignore[arg-type]
    return out


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def new_table(title: str | None, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table whose columns fold rather than truncate; each column at least as wide
    as its header and its longest single word (so a name never breaks mid-name)."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for i, header in enumerate(headers):
        words = [w for row in rows for w in str(row[i]).split()] + [header]
        widest = max(cell_len(w) for w in words)
        table.add_column(header, overflow="fold", min_width=min(widest, 40))
    for row in rows:
        table.add_row(*[Text(str(c)) for c in row])
    return table


def text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def provenance(link: dict[str, Any]) -> str:
    """``source:record_id`` of a relationship, with its confidence when below 1."""
    ref = f"{link.get('source') or '?'}:{link.get('record_id') or '?'}"
    conf = link.get("confidence")
    if isinstance(conf, int | float) and conf < 1.0:
        ref += f" ({conf:.2f})"
    return ref


def person_rows(links: Sequence[dict[str, Any]]) -> list[list[str]]:
    """One row per person (name, sex, born, ID, person id, relations, records).

    Several records making the same claim (two registers both say she lives
    here) are one row listing every record, so the provenance stays visible.
    """
    merged: dict[str, tuple[dict[str, Any], list[str], list[str]]] = {}
    for link in links:
        p = link["person"]
        _, relations, records = merged.setdefault(p["id"], (p, [], []))
        if link.get("relation") and link["relation"] not in relations:
            relations.append(link["relation"])
        records.append(provenance(link))
    return [
        [
            text(p.get("name")),
            text(p.get("sex")),
            text(p.get("birth_date")),
            text(p.get("id_number")),
            p["id"],
            text(relations),
            "\n".join(records),
        ]
        for p, relations, records in merged.values()
    ]


PERSON_HEADERS = ("name", "sex", "born", "ID number", "person id", "relation", "record")


def print_people(out: Console, title: str, links: Sequence[dict[str, Any]]) -> None:
    rows = person_rows(links)
    if rows:
        out.print(new_table(f"{title} ({len(rows)})", PERSON_HEADERS, rows))
    else:
        out.print(f"{title}: none")


def print_entities(out: Console, title: str, links: Sequence[dict[str, Any]]) -> None:
    """Links to dwellings / organisations: role, caption, entity id, records (merged)."""
    merged: dict[tuple[str, str], tuple[dict[str, Any], list[str]]] = {}
    for link in links:
        key = (link["role"], link["entity"]["id"])
        merged.setdefault(key, (link, []))[1].append(provenance(link))
    if not merged:
        out.print(f"{title}: none")
        return
    rows = [
        [link["role"], link["entity"]["caption"], link["entity"]["id"], "\n".join(records)]
        for link, records in merged.values()
    ]
    headers = ("role", "name / address", "id", "records")
    out.print(new_table(f"{title} ({len(rows)})", headers, rows))


# --- kg dwelling / kg org --------------------------------------------------------------------


@click.command("dwelling")
@click.argument("dwelling_id")
@click.option("--unmasked", is_flag=True, help=UNMASKED_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def dwelling_cmd(dwelling_id: str, unmasked: bool, as_json: bool) -> None:
    """A dwelling (D…) and its people by role: residents, registered, owners, tenants."""
    with graph_store() as store:
        view = masked(store.dwelling(dwelling_id).to_json(), unmasked)
    if as_json:
        echo_json(view)
        return
    out = console()
    out.print(f"{text(view['address'])}  {view['id']}", style="bold")
    out.print(
        f"key {text(view['key'])}; precision {text(view['precision'])}; "
        f"{len(view['addresses'])} spellings in the sources"
    )
    for title, role in (
        ("residents (LIVES_AT)", "residents"),
        ("registered here (REGISTERED_AT)", "registered"),
        ("owners (OWNS)", "owners"),
        ("tenants (RENTS)", "tenants"),
    ):
        print_people(out, title, view[role])
    print_entities(out, "organisations registered here", view["organisations"])


@click.command("org")
@click.argument("organisation_id")
@click.option("--unmasked", is_flag=True, help=UNMASKED_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def org_cmd(organisation_id: str, unmasked: bool, as_json: bool) -> None:
    """An organisation (O…) and its people by role: legal representatives, employees."""
    with graph_store() as store:
        view = masked(store.organisation(organisation_id).to_json(), unmasked)
    if as_json:
        echo_json(view)
        return
    out = console()
    out.print(f"{text(view['name'])}  {view['id']}", style="bold")
    out.print(
        f"credit code {text(view['credit_code'])}; type {text(view['org_type'])}; "
        f"address {text(view['address'])}"
    )
    if len(view["names"]) > 1:
        out.print(f"also written: {', '.join(n for n in view['names'] if n != view['name'])}")
    print_people(out, "legal representatives (LEGAL_REP_OF)", view["legal_reps"])
    print_people(out, "employees (WORKS_AT)", view["employees"])
    print_entities(out, "registered at", view["registered_at"])


# --- kg path ---------------------------------------------------------------------------------


def resolve_one(store: GraphStore, query: str) -> str:
    """The one person a typed reference means (entity id, record, ID number or name)."""
    from kg.commands.person import find_hits, pick

    hits = find_hits(store, query, None, None, 10)
    chosen, _ = pick(hits)
    if chosen is not None:
        return chosen
    if not hits:
        raise NotFoundError(f"no person matches {query!r}")
    listed = ", ".join(f"{h['id']} {h.get('name') or ''}" for h in hits[:5])
    raise InputError(f"{query!r} matches {len(hits)} persons ({listed}); give an entity id")


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=6, show_default=True, type=click.IntRange(1, 6))
@click.option("--unmasked", is_flag=True, help=UNMASKED_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def path_cmd(a: str, b: str, max_hops: int, unmasked: bool, as_json: bool) -> None:
    """The shortest connection between two persons (any ID form, entity id or a unique name).

    Source records are not stepped through: a path is made of people, dwellings,
    organisations and households.
    """
    with graph_store() as store:
        start, end = resolve_one(store, a), resolve_one(store, b)
        found = store.shortest_path(start, end, max_hops)
    if found is None:
        if as_json:
            echo_json(None)
        else:
            click.echo(f"no connection within {max_hops} hops between {start} and {end}")
        return
    view = masked(found.to_json(), unmasked)
    if as_json:
        echo_json(view)
        return
    nodes, edges = view["nodes"], view["edges"]
    rows: list[list[str]] = []
    for i, node in enumerate(nodes):
        step = ""
        if i > 0:
            # Edges are not in path order in every store: find the one joining the pair.
            prev = nodes[i - 1]["id"]
            pair = {prev, node["id"]}
            edge = next(e for e in edges if {e["start"], e["end"]} == pair)
            arrow = "→" if edge["start"] == prev else "←"
            step = f"{arrow} {edge['type']} ({provenance(edge['props'])})"
        rows.append([str(i), step, node["label"], node["caption"], node["id"]])
    out = console()
    hops = len(edges)
    out.print(f"{hops} hop{'s' if hops != 1 else ''} from {start} to {end}")
    out.print(new_table(None, ("#", "via", "kind", "name / address", "id"), rows))

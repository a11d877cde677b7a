"""``kg person / dwelling / org / path / quality`` against a real resolved demo district.

One store per module (generate 600 residents → load the five extracts plus a small
police file with a rejected row → ``run_resolve``); every test reads it through the
CLI exactly as an operator would, and checks the output against the store's own
answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.graph.views import PersonProfile
from kg.pipeline import run_resolve
from kg.settings import Settings, get_settings
from kg.store.ledger import Ledger
from kg.store.sqlite_graph import SqliteGraphStore
from loaders.load import load_file
from tests.factories import police_csv, police_row


@dataclass(frozen=True)
class Demo:
    home: Path
    person: PersonProfile  # several sources, a household, family and a dwelling
    namesakes: list[str]  # a name shared by two or more persons


def _masked(id_number: str) -> str:
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    from kg.demo.generate import generate

    home = tmp_path_factory.mktemp("kg-home")
    files = generate(home / "data", residents=600, seed=3)
    extra = police_csv(home / "extra.csv", [police_row(1), police_row(2, 记录编号="")])
    with Ledger(home / "kg.sqlite") as ledger:
        for source, path in files.sources().items():
            load_file(ledger, source, path)
        assert load_file(ledger, "police", extra).rejected == 1
    run_resolve(Settings(kg_home=home, neo4j_uri=None))
    store = SqliteGraphStore(home / "kg.sqlite")
    try:
        best: PersonProfile | None = None
        by_name: dict[str, list[str]] = {}
        for pid in sorted(store.entity_ids("Person")):
            p = store.person_profile(pid)
            by_name.setdefault(p.name or "", []).append(pid)
            rich = len(p.sources) >= 2 and p.households and p.family and p.dwellings
            if best is None and rich and p.id_number and len(p.id_number) == 18:
                best = p
        assert best is not None
        namesakes = next(ids for name, ids in sorted(by_name.items()) if name and len(ids) > 1)
    finally:
        store.close()
    return Demo(home, best, namesakes)


@pytest.fixture(autouse=True)
def kg_home(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KG_HOME", str(demo.home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def kg(*args: str, columns: int = 160) -> Result:
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})


@contextmanager
def opened(demo: Demo) -> Iterator[SqliteGraphStore]:
    store = SqliteGraphStore(demo.home / "kg.sqlite")
    try:
        yield store
    finally:
        store.close()


# --- kg person --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        lambda i: i,
        lambda i: i.lower(),
        lambda i: f"{i[:6]} {i[6:14]} {i[14:]}",
        lambda i: "".join(chr(ord(c) + 0xFEE0) for c in i),  # full-width
    ],
    ids=["canonical", "lower", "spaced", "full-width"],
)
def test_person_by_any_id_form_prints_the_masked_profile(demo: Demo, form: object) -> None:
    p = demo.person
    assert p.id_number is not None
    result = kg("person", form(p.id_number))  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"{p.name}") and p.id in out.splitlines()[0]
    assert p.id_number not in out and _masked(p.id_number) in out
    for section in ("golden record", "source records", "dwellings", "household"):
        assert section in out
    for rec in p.records:
        assert rec.record_id in out
    for member in p.family:
        assert member.person.name in out and member.person.id in out
    for link in p.dwellings:
        assert link.entity.id in out
    for phone in p.phones:
        assert phone not in out


def test_person_unmasked_shows_the_numbers(demo: Demo) -> None:
    p = demo.person
    assert p.id_number is not None
    out = kg("person", "--id", p.id, "--unmasked").output
    assert p.id_number in out
    assert all(phone in out for phone in p.phones)


def test_person_golden_record_lists_each_values_sources(demo: Demo) -> None:
    p = demo.person
    out = kg("person", "--id", p.id).output
    for values in p.golden.values():
        for v in values:
            for src in v.sources:
                assert src in out


def test_person_by_record_reference_and_entity_id(demo: Demo) -> None:
    p = demo.person
    rec = next(r for r in p.records if r.role == "person")
    by_record = kg("person", f"{rec.source}:{rec.record_id}")
    by_entity = kg("person", p.id)
    assert by_record.exit_code == 0 and by_entity.exit_code == 0
    assert by_record.output == by_entity.output == kg("person", "--id", p.id).output


def test_namesakes_give_a_table_of_hits_with_whole_names(demo: Demo) -> None:
    with opened(demo) as store:
        names = {pid: store.person_profile(pid).name for pid in demo.namesakes}
    name = next(iter(names.values()))
    assert name is not None
    result = kg("person", name, columns=70)
    assert result.exit_code == 0, result.output
    assert f"persons match {name!r}" in result.output
    for pid in demo.namesakes:
        assert pid in result.output
    rows = [line for line in result.output.splitlines() if any(p in line for p in demo.namesakes)]
    assert all(name in row for row in rows), "a Chinese name was folded or cut"
    assert "…" not in result.output


def test_unknown_person_is_not_found(demo: Demo) -> None:
    result = kg("person", "查无此人")
    assert result.exit_code == 5 and "no person matches" in result.output


def test_person_json_is_masked(demo: Demo) -> None:
    p = demo.person
    data = json.loads(kg("person", "--id", p.id, "--json").output)
    assert data["id"] == p.id and data["id_number"] == _masked(p.id_number or "")
    assert p.id_number not in json.dumps(data, ensure_ascii=False)


def test_no_store_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_HOME", str(tmp_path / "empty"))
    get_settings.cache_clear()
    result = kg("person", "张伟")
    assert result.exit_code == 2 and "kg resolve" in result.output
    assert not (tmp_path / "empty" / "kg.sqlite").exists()


# --- kg dwelling / kg org / kg path ---------------------------------------------------------


def test_dwelling_people_by_role(demo: Demo) -> None:
    did = demo.person.dwellings[0].entity.id
    with opened(demo) as store:
        view = store.dwelling(did)
    out = kg("dwelling", did).output
    assert view.address and view.address in out
    for title, links in (
        ("residents (LIVES_AT)", view.residents),
        ("registered here (REGISTERED_AT)", view.registered),
        ("owners (OWNS)", view.owners),
        ("tenants (RENTS)", view.tenants),
    ):
        people = {link.person.id for link in links}
        heading = next(line for line in out.splitlines() if line.startswith(title))
        assert heading.strip() == (f"{title} ({len(people)})" if people else f"{title}: none")
        for link in links:
            assert link.person.id in out and (link.person.name or "") in out
            if link.person.id_number and len(link.person.id_number) == 18:
                assert link.person.id_number not in out


def test_org_people_by_role(demo: Demo) -> None:
    with opened(demo) as store:
        org_id = next(
            oid
            for oid in sorted(store.entity_ids("Organisation"))
            if store.organisation(oid).legal_reps and store.organisation(oid).employees
        )
        view = store.organisation(org_id)
    out = kg("org", org_id).output
    assert (view.name or "") in out and org_id in out
    reps = out.split("legal representatives", 1)[1].split("employees", 1)[0]
    for link in view.legal_reps:
        assert link.person.id in reps
    for link in view.employees:
        assert link.person.id in out.split("employees", 1)[1]


def test_path_between_two_persons(demo: Demo) -> None:
    p = demo.person
    other = p.family[0].person
    assert p.id_number is not None
    with opened(demo) as store:
        expected = store.shortest_path(p.id, other.id)
    assert expected is not None
    result = kg("path", p.id_number, other.id)
    assert result.exit_code == 0, result.output
    hops = len(expected.edges)
    assert result.output.startswith(f"{hops} hop{'s' if hops != 1 else ''} from {p.id} to")
    for node in expected.nodes:
        assert node.id in result.output
    data = json.loads(kg("path", p.id, other.id, "--json").output)
    assert [n["id"] for n in data["nodes"]] == [n.id for n in expected.nodes]


def test_path_with_ambiguous_name_asks_for_an_id(demo: Demo) -> None:
    with opened(demo) as store:
        name = store.person_profile(demo.namesakes[0]).name or ""
    result = kg("path", name, demo.person.id)
    assert result.exit_code == 2 and "give an entity id" in result.output


# --- kg quality -------------------------------------------------------------------------------


def test_quality_matches_the_store_and_the_ledger(demo: Demo) -> None:
    with opened(demo) as store:
        report = store.quality(limit=5)
    with Ledger(demo.home / "kg.sqlite") as ledger:
        from kg.store.resolution_store import ResolutionStore

        review = ResolutionStore(ledger.connection).review_queue(limit=10**6)
    data = json.loads(kg("quality", "--limit", "5", "--json").output)
    assert data["conflicting_birth_dates_total"] == report.conflicting_birth_dates_total
    assert data["conflicting_ids_total"] == report.conflicting_ids_total
    assert data["ledger"]["rejected_rows"]["police"] == 1
    assert data["ledger"]["review_pairs_total"] == len(review) > 0
    police_in_review = {p["a"][1] for p in review if p["a"][0] == "police"}
    police_in_review |= {p["b"][1] for p in review if p["b"][0] == "police"}
    assert data["ledger"]["review_records"].get("police", 0) == len(police_in_review)
    for source, cov in report.coverage.items():
        assert data["coverage"][source] == {
            "persons": cov.persons,
            "only_this_source": cov.only_this_source,
        }
    text = kg("quality", "--limit", "5").output
    assert f"persons with conflicting birth dates: {report.conflicting_birth_dates_total}" in text
    police_row_text = next(line for line in text.splitlines() if line.startswith("│ police "))
    cells = [c.strip() for c in police_row_text.strip("│").split("│")]
    cov = report.coverage["police"]
    assert cells == [
        "police",
        str(cov.persons),
        str(cov.only_this_source),
        "1",
        str(len(police_in_review)),
    ]
    for item in report.conflicting_birth_dates:
        assert item.person.id in text

"""The generator: formats, determinism, truth completeness and error rates."""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from pathlib import Path

import opencc
import pytest
from openpyxl import load_workbook

from kg.demo import generate
from kg.demo import vocab as v
from kg.demo.corrupt import HARD, NORMAL
from kg.demo.generate import DemoFiles
from kg.demo.population import build_world
from kg.demo.world import World, credit_check, id_check
from kg.demo.writers import HEADERS

RESIDENTS = 8000
SEED = 11


@pytest.fixture(scope="module")
def normal(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return generate(tmp_path_factory.mktemp("normal"), RESIDENTS, SEED)


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return generate(tmp_path_factory.mktemp("hard"), RESIDENTS, SEED, "hard")


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(RESIDENTS, random.Random(SEED))


def read_source(path: Path, source: str) -> list[dict[str, str]]:
    """Rows as header → text (numbers / dates from the XLSX as str())."""
    if source == "civil_affairs":
        wb = load_workbook(path, read_only=True)
        try:
            rows = [["" if c is None else str(c) for c in r] for r in wb.worksheets[0].values]
        finally:
            wb.close()
    else:
        enc = {"police": "gb18030", "family_planning": "utf-8-sig"}.get(source, "utf-8")
        with path.open(encoding=enc, newline="") as fh:
            rows = list(csv.reader(fh))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def read_truth(path: Path) -> list[tuple[str, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["source", "record_id", "role", "entity_id"]
    return [(r[0], r[1], r[2], r[3]) for r in rows[1:]]


# Which cells make which reference (the contract's role table).
ROLE_CELLS: dict[str, dict[str, tuple[str, ...]]] = {
    "police": {"house": ("现住址",), "registered_house": ("户籍地址",), "employer": ("服务处所",)},
    "civil_affairs": {"house": ("居住地址",), "spouse": ("配偶姓名", "配偶身份证号")},
    "family_planning": {
        "house": ("现居住地址",),
        "registered_house": ("户籍地址",),
        "employer": ("工作单位",),
    },
    "housing": {
        "owner": ("产权人姓名", "产权人证件号码"),
        "tenant": ("承租人姓名", "承租人证件号码"),
    },
    "organisations": {"legal_rep": ("法定代表人", "法定代表人证件号码")},
}
SUBJECT = {
    "police": "person",
    "civil_affairs": "person",
    "family_planning": "person",
    "housing": "house",
    "organisations": "organisation",
}


def expected_refs(files: DemoFiles) -> set[tuple[str, str, str]]:
    refs: set[tuple[str, str, str]] = set()
    for source, path in files.sources().items():
        id_col = HEADERS[source][0]
        for row in read_source(path, source):
            refs.add((source, row[id_col], SUBJECT[source]))
            for role, cells in ROLE_CELLS[source].items():
                values = [row[c].strip() for c in cells]
                if role == "employer" and values[0] in v.PLACEHOLDERS:
                    continue
                if any(values):
                    refs.add((source, row[id_col], role))
    return refs


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 600, 5, "hard")
    b = generate(tmp_path / "b", 600, 5, "hard")
    c = generate(tmp_path / "c", 600, 6, "hard")
    for name in ("police", "civil_affairs", "family_planning", "housing", "organisations", "truth"):
        assert getattr(a, name).read_bytes() == getattr(b, name).read_bytes(), name
    assert a.police.read_bytes() != c.police.read_bytes()


def test_unknown_difficulty(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="difficulty"):
        generate(tmp_path, 10, 1, "nightmare")


def test_headers_exact_in_normal(normal: DemoFiles) -> None:
    for source, path in normal.sources().items():
        header = list(read_source(path, source)[0])
        assert header[: len(HEADERS[source])] == HEADERS[source]
        assert set(header) - set(HEADERS[source]) <= {"备注"}


def test_hard_shuffles_columns_and_adds_extras(hard: DemoFiles) -> None:
    shuffled = 0
    for source, path in hard.sources().items():
        header = list(read_source(path, source)[0])
        assert set(HEADERS[source]) <= set(header) and "备注" in header
        assert header[0] == HEADERS[source][0]
        shuffled += header[: len(HEADERS[source])] != HEADERS[source]
    assert shuffled >= 4


def test_encodings(normal: DemoFiles) -> None:
    police = normal.police.read_bytes()
    text = police.decode("gb18030")
    assert any(ord(ch) > 127 for ch in text)
    with pytest.raises(UnicodeDecodeError):
        police.decode("utf-8")
    assert normal.family_planning.read_bytes().startswith(b"\xef\xbb\xbf")
    for path in (normal.housing, normal.organisations, normal.truth):
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
        path.read_bytes().decode("utf-8")
    assert normal.civil_affairs.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("which", ["normal", "hard"])
def test_truth_is_exactly_the_non_blank_references(
    which: str, request: pytest.FixtureRequest
) -> None:
    files: DemoFiles = request.getfixturevalue(which)
    truth = read_truth(files.truth)
    keys = [(s, r, role) for s, r, role, _ in truth]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected_refs(files)
    prefix = {"person": "P", "spouse": "P", "owner": "P", "tenant": "P", "legal_rep": "P"}
    for _, _, role, entity in truth:
        assert re.fullmatch(r"[PDO]\d{7}", entity)
        assert entity[0] == prefix.get(role, "O" if role in ("employer", "organisation") else "D")


def test_coverage_is_realistic(normal: DemoFiles, world: World) -> None:
    rows = normal.rows
    assert rows["police"] == sum(1 for p in world.persons if p.household >= 0)
    assert 0.07 < rows["civil_affairs"] / rows["police"] < 0.16
    assert 0.3 < rows["family_planning"] / rows["police"] < 0.8
    truth = read_truth(normal.truth)
    police_people = {e for s, _, role, e in truth if s == "police" and role == "person"}
    owners = {e for s, _, role, e in truth if role == "owner"}
    assert owners - police_people, "owners living elsewhere appear only in housing"
    houses = Counter(e for s, _, role, e in truth if s == "housing" and role == "house")
    assert any(n > 1 for n in houses.values()), "duplicate housing registrations"
    orgs = Counter(e for s, _, role, e in truth if role == "organisation")
    assert any(n > 1 for n in orgs.values()), "units listed twice"
    employers = {e for _, _, role, e in truth if role == "employer"}
    assert employers - set(orgs), "employers outside the organisations register"


def _ratio(values: list[str], pred: object) -> float:
    hits = [x for x in values if x and pred(x)]  # type: ignore[operator]
    return len(hits) / max(1, sum(1 for x in values if x))


def test_errors_occur_at_configured_rates(normal: DemoFiles, hard: DemoFiles) -> None:
    trad = set(v.TRADITIONAL.values())
    for files, rates in ((normal, NORMAL), (hard, HARD)):
        fp = read_source(files.family_planning, "family_planning")
        police = read_source(files.police, "police")
        names = [r["姓名"] for r in police + fp]
        with_trad = _ratio(names, lambda s: any(ch in trad for ch in s))
        # only names containing a convertible character can show the error
        assert 0.2 * rates.name_traditional < with_trad < 1.5 * rates.name_traditional
        ids = [r["身份证号"] for r in fp]
        assert _ratio(ids, lambda s: len(s) == 15) > 0.005
        assert any(s.endswith("x") for s in ids)
        assert any(re.search("[０-９]", s) for s in ids)
        assert any(re.search(r"\d{6}[- ]\d{8}", s) for s in ids)
        bad = _ratio(
            [r["公民身份号码"] for r in police],
            lambda s: len(s) == 18 and s[:17].isdigit() and id_check(s[:17]) != s[-1].upper(),
        )
        expected = rates.id_check + rates.id_digit + rates.id_swap
        assert 0.4 * expected < bad < 1.5 * expected
        blank_ids = _ratio([r["公民身份号码"] or "-" for r in police], lambda s: s == "-")
        assert 0.5 * rates.id_blank < blank_ids < 1.6 * rates.id_blank
        addresses = [r["现住址"] for r in police]
        short = _ratio(addresses, lambda s: re.search(r"\d+-\d+-\d{3,4}$", s) is not None)
        assert 0.5 * rates.addr_short < short < 1.5 * rates.addr_short
        assert any("单元" in s and re.search("[零一二三四五六七八九]{3}$", s) for s in addresses)
        assert any(re.search("[０-９]", s) for s in addresses)
        assert any(s.startswith(v.DISTRICT) for s in addresses)
        assert any(s.startswith(v.CITY) for s in addresses)
        employers = [r["工作单位"] for r in fp] + [r["服务处所"] for r in police]
        assert any("有限责任公司" in s for s in employers)
        assert any("（北京）" in s or "(北京)" in s for s in employers)
        assert {"退休", "学生"} <= set(employers)
        dates = [r["出生日期"] for r in police + fp]
        assert any("年" in s for s in dates) and any("/" in s for s in dates)
        assert any(re.fullmatch(r"\d{8}", s) for s in dates)
        assert any("." in s for s in dates)
        sexes = Counter(r["性别"] for r in police + fp)
        assert {"男", "女", "1", "2", "M", "F", ""} <= set(sexes)
        phones = [r["手机号码"] for r in fp] + [r["联系电话"] for r in police]
        assert any(s.startswith("+86") for s in phones)
        assert any(s.startswith("010") for s in phones)
        assert any(re.fullmatch(r"\d{3}-\d{4}-\d{4}", s) for s in phones)
        dots = [r["姓名"] for r in police if any(d in r["姓名"] for d in v.MIDDLE_DOTS)]
        assert dots and any("·" not in s for s in dots)
        orgs = read_source(files.organisations, "organisations")
        codes = [r["统一社会信用代码"] or "-" for r in orgs]
        assert _ratio(codes, lambda s: s == "-") > 0.5 * rates.org_code_missing


def test_excel_mangled_ids_in_hard(hard: DemoFiles) -> None:
    wb = load_workbook(hard.civil_affairs, read_only=True)
    try:
        values = list(wb.worksheets[0].values)
    finally:
        wb.close()
    header = list(values[0])
    ids = [r[header.index("身份证号")] for r in values[1:]]
    born = [r[header.index("出生年月")] for r in values[1:]]
    assert any(isinstance(x, float) for x in ids)
    assert any(not isinstance(x, str | None) for x in born)
    assert all(isinstance(x, str | float | None) for x in ids)


def test_world_ids_codes_and_vocab(world: World) -> None:
    for p in world.persons:
        assert id_check(p.id18[:17]) == p.id18[-1]
        assert p.id18[6:14] == f"{p.birth:%Y%m%d}"
        assert int(p.id18[16]) % 2 == (1 if p.sex == "M" else 0)
    assert len({p.id18 for p in world.persons}) == len(world.persons)
    for o in world.orgs:
        assert credit_check(o.code[:17]) == o.code[-1]
    t2s = opencc.OpenCC("t2s")
    for simple, trad in v.TRADITIONAL.items():
        assert t2s.convert(trad) == simple
    for code in v.BEIJING_DISTRICTS:
        assert code.startswith("1101") and 110101 <= int(code) <= 110119
    assert v.SURNAMES[:5] == ["王", "李", "张", "刘", "陈"]


def test_twins_common_names_movers_and_migrants(world: World) -> None:
    persons = world.persons
    twins = Counter(
        (p.surname, p.birth, p.current)
        for p in persons
        if p.household >= 0 and p.relation in "子女"
    )
    assert any(n >= 2 for n in twins.values())
    by_name_year = Counter((p.name, p.birth.year) for p in persons)
    assert any(n >= 3 for n in by_name_year.values())
    by_name = Counter(p.name for p in persons)
    assert by_name.most_common(1)[0][1] >= 10
    assert any(p.kind == "流动人口" and p.id18[:2] != "11" for p in persons)
    assert any(p.current != p.registered and p.kind != "流动人口" for p in persons if p.kind)
    assert any(p.ethnicity == "维吾尔" and "·" in p.given for p in persons)
    assert any(p.legacy15 for p in persons)
    assert any(len(p.surname) == 2 for p in persons)


def test_numbers_written_in_words_read_back_for_every_building_number() -> None:
    """Large districts have buildings numbered 100 and up; their words must round-trip."""
    from kg.demo.corrupt import _cn_number
    from loaders.normalise.text import cn_to_int

    assert [n for n in range(1, 1000) if cn_to_int(_cn_number(n)) != n] == []

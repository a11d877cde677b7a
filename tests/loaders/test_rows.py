from __future__ import annotations

import json

from loaders.headers import check_headers
from loaders.layouts import LAYOUTS
from loaders.rows import EXCEL_ID_REASON, PreparedRecord, Reject, RowNormaliser, content_hash
from tests.factories import CIVIL, POLICE, civil_row, police_row


def _norm(headers: list[str] = POLICE, source: str = "police") -> RowNormaliser:
    layout = LAYOUTS[source]
    return RowNormaliser(layout, check_headers(headers, layout))


def _cells(row: dict[str, str], headers: list[str] = POLICE) -> list[str]:
    return [row[h] for h in headers]


def test_good_row_is_normalised_and_json_matches_fields() -> None:
    out = _norm()(2, _cells(police_row(1, 性别="1", 与户主关系="之子")))
    assert isinstance(out, PreparedRecord)
    rec = out.record
    assert (rec.source, rec.kind, rec.record_id, rec.row_no) == ("police", "police", "GA00001", 2)
    assert rec.fields["sex"] == "M"
    assert rec.fields["relation"] == "子"
    assert rec.fields["id_number"]["valid"] is True
    assert rec.fields["phone"][0]["value"] == "13812345678"
    assert rec.fields["name"]["full"] == "张伟"
    assert rec.fields["former_name"] is None
    assert json.loads(out.fields_json) == rec.fields
    assert json.loads(out.raw_json) == rec.raw and list(rec.raw) == POLICE
    assert rec.issues == []


def test_bad_values_are_kept_with_issues() -> None:
    row = police_row(1, 公民身份号码="110105198503121235", 出生日期="1985-13-45", 联系电话="12")
    out = _norm()(2, _cells(row))
    assert isinstance(out, PreparedRecord)
    columns = {i["column"] for i in out.record.issues}
    assert columns == {"公民身份号码", "出生日期", "联系电话"}
    assert out.record.fields["id_number"]["value"] == "110105198503121235"


def test_excel_mangled_id_is_flagged() -> None:
    out = _norm()(2, _cells(police_row(1, 公民身份号码="1.10105198503121E+17")))
    assert isinstance(out, PreparedRecord)
    assert {"column": "公民身份号码", "reason": EXCEL_ID_REASON} in out.record.issues


def test_rejects() -> None:
    norm = _norm()
    ragged = norm(3, _cells(police_row(1))[:-2])
    assert isinstance(ragged, Reject) and "ragged row: 12 cells" in ragged.reason
    assert ragged.record_id == "GA00001"
    blank = norm(4, _cells(police_row(1, 记录编号=" ")))
    assert isinstance(blank, Reject) and blank.reason == "blank record id"
    anonymous = norm(5, _cells(police_row(1, 姓名="", 公民身份号码="")))
    assert isinstance(anonymous, Reject) and "neither 姓名 nor 公民身份号码" in anonymous.reason
    house = _norm(list(LAYOUTS["housing"].headers), "housing")(2, ["FW1", "", "", "", "", "", ""])
    assert isinstance(house, Reject)


def test_extra_columns_kept_in_raw_and_order_irrelevant_for_hash() -> None:
    headers = list(reversed(POLICE)) + ["备注"]
    row = police_row(1) | {"备注": "核查中"}
    out = _norm(headers)(2, _cells(row, headers))
    assert isinstance(out, PreparedRecord)
    assert out.record.raw["备注"] == "核查中"
    assert "备注" not in out.record.fields
    plain = _norm()(2, _cells(police_row(1)))
    assert isinstance(plain, PreparedRecord)
    assert content_hash({h: row[h] for h in POLICE}, "police") == plain.content_hash


def test_packed_json_is_byte_identical_to_json_dumps_of_the_values() -> None:
    """The loader's generated serialisers and the address shape cache against json.dumps."""
    import json

    from loaders.fastjson import obj_json
    from loaders.normalise.addresses import NormAddress
    from loaders.normalise.dates import NormDate

    odd = NormAddress(
        'a"b\\c\n\x01', "t\u2028", None, 5, True, False, 1.5, [1], {"k": None},  # type: ignore[arg-type]
        "", "\t", None, "x", "", "room",
    )  # fmt: skip
    assert obj_json(odd) == json.dumps(odd.to_json(), ensure_ascii=False, separators=(",", ":"))
    date = NormDate("1985", "1985", "year", True, None)
    assert obj_json(date) == json.dumps(date.to_json(), ensure_ascii=False, separators=(",", ":"))
    norm = _norm()
    row = police_row(1) | {"现住址": "北京市朝阳区建国路88号阳光小区5号楼3单元0502室"}
    full = norm(2, _cells(row))
    packed = norm.pack(2, _cells(row))
    assert isinstance(full, PreparedRecord) and not isinstance(packed, Reject)
    assert packed.fields_json == full.fields_json
    assert json.loads(packed.fields_json) == full.record.fields
    assert full.record.fields["current_address"]["room"] == "502"


def test_a_year_month_column_reads_the_first_of_a_month_as_the_month() -> None:
    norm = _norm(CIVIL, "civil_affairs")

    def birth(value: str) -> dict[str, object]:
        out = norm(2, [str(v) for v in civil_row(1, 出生年月=value).values()])
        assert isinstance(out, PreparedRecord)
        assert json.loads(out.fields_json)["birth_date"] == out.record.fields["birth_date"]
        return out.record.fields["birth_date"]

    # a date cell or an export padded the month with day 01
    assert (birth("1985-03-01")["iso"], birth("1985-03-01")["precision"]) == ("1985-03", "month")
    assert birth("1985年3月")["iso"] == "1985-03"
    # a real day stays a day; a day column (police 出生日期) is never truncated
    assert (birth("1985-03-12")["iso"], birth("1985-03-12")["precision"]) == ("1985-03-12", "day")
    police = _norm()(2, _cells(police_row(1, 出生日期="1985-03-01")))
    assert isinstance(police, PreparedRecord)
    assert police.record.fields["birth_date"]["iso"] == "1985-03-01"


def test_fast_paths_give_the_values_and_texts_of_the_normalisers() -> None:
    """Bare mobiles and clean 18-character IDs are written without building objects."""
    from loaders import rows
    from loaders.fastjson import obj_json
    from loaders.normalise.ids import normalise_id
    from loaders.normalise.phones import normalise_phones

    for raw in ["13812345678", "19912345678", "12812345678", "1381234567x", "+86 13812345678"]:
        value, text, reason = rows._norm_phones(raw)
        phones = normalise_phones(raw)
        assert text == "[" + ",".join(obj_json(p) for p in phones) + "]"
        assert rows._value(value) == [p.to_json() for p in phones]
        bad = [p.raw for p in phones if not p.valid]
        assert reason == (f"unparseable phone: {', '.join(bad)}" if bad else None)
    for raw in ["11010519491231002X", "110105194912310021", "110105194913310021"]:
        value, text, reason = rows._norm_id(raw)
        norm = normalise_id(raw)
        assert norm is not None
        assert (rows._value(value), text) == (norm.to_json(), obj_json(norm))
        assert reason == (None if norm.valid else f"invalid ID: {norm.reason}")


def test_a_date_column_keeps_its_cache_and_it_changes_nothing() -> None:
    """A birth-date column misses at first; its cache stays, and cached = uncached."""
    from datetime import date, timedelta

    from loaders import rows

    norm = _norm()
    (birth,) = [c for c in norm.columns if c.field == "birth_date"]
    (phone,) = [c for c in norm.columns if c.field == "phone"]
    days = [(date(1950, 1, 1) + timedelta(days=i)).strftime("%Y%m%d") for i in range(300)]
    first = [birth(d) for d in days]
    for i in range(300):
        phone(f"1381234{i:04d}")
    for col in (birth, phone):
        col.review(300)
    assert birth.cache is not None and phone.cache is None  # every value missed in both
    again = [birth(d) for d in days]
    assert again == first
    assert [(t, r) for _, t, r in again] == [rows._norm_date(d)[1:] for d in days]

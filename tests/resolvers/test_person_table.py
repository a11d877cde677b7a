"""The second person pass reuses the first pass's table: it must equal a fresh build."""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from loaders.records import SourceRecord
from resolvers.mentions import collect_mentions
from resolvers.persons.resolve import person_table
from resolvers.persons.table import Interner, _slots


def test_a_table_rebuilt_for_new_dwellings_equals_a_fresh_one(
    district_records: list[SourceRecord],
) -> None:
    persons = collect_mentions(district_records).persons
    refs = sorted({ref for m in persons for ref in m.dwellings})
    assert len(refs) > 10
    # new labels: every third dwelling reference joins its neighbour's dwelling
    merged = {ref: refs[i - 1] if i % 3 == 0 and i else ref for i, ref in enumerate(refs)}
    first = person_table(persons, lambda ref: ref)
    reused = person_table(persons, lambda ref: merged.get(ref, ref), base=first)
    fresh = person_table(persons, lambda ref: merged.get(ref, ref))
    assert list(reused.features) == list(fresh.features)
    assert list(reused.features) != list(first.features)
    for f in fields(fresh):
        a, b = getattr(reused, f.name), getattr(fresh, f.name)
        if isinstance(b, np.ndarray):
            assert np.array_equal(a, b), f.name
    assert reused.dwelling_values.codes == fresh.dwelling_values.codes


def test_interning_codes_values_in_order_of_first_appearance() -> None:
    values = ["王芳", None, "李娜", "", "王芳", "張偉", "李娜"]
    interner = Interner()
    assert interner.codes_of(values).tolist() == [0, -1, 1, -1, 0, 2, 1]
    assert interner.values == ["王芳", "李娜", "張偉"]
    assert interner.codes == {"王芳": 0, "李娜": 1, "張偉": 2}
    # a later call continues the numbering and keeps the earlier codes
    assert interner.codes_of(["李娜", "陈静"]).tolist() == [1, 3]


def test_slots_keep_each_rows_values_in_order_padded_with_minus_one() -> None:
    interner = Interner()
    slots = _slots([("a", "b"), (), ("b",), ("c", "a", "d")], interner)
    assert slots.tolist() == [[0, 1, -1], [-1, -1, -1], [1, -1, -1], [2, 0, 3]]
    assert _slots([(), ()], Interner()).tolist() == [[-1], [-1]]

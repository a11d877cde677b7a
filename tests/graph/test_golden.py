"""The golden record's fast paths give exactly what the straightforward code gave.

Why these tests: the golden JSON text is stored and hashed, so ``to_json_text`` must
be byte for byte ``json.dumps(to_json(), ensure_ascii=False, sort_keys=True)`` (what
the build used to store), and the chosen value must be the one the full ranking picks.
"""

from __future__ import annotations

import json
import random

from kg.graph.golden import SOURCE_RANK, FieldValues, Golden

SOURCES = ["police", "family_planning", "civil_affairs", "housing", "organisations", "other"]
VALUES = ["1985-03", "1985-03-12", "1985-12-03", '引号"张伟"', "back\\slash", "x", "张伟", "ab"]


def _random_golden(rng: random.Random) -> Golden:
    g = Golden()
    for name in rng.sample(["name", "birth_date", "id_number", "sex", "phone"], rng.randint(0, 5)):
        for _ in range(rng.randint(1, 6)):
            origin = f"{rng.choice(SOURCES)}:R{rng.randint(1, 4)}"
            g.add(name, rng.choice(VALUES + [""]), origin, rng.randint(0, 2))
    if rng.random() < 0.2:
        g.field("empty")  # a field with no values reads as absent
    return g


def _reference_best(fv: FieldValues) -> str | None:
    """The ranking as first written: every value ranked in full."""
    if not fv.values:
        return None

    def rank(v: str) -> tuple[int, int, int, str]:
        sources = fv.values[v]
        best_source = min(SOURCE_RANK.get(s.split(":", 1)[0], 9) for s in sources)
        return (-fv.quality.get(v, 0), -len(sources), best_source, v)

    return min(fv.values, key=rank)


def test_the_golden_text_is_json_dumps_of_the_golden_record() -> None:
    rng = random.Random(7)
    for _ in range(2_000):
        g = _random_golden(rng)
        assert g.to_json_text() == json.dumps(g.to_json(), ensure_ascii=False, sort_keys=True)


def test_the_chosen_value_is_the_fully_ranked_one() -> None:
    rng = random.Random(11)
    for _ in range(2_000):
        g = _random_golden(rng)
        for fv in g.fields.values():
            assert fv.best() == _reference_best(fv)


def test_golden_add_is_field_add() -> None:
    rng = random.Random(3)
    for _ in range(500):
        calls = [
            (rng.choice(["a", "b"]), rng.choice(VALUES + [""]), f"police:{rng.randint(1, 3)}", q)
            for q in (rng.randint(0, 2) for _ in range(rng.randint(0, 8)))
        ]
        one, two = Golden(), Golden()
        for name, value, origin, quality in calls:
            one.add(name, value, origin, quality)
            two.field(name).add(value, origin, quality)
        assert one.to_json() == two.to_json()
        assert one.conflicts() == two.conflicts()
        for name in ("a", "b"):
            assert one.best(name) == two.best(name)
            assert one.all_values(name) == two.all_values(name)


def test_a_later_value_resets_the_chosen_one() -> None:
    g = Golden()
    g.add("birth_date", "1985-03", "civil_affairs:1", 7)
    assert g.best("birth_date") == "1985-03"
    g.add("birth_date", "1985-03-12", "police:1", 10)
    assert g.best("birth_date") == "1985-03-12"
    assert g.conflicts() == []  # a prefix of the other: compatible
    g.add("birth_date", "1985-12-03", "housing:1", 10)
    assert g.conflicts() == ["birth_date"]

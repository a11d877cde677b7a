"""``plain`` must give exactly what the views' ``to_json()`` (``dataclasses.asdict``) gives."""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.api.routes._shape import plain
from tests.api.fakes import FakeStore


def test_plain_equals_to_json_for_every_fake_view() -> None:
    store = FakeStore()
    views: list[Any] = [
        store.person_profile("P1"),
        store.person_profile("P2"),
        *store.find_persons(name="张伟"),
        store.dwelling("D1"),
        store.organisation("O1"),
        store.household("H1"),
    ]
    for view in views:
        assert plain(view) == view.to_json()
        assert json.dumps(plain(view), ensure_ascii=False) == json.dumps(
            view.to_json(), ensure_ascii=False
        )


Pair = namedtuple("Pair", "a b")


@dataclass
class Inner:
    values: tuple[int, ...] = (1, 2)
    pair: Pair = Pair("x", [1])


@dataclass
class Outer:
    inner: list[Inner] = field(default_factory=lambda: [Inner()])
    raw: dict[str, Any] = field(default_factory=lambda: {"身份证号": "1", "n": {"k": [None]}})
    odd: set[int] = field(default_factory=lambda: {3})


def test_plain_converts_like_asdict_and_copies_containers() -> None:
    outer = Outer()
    out = plain(outer)
    assert out == asdict(outer)
    assert type(out["inner"][0]["values"]) is tuple and type(out["inner"][0]["pair"]) is Pair
    out["raw"]["n"]["k"].append(1)
    assert outer.raw["n"]["k"] == [None]  # a copy: masking may rewrite it freely

"""A current address written as "same as the registered one" (同户籍地址) is the row's
registered dwelling; by itself it names no place, so it never makes one dwelling of
every row that wrote it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loaders.normalise.addresses import normalise_address
from resolvers.mentions import AddressMention, mentions_of


@dataclass
class _Row:
    source: str
    record_id: str
    kind: str
    fields: dict[str, Any]


def _houses(current: str, registered: str | None) -> dict[str, str]:
    fields: dict[str, Any] = {"current_address": normalise_address(current).to_json()}  # type: ignore[union-attr]
    if registered is not None:
        fields["registered_address"] = normalise_address(registered).to_json()  # type: ignore[union-attr]
    row = _Row("police", "GA1", "police", fields)
    return {m.key[2]: m.address.key for m in mentions_of(row) if isinstance(m, AddressMention)}


def test_same_as_registered_is_the_registered_dwelling() -> None:
    houses = _houses("同户籍地址", "西安市雁塔区甘家寨村5组8号")
    assert houses["house"] == houses["registered_house"] == "甘家寨||8|5|"


def test_an_address_of_its_own_is_kept() -> None:
    houses = _houses("雁塔区青松新城13号楼1单元1402号", "甘家寨村5组8号")
    assert houses["house"] == "青松新城||13|1|1402"


def test_without_a_registered_address_it_is_no_place() -> None:
    assert _houses("同户籍地", None) == {"house": ""}

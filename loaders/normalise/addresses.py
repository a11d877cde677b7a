"""Dwelling addresses: parse a Beijing-register address and give each flat one key.

The same flat is written many ways across departments (``北京市朝阳区建国路88号阳光
小区5号楼3单元502室``, ``朝阳建国路八十八号阳光社区5-3-502``, ``建国街88号阳光5栋3单元
0502``). ``normalise_address`` reads the components and builds ``key`` from the parts
below the district, in a fixed order::

    community_stem | road_stem + road_no | building | unit | room
    e.g. "阳光|建国88|5|3|502", "|建国88|5|3|502", "3号院|||2|101", "阳光||5||502"

Keying rules, and why:

* Province, city, district and town (街道/镇/乡) are left out: registers differ
  precisely in how much of that prefix they write, and a flat's identity is below it.
* The road is keyed by its stem (``建国路`` / ``建国街`` / ``建国大街`` → ``建国``)
  because the suffix (路/街/里/巷…) is what varies between sources for one road;
  ``road`` itself keeps the suffix as written.
* 小区 / 社区 are dropped from the community (``阳光小区`` = ``阳光社区`` = ``阳光``)
  because clerks use them interchangeably; 花园, 家园, 苑, 院, 公寓, 大厦 … are part
  of the name and stay.
* The floor is not keyed: Chinese room numbers already carry it (502 is on 5), and
  many sources omit it (``5号楼3单元5层502`` = ``5号楼3单元502``).
* ``N楼`` is the building when no building has been read yet (``5楼3单元502`` is
  building 5 — the usual clerk abbreviation of ``5号楼``) and the floor after one.
* A source that writes only the community and another that writes only the road
  get different keys. That is deliberate: guessing one from the other needs a
  gazetteer; the resolver compares components (``address_tokens``) fuzzily instead.
  The same holds for a missing unit (``5号楼502`` vs ``5号楼3单元502``).
* An address with no usable component below the district (``朝阳区``, ``不详``) has
  ``key == ""`` so the resolver never treats it as one shared dwelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Final

from loaders.normalise.address_parts import (
    BUILDING_MARKS,
    ROOM_MARKS,
    TOKEN_RE,
    UNIT_MARKS,
    community_stem,
    number_value,
    prepare,
    road_stem,
    segments,
    split_admin,
)
from loaders.normalise.text import clean_text, to_simplified

__all__ = ["NormAddress", "address_tokens", "community_stem", "normalise_address", "road_stem"]

_PLACEHOLDER_RE: Final = re.compile(
    r"^(?:无|没有|暂无|不详|未知|空|不明|无固定住所|无固定住址|住址不详|地址不详|NULL|NONE|N/?A)?$",
    re.IGNORECASE,
)
_MEANINGFUL_RE: Final = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class NormAddress:
    """One parsed address. Components are ``None`` when the source did not write them."""

    raw: str
    text: str
    province: str | None
    city: str | None
    district: str | None
    town: str | None
    road: str | None
    road_no: str | None
    community: str | None
    building: str | None
    unit: str | None
    floor: str | None
    room: str | None
    key: str
    precision: str  # "room" | "building" | "road" | "area"

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "text": self.text,
            "province": self.province,
            "city": self.city,
            "district": self.district,
            "town": self.town,
            "road": self.road,
            "road_no": self.road_no,
            "community": self.community,
            "building": self.building,
            "unit": self.unit,
            "floor": self.floor,
            "room": self.room,
            "key": self.key,
            "precision": self.precision,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormAddress:
        names = [f.name for f in fields(cls)]
        values: dict[str, Any] = {n: d.get(n) for n in names}
        values["raw"] = str(values["raw"] or "")
        values["text"] = str(values["text"] or "")
        values["key"] = str(values["key"] or "")
        values["precision"] = str(values["precision"] or "area")
        return cls(**values)


class _Parse:
    """Mutable scratch state of one parse; turned into a ``NormAddress`` at the end."""

    __slots__ = (
        "road", "road_no", "community", "building", "unit", "floor", "room",
        "seq", "seq_after_road", "after_road", "number_prefix", "trailing",
    )  # fmt: skip

    def __init__(self) -> None:
        self.road: str | None = None
        self.road_no: str | None = None
        self.community: list[str] = []
        self.building: str | None = None
        self.unit: str | None = None
        self.floor: str | None = None
        self.room: str | None = None
        self.seq: list[str] = []  # bare / dash-separated numbers, assigned at the end
        self.seq_after_road = False
        self.after_road = False
        self.number_prefix = ""
        self.trailing = False  # set once structure began: later text is a remark

    def structural(self) -> bool:
        return bool(self.building or self.unit or self.room or self.seq)

    def text(self, run: str) -> None:
        if self.structural():
            return
        for cls, seg in segments(run):
            if cls == "prefix":
                self.number_prefix = seg
                continue
            if cls == "road" and self.road is None:
                self.road = seg
                self.after_road = True
            else:
                self.community.append(seg)
                self.after_road = False

    def number(self, value: str, mark: str | None) -> None:
        value = number_value(value)
        prefix, self.number_prefix = self.number_prefix, ""
        if (
            mark in ("号", "号院")
            and self.after_road
            and self.road_no is None
            and not self.structural()
        ):
            self.road_no = prefix + value
            self.after_road = False
            return
        if mark == "号院" or mark == "区":
            self.community.append(f"{prefix}{value}{mark}")
            self.after_road = False
            return
        if mark in (None, "-"):
            if not self.seq:
                self.seq_after_road = self.after_road
            self.seq.append(value)
            self.after_road = False
            return
        self.after_road = False
        if mark in BUILDING_MARKS:
            if self.building is None:
                self.building = value
            elif self.unit is None:
                self.unit = value
        elif mark == "楼":
            if self.building is None and not self.seq:
                self.building = value
            else:
                self.floor = value
        elif mark in UNIT_MARKS:
            if self.building is None and self.seq:
                self.building = self.seq.pop(0)
            self.unit = value
        elif mark == "层":
            if self.building is None and self.seq:
                self.building = self.seq.pop(0)
            self.floor = value
        elif mark in ROOM_MARKS:
            if self.room is None:  # 502室、503室: the first room is the dwelling
                self.room = value
        elif mark == "号":
            if self.building is None and not self.seq:
                self.building = value
            elif self.room is None:
                self.room = value

    def finish(self) -> None:
        seq = self.seq
        if not seq:
            return
        if (
            len(seq) == 1
            and self.seq_after_road
            and self.road_no is None
            and self.building is None
            and self.room is None
        ):
            self.road_no = seq[0]  # 建国路88
            return
        if self.room is None:
            self.room = seq.pop()
        for v in seq:
            if self.building is None:
                self.building = v
            elif self.unit is None:
                self.unit = v
            elif self.floor is None:
                self.floor = v


def _build(raw: str) -> NormAddress | None:
    cleaned = clean_text(raw)
    if not cleaned:
        return None
    text = prepare(to_simplified(cleaned))
    (province, city, district, town), rest = split_admin(text)
    st = _Parse()
    if _PLACEHOLDER_RE.match(rest) is None and _MEANINGFUL_RE.search(rest):
        for num, mark, run, _junk in TOKEN_RE.findall(rest):
            if num:
                st.number(num, mark or None)
            elif run:
                st.text(run)
        st.finish()
    road = st.road
    community = "".join(st.community) or None
    if road is not None and st.road_no is None and road.endswith("里"):
        # 幸福里 with no house number is the residential area, not a street address,
        # so it meets 幸福里小区.
        community = road + (community or "")
        road = None
    comm_key = community_stem(community) if community else ""
    road_key = (road_stem(road) if road else "") + (st.road_no or "")
    parts = (comm_key, road_key, st.building or "", st.unit or "", st.room or "")
    key = "|".join(parts) if any(parts) else ""
    if st.room:
        precision = "room"
    elif st.building:
        precision = "building"
    elif road and st.road_no:
        precision = "road"
    else:
        precision = "area"
    return NormAddress(
        raw=raw,
        text=text,
        province=province,
        city=city,
        district=district,
        town=town,
        road=road,
        road_no=st.road_no,
        community=community,
        building=st.building,
        unit=st.unit,
        floor=st.floor,
        room=st.room,
        key=key,
        precision=precision,
    )


@lru_cache(maxsize=65_536)
def _cached(raw: str) -> NormAddress | None:
    try:
        return _build(raw)
    except Exception:  # a normaliser never raises: keep the value unparsed
        cleaned = clean_text(raw)
        return NormAddress(
            raw, cleaned, None, None, None, None, None, None, None, None, None, None, None, "",
            "area",
        )  # fmt: skip


def normalise_address(raw: str | None) -> NormAddress | None:
    """Parse one address cell; ``None`` for a blank cell. Never raises.

    Cached (64k entries) because the same dwelling recurs across registers; bounded
    tighter than before because most flats are written once per file, and a loader
    keeps its own per-column memo for the ones that repeat.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        raw = str(raw)
    if not raw.strip():
        return None
    return _cached(raw)


def address_tokens(a: NormAddress) -> dict[str, str]:
    """The comparable components of ``a`` for fuzzy matching, empty ones left out.

    ``community`` and ``road`` are the stems used in the key, so two sources that
    agree on a component compare equal even when their keys differ (one wrote the
    community, the other the road).
    """
    out = {
        "district": a.district or "",
        "town": a.town or "",
        "community": community_stem(a.community) if a.community else "",
        "road": road_stem(a.road) if a.road else "",
        "road_no": a.road_no or "",
        "building": a.building or "",
        "unit": a.unit or "",
        "floor": a.floor or "",
        "room": a.room or "",
    }
    return {k: v for k, v in out.items() if v}

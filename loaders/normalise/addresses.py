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
  many sources omit it (``5号楼3单元5层502`` = ``5号楼3单元502``). A floor with a door
  number instead (``4层1号``, ``14楼2号``) makes the room number (401, 1402).
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
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any, Final

from loaders.normalise.address_parts import (
    BUILDING_MARKS,
    COMMITTEE_RE,
    GROUP_MARKS,
    LANE_MARKS,
    ROAD_NUMBER_MARKS,
    ROOM_MARKS,
    SECTION_MARK,
    TOKEN_RE,
    TOWER_SUFFIXES,
    UNIT_MARKS,
    WORKS_MARK,
    community_stem,
    number_value,
    prepare,
    road_stem,
    segments,
    split_admin,
    town_stem,
)
from loaders.normalise.text import clean_text, to_simplified

__all__ = [
    "NormAddress",
    "address_json",
    "address_tokens",
    "community_stem",
    "normalise_address",
    "road_stem",
    "same_as_registered",
    "town_stem",
]

# "Same as the registered address" (同户籍地址, 与户籍地一致) names no place by itself;
# the resolver reads the row's registered address for it (resolvers.mentions).
_SAME_AS_REGISTERED: Final = r"(?:同|与|系)?(?:户籍|户口)(?:地址|所在地|地)?(?:相同|一致)?"
_SAME_AS_REGISTERED_RE: Final = re.compile(_SAME_AS_REGISTERED)
_PLACEHOLDER_RE: Final = re.compile(
    r"^(?:无|没有|暂无|不详|未知|空|不明|无固定住所|无固定住址|住址不详|地址不详|NULL|NONE|N/?A"
    r"|" + _SAME_AS_REGISTERED + r"|同上)?$",
    re.IGNORECASE,
)


def same_as_registered(address: NormAddress) -> bool:
    """A current address written as "same as the registered one" (no key of its own)."""
    return not address.key and _SAME_AS_REGISTERED_RE.fullmatch(address.text or "") is not None


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
        values: dict[str, Any] = {n: d.get(n) for n in _ADDRESS_FIELDS}
        values["raw"] = str(values["raw"] or "")
        values["text"] = str(values["text"] or "")
        values["key"] = str(values["key"] or "")
        values["precision"] = str(values["precision"] or "area")
        return cls(**values)


# Field names once (``fields()`` costs µs per call; from_json runs per distinct value).
_ADDRESS_FIELDS: Final = tuple(f.name for f in fields(NormAddress))


class _Parse:
    """Mutable scratch state of one parse; turned into a ``NormAddress`` at the end."""

    __slots__ = (
        "road", "road_no", "community", "building", "unit", "floor", "room", "group",
        "seq", "seq_after_road", "after_road", "number_prefix", "trailing", "storey", "last",
        "last_was_area",
    )  # fmt: skip

    def __init__(self) -> None:
        self.road: str | None = None
        self.road_no: str | None = None
        self.community: list[str] = []
        self.building: str | None = None
        self.unit: str | None = None
        self.floor: str | None = None
        self.room: str | None = None
        self.group: str | None = None  # a village group: keyed as the unit (see finish)
        self.storey = False  # the building was read from N楼 (maybe a floor: see finish)
        self.seq: list[str] = []  # bare / dash-separated numbers, assigned at the end
        self.seq_after_road = False
        self.after_road = False
        self.number_prefix = ""
        self.trailing = False  # set once structure began: later text is a remark
        self.last: str | None = None  # the text segment just read (a road's name may go on)
        self.last_was_area = False

    def in_tower(self) -> bool:
        """The community read so far is one tower (金海大厦): its N楼 is a floor."""
        return bool(self.community) and self.community[-1].endswith(TOWER_SUFFIXES)

    def structural(self) -> bool:
        return bool(self.building or self.unit or self.room or self.seq)

    def text(self, run: str) -> None:
        if self.structural():
            return
        for cls, seg in segments(run):
            if cls == "prefix":
                self.number_prefix = seg
                continue
            if self.community and self.community[-1].endswith("社区") and self.last_was_area:
                # 佳灵社区红杉花园, 南河苑社区锦里中路: a residents' committee named before
                # the estate or the street is administrative, like the town.
                self.community.pop()
            if cls == "road" and self.road is None:
                self.road = seg
                self.after_road = True
            else:
                self.community.append(seg)
                self.after_road = False
            self.last, self.last_was_area = seg, not self.after_road

    def number(self, value: str, mark: str | None) -> None:
        value = number_value(value)
        prefix, self.number_prefix = self.number_prefix, ""
        last, self.last, self.last_was_area = self.last, None, False
        if mark in ROAD_NUMBER_MARKS and not self.structural() and self.road_no is None:
            # 太平园中2路, 纬二路: a numbered road; its name is the text just read.
            if last is not None and self.community and self.community[-1] == last:
                self.community.pop()
            elif last is not None and self.road == last:
                self.road = None
            else:
                last = ""
            if self.road is None:
                committee = COMMITTEE_RE.match(last)  # 佳灵社区太平园中2路: administrative
                name = last[committee.end() :] if committee is not None else last
                self.road = f"{name}{prefix}{value}{mark}"
                self.after_road = True
                return
        if mark == WORKS_MARK:
            if not self.structural():
                # 784厂宿舍: the works' number is part of the community's name.
                self.community.append(f"{prefix}{value}{mark}")
                self.last, self.last_was_area = None, True
            self.after_road = False
            return
        if (
            mark in ("号", "号院")
            and self.after_road
            and self.road_no is None
            and not self.structural()
        ):
            self.road_no = prefix + value
            self.after_road = False
            return
        if mark in GROUP_MARKS:
            if self.group is None:
                self.group = value
            self.after_road = False
            return
        if mark == SECTION_MARK:
            # 一环路南三段175号: the section is part of the road's name; its number follows.
            if self.road is not None and self.road_no is None and not self.structural():
                self.road += value + mark
                self.after_road = True
                return
            self.community.append(f"{prefix}{value}{mark}")
            self.after_road = False
            return
        if mark in LANE_MARKS:
            # 乳山路100弄5号302室: the lane (and sub-lane) extends the road's number, so
            # the 号 after it is the building and the flat's number the room.
            self.road_no = (self.road_no or "") + prefix + value + mark
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
            if self.building is None and not self.seq and not self.in_tower():
                self.building = value
                self.storey = True
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
            # After a unit, N号 is the flat (3单元502号), never the building.
            if self.building is None and not self.seq and self.unit is None:
                self.building = value
            elif self.room is None:
                self.room = value

    def finish(self) -> None:
        if self.storey and self.unit is None and self.road_no is not None and not self.community:
            # 天河北路199号3楼304: the road number is the building, N楼 its floor (an
            # estate's 5楼3单元502 keeps 5 as the clerk's short 5号楼).
            self.floor, self.building = self.building, None
        if self.group is not None and self.unit is None:
            # A village group subdivides the village as a unit does a building: the
            # house number (星红村1组236号) is the building, the group its optional unit,
            # so 星红村236号 meets it where no other group has a house 236.
            self.unit = self.group
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


# The parsed parts of an address below its text: province, city, district, town, road,
# road_no, community, building, unit, floor, room, key, precision (NormAddress's order).
_Parts = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None,
    str | None, str | None, str | None, str | None, str, str,
]  # fmt: skip

_RUN_RE: Final = re.compile(r"[0-9]+")
_RUN_SPLIT_RE: Final = re.compile(r"([0-9]+)")  # the runs kept, at the odd indexes
#: Slot characters stand for the n-th digit run while a template is parsed; they come
#: from the Private Use Area, and a text that already holds one is parsed directly.
_SLOT0: Final = 0xE000
_MAX_SLOTS: Final = 64
# Every private-use character the shape caches write (slots, raw and value runs): a
# text that holds one already takes the plain path.
_SLOT_CHAR_RE: Final = re.compile("[\ue000-\ue2ff]")
#: Distinct address shapes kept; a register has a few thousand (1.4k in 160k addresses).
_TEMPLATE_LIMIT: Final = 50_000


def _parse(text: str, slotted: bool = False) -> _Parts:
    """Read the parts of a prepared address text.

    With ``slotted``, ``text`` is a shape (every digit run written ``0``) and the n-th
    number is read as slot character n instead of its value; see ``_Template`` (which
    then applies ``_door_room`` to the filled parts, as this does to a plain parse).
    """
    parts = _read(text, slotted)
    return parts if slotted else _door_room(parts)


_FLOOR: Final = 9  # indexes into _Parts
_ROOM: Final = 10
_KEY: Final = 11


def _door_room(parts: _Parts) -> _Parts:
    """A floor and a door number make the flat's number: ``4层1号`` = 401, ``14楼2号`` = 1402.

    Why: registers in the north-west and in Sichuan write a flat as floor + door
    (``3号楼1单元4层1号``) where others write the room number (``3号楼1单元401室``);
    keyed as room ``1`` the first would meet every flat 1 of its stairwell and never
    its own ``401``. A room number of three or more digits already carries its floor
    (``5层502``) and is kept. The rule looks at values, so a shape cannot apply it: a
    template with both a floor and a room applies it when filled (``_Template.fill``).
    """
    floor, room = parts[_FLOOR], parts[_ROOM]
    if floor is None or room is None or len(room) > 2 or not (floor + room).isdigit():
        return parts
    if floor.startswith("0"):
        return parts
    flat = floor + room.rjust(2, "0")
    out = list(parts)
    out[_ROOM] = flat
    key = str(out[_KEY])
    out[_KEY] = key[: key.rfind("|") + 1] + flat
    return tuple(out)  # type: ignore[return-value]


def _read(text: str, slotted: bool) -> _Parts:
    admin, rest = split_admin(text)
    st = _Parse()
    if _PLACEHOLDER_RE.match(rest) is None and _MEANINGFUL_RE.search(rest):
        slot = _SLOT0
        for num, mark, run, _junk in TOKEN_RE.findall(rest):
            if num:
                if slotted:  # each digit run ("0" in a shape) is the next slot; letters stay
                    chars = []
                    for ch in num:
                        if ch == "0":
                            ch = chr(slot)
                            slot += 1
                        chars.append(ch)
                    num = "".join(chars)
                st.number(num, mark or None)
            elif run:
                st.text(run)
        st.finish()
    road = st.road
    community = "".join(st.community) or None
    building, road_no = st.building, st.road_no
    if road is not None and road.endswith("里"):
        if road_no is None:
            # 幸福里 with no house number is the residential area, not a street address,
            # so it meets 幸福里小区.
            community = road + (community or "")
            road = None
        elif building is None and (st.unit or st.room) and not community:
            # 花家地北里5号3单元502: a unit or flat straight after 里's number makes
            # the number a building of the area (= 花家地北里5号楼3单元502).
            community, building, road, road_no = road, road_no, None, None
    comm_key = community_stem(community) if community else ""
    if (
        building is not None
        and st.room is None
        and road is None
        and len(comm_key) > 2
        and comm_key.endswith("村")
        and not comm_key.endswith("新村")
    ):
        # A village house (甘家寨村六组35号 = 甘家寨6组35号, 星红村236号): the village is
        # written with or without 村. An estate named …新村 keeps it.
        comm_key = comm_key[:-1]
    road_key = (road_stem(road) if road else "") + (road_no or "")
    parts = (comm_key, road_key, building or "", st.unit or "", st.room or "")
    key = "|".join(parts) if any(parts) else ""
    if st.room:
        precision = "room"
    elif building:
        precision = "building"
    elif road and road_no:
        precision = "road"
    else:
        precision = "area"
    return (
        *admin, road, road_no, community, building, st.unit, st.floor, st.room, key,
        precision,
    )  # fmt: skip


class _Template:
    """The parse of one address *shape*: the prepared text with each digit run as ``0``.

    Why: most addresses in a register are unique only in their numbers
    (``…阳光小区5号楼3单元502室``, ``…阳光小区7号楼1单元301室``), and which number is the
    building, unit or room follows from the markers around it, never from its digits.
    So a shape is parsed once, with the n-th number standing as slot character n, and
    every address of that shape is read by putting its numbers into the slots.

    Why it gives exactly what parsing the address gives: the tokeniser sees a digit
    wherever the address has one (``0`` matches every pattern ``[0-9]+`` does, and the
    text before the first digit, where the administrative prefix is, is unchanged);
    the parser only branches on markers and on whether a part is set, and a number's
    value (``number_value``) is never compared; ``number_value(digits + letter)`` is
    ``number_value(digits) + letter``; and ``community_stem`` / ``road_stem`` remove
    words with no digit in them. ``tests/loaders/normalise/test_addresses.py`` checks
    the two paths against each other.
    """

    __slots__ = ("parts", "holes", "door")

    def __init__(self, parts: _Parts) -> None:
        self.parts = parts
        # A floor and a room: the flat's number may be floor + door (see ``_door_room``).
        self.door = parts[_FLOOR] is not None and parts[_ROOM] is not None
        # (index, n) for a part that is exactly slot n; (index, -1) for one containing slots.
        holes: list[tuple[int, int]] = []
        for i, part in enumerate(parts):
            if part is None or _SLOT_CHAR_RE.search(part) is None:
                continue
            single = len(part) == 1
            holes.append((i, ord(part) - _SLOT0 if single else -1))
        self.holes = tuple(holes)

    def fill(self, runs: list[str]) -> _Parts:
        if not self.holes:
            return _door_room(self.parts) if self.door else self.parts
        values = [number_value(r) for r in runs]
        out = list(self.parts)
        table: dict[int, str] | None = None
        for i, n in self.holes:
            if n >= 0:
                out[i] = values[n]
            else:
                if table is None:
                    table = {_SLOT0 + k: v for k, v in enumerate(values)}
                out[i] = str(out[i]).translate(table)
        filled: _Parts = tuple(out)  # type: ignore[assignment]
        return _door_room(filled) if self.door else filled


_TEMPLATES: dict[str, _Template] = {}


def _parts(text: str) -> _Parts:
    """``_parse(text)``, through the shape cache whenever the text allows it."""
    runs = _RUN_RE.findall(text)
    if len(runs) > _MAX_SLOTS or _SLOT_CHAR_RE.search(text) is not None:
        return _parse(text)
    shape = _RUN_RE.sub("0", text) if runs else text
    template = _TEMPLATES.get(shape)
    if template is None:
        template = _Template(_parse(shape, slotted=True))
        if len(_TEMPLATES) >= _TEMPLATE_LIMIT:
            _TEMPLATES.clear()  # a cheap bound, as for the loader's column caches
        _TEMPLATES[shape] = template
    return template.fill(runs)


class _Shape:
    """How every simplified address text of one shape is prepared and parsed.

    The shape is the simplified text with each digit run replaced by one slot
    character. ``prepare`` never looks at digits (it drops punctuation, unifies dashes,
    upper-cases and rewrites Chinese numerals, none of it digit-sensitive), so
    preparing the shape and putting the runs back gives what preparing the text gives,
    provided no run ends up next to another run or to a digit that a Chinese numeral
    became (``5.3`` → ``53``, ``5五号`` → ``55号``): such shapes are not kept and take
    the plain path. ``prepared`` is the prepared shape with the n-th slot written as
    slot character n; ``sources`` lists the digit runs of the prepared text in order,
    each an index into the address's runs or a constant (a rewritten numeral); and
    ``template`` parses the prepared text (see ``_Template``).
    """

    __slots__ = ("prepared", "sources", "template", "_json")

    def __init__(self, prepared: str, sources: tuple[int | str, ...], template: _Template):
        self.prepared = prepared
        self.sources = sources
        self.template = template
        self._json: str | None = None

    def json(self) -> str:
        """A ``str.format`` template of the JSON of every field after ``raw``.

        Field ``{k}`` is the k-th digit run as written (in ``text``) and ``{n + k}``
        its ``number_value`` (in the parts), n being the number of runs; see
        ``address_json``. Why ``str.format``: it fills in C, where ``str.translate``
        of a non-ASCII text looks every character up in a Python dict.

        How it is built: every text is escaped and its braces doubled first, then each
        slot character is replaced by its field (or by a constant's escaped value).
        Escaping works character by character and leaves private-use characters as
        they are, so this is the text that filling the values in before escaping
        gives. Why ``str.replace`` and not one ``str.translate``: a shape is built
        for roughly one address in ten, and translating each part through a dict was
        half of that cost.
        """
        if self._json is None:
            n = sum(1 for s in self.sources if not isinstance(s, str))  # the address's runs
            text = _fields_in(_braced(self.prepared), _RAW_FIELDS[:n])
            # The template's slot m is the prepared text's m-th run: an address run or a
            # constant (a rewritten numeral), whose value is known now.
            table = [
                (
                    chr(_SLOT0 + m),
                    _braced(number_value(src))[1:-1] if isinstance(src, str) else f"{{{n + src}}}",
                )
                for m, src in enumerate(self.sources)
            ]
            parts = self.template.parts
            out = [',"text":', text]
            for name, p in zip(_PART_NAMES, parts, strict=True):
                out.append(f',"{name}":')
                if p is None:
                    out.append("null")
                elif _SLOT_CHAR_RE.search(p) is None:
                    out.append(_braced(p))
                else:
                    out.append(_fields_in(_braced(p), table))
            out.append("}}")
            self._json = "".join(out)
        return self._json


def _braced(text: str) -> str:
    """``text`` as a JSON string, its braces doubled for ``str.format``."""
    return _esc(text).replace("{", "{{").replace("}", "}}")


def _fields_in(text: str, table: list[tuple[str, str]]) -> str:
    """``text`` with each slot character of ``table`` replaced by its text."""
    for ch, field in table:
        if ch in text:
            text = text.replace(ch, field)
    return text


_SHAPES: dict[str, _Shape | None] = {}
_SLOT: Final = chr(_SLOT0)
# A digit run or a slot character, in a prepared shape.
_RUN_OR_SLOT_RE: Final = re.compile("[0-9\ue000]+")


def _shape(shape: str) -> _Shape | None:
    """The ``_Shape`` for a simplified text's shape, or None where it cannot be kept."""
    prepared = prepare(shape)
    sources: list[int | str] = []
    numbered: list[str] = []
    slot = 0
    start = 0
    for m in _RUN_OR_SLOT_RE.finditer(prepared):
        run = m.group(0)
        if _SLOT in run:
            if run != _SLOT:  # two runs, or a run and a numeral's digits, ran together
                return None
            numbered.append(prepared[start : m.start()] + chr(_SLOT0 + slot))
            sources.append(slot)
            slot += 1
        else:
            numbered.append(prepared[start : m.end()])
            sources.append(run)
        start = m.end()
    numbered.append(prepared[start:])
    if slot != shape.count(_SLOT):  # pragma: no cover - prepare never drops a slot
        return None
    parse_shape = _RUN_OR_SLOT_RE.sub("0", prepared)
    template = _TEMPLATES.get(parse_shape)
    if template is None:
        template = _Template(_parse(parse_shape, slotted=True))
        _remember(_TEMPLATES, parse_shape, template)
    if template.door:
        return None  # the flat's number depends on values (_door_room): not a JSON template
    return _Shape("".join(numbered), tuple(sources), template)


def _remember(cache: dict[str, Any], key: str, value: Any) -> None:
    if len(cache) >= _TEMPLATE_LIMIT:
        cache.clear()  # a cheap bound, as for the loader's column caches
    cache[key] = value


#: Slot k of a prepared text → field ``{k}`` of its JSON template (see ``_Shape.json``).
_RAW_FIELDS: Final = [(chr(_SLOT0 + k), f"{{{k}}}") for k in range(_MAX_SLOTS)]
_PART_NAMES: Final = (
    "province", "city", "district", "town", "road", "road_no", "community", "building",
    "unit", "floor", "room", "key", "precision",
)  # fmt: skip
_esc: Final[Callable[[str], str]] = encode_basestring


def address_json(raw: str) -> str | None:
    """``obj_json(normalise_address(raw))`` for the loader, or None: take that path.

    Why: the loader stores only the JSON text, and for the (mostly unique) addresses
    of a register building the ``NormAddress`` and serialising it cost more than
    parsing. Here the shape's JSON is built once, with the digit runs as slot
    characters, and an address's JSON is that text with its runs put in. Digits never
    need escaping in JSON, so filling after escaping gives ``json.dumps``'s text.
    None (the caller then uses ``normalise_address``) for a blank cell, a shape that
    is not kept, or any error (which ``normalise_address`` handles as it always has).

    Why the shape is taken *before* simplification (``_RAW_SHAPES``): converting the
    whole text to simplified characters was a third of this function's cost, and a
    shape recurs about ten times as often as a text. It is the same shape because
    the conversion and the slotting commute: no key of OpenCC's traditional →
    simplified tables holds an ASCII character or a private-use one, and no value
    does either (``tests/loaders/normalise/test_addresses.py`` checks both on the
    installed tables), so the conversion never reads, moves or writes a digit or a
    slot, and the digit runs of the simplified text are the cleaned text's runs.
    """
    try:
        cleaned = clean_text(raw)
        if not cleaned:
            return None
        pieces = _RUN_SPLIT_RE.split(cleaned)
        runs = pieces[1::2]
        if len(runs) > _MAX_SLOTS or _SLOT_CHAR_RE.search(cleaned) is not None:
            return None
        key = _SLOT.join(pieces[::2]) if runs else cleaned
        try:
            template = _RAW_SHAPES[key]
        except KeyError:
            template = _shape_json(key)
            _remember(_RAW_SHAPES, key, template)
        if template is None:
            return None
        values = [number_value(r) if r[0] == "0" else r for r in runs]
        return '{"raw":' + _esc(raw) + template.format(*runs, *values)
    except Exception:  # noqa: BLE001 - normalise_address decides what an error gives
        return None


#: Cleaned address text with each digit run as the slot character, not yet simplified
#: → the JSON template of its shape (``_Shape.json``), or None where none is kept.
_RAW_SHAPES: dict[str, str | None] = {}


def _shape_json(key: str) -> str | None:
    """The JSON template for a cleaned, slotted, not yet simplified address text."""
    simple = to_simplified(key)
    try:
        shape = _SHAPES[simple]
    except KeyError:
        shape = _shape(simple)
        _remember(_SHAPES, simple, shape)
    return None if shape is None else shape.json()


def _build(raw: str) -> NormAddress | None:
    cleaned = clean_text(raw)
    if not cleaned:
        return None
    simple = to_simplified(cleaned)
    runs = _RUN_RE.findall(simple)
    if len(runs) <= _MAX_SLOTS and _SLOT_CHAR_RE.search(simple) is None:
        key = _RUN_RE.sub(_SLOT, simple) if runs else simple
        try:
            shape = _SHAPES[key]
        except KeyError:
            shape = _shape(key)
            _remember(_SHAPES, key, shape)
        if shape is not None:
            if runs:
                text = shape.prepared.translate({_SLOT0 + k: r for k, r in enumerate(runs)})
                prep_runs = [r if isinstance(r, str) else runs[r] for r in shape.sources]
            else:
                text, prep_runs = shape.prepared, list(shape.sources)  # type: ignore[arg-type]
            return NormAddress(raw, text, *shape.template.fill(prep_runs))
    text = prepare(simple)
    return NormAddress(raw, text, *_parts(text))


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

"""The data model of the true world and the check-character arithmetic it needs.

Entities refer to each other by list index (cheap at a million persons); the
``P…``/``D…``/``O…`` ids are what the ground truth names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

AS_OF = date(2024, 6, 30)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def credit_check(first17: str) -> str:
    """GB 32100 check character of the first 17 characters of a credit code."""
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(first17, _CODE_WEIGHTS, strict=True))
    return _CODE_CHARS[(31 - total % 31) % 31]


def make_credit_code(rng: random.Random, dept_kind: str, region: str) -> str:
    """A valid 18-character credit code: dept+kind, region, GB 11714 org code, check."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    org_check = 11 - total % 11
    org_code = body + ("X" if org_check == 10 else "0" if org_check == 11 else str(org_check))
    first17 = dept_kind + region + org_code
    return first17 + credit_check(first17)


@dataclass(slots=True)
class Dwelling:
    """A flat, a courtyard house or a home outside the district, with canonical parts."""

    did: str
    prefix: str  # "北京市朝阳区" in the district; province / other district prefix outside
    street: str  # 街道 (sub-district) or ""
    community: str  # residential community base name, "" for road addresses
    road: str
    road_no: int
    building: int = 0
    unit: int = 0
    room: int = 0
    external: bool = False
    use: str = "住宅"
    owner: int = -1
    tenant: int = -1


@dataclass(slots=True)
class Person:
    """One real resident (or an outsider who only appears as owner / legal rep)."""

    pid: str
    surname: str
    given: str  # for minority names: "本名·父名" and surname ""
    sex: str  # "M" / "F"
    birth: date
    ethnicity: str
    id18: str
    legacy15: bool = False
    former: str = ""
    mobile: str = ""
    landline: str = ""
    kind: str = ""  # 户籍人口 / 流动人口 / 人户分离 / "" (outsider, not in police)
    household: int = -1
    relation: str = ""
    current: int = -1
    registered: int = -1
    employer: int = -1
    employer_text: str = ""
    spouse: int = -1
    marital: str = "未婚"

    @property
    def name(self) -> str:
        return self.surname + self.given

    def age(self) -> int:
        return AS_OF.year - self.birth.year


@dataclass(slots=True)
class Household:
    """People living together; police 户号 only for registered (not migrant) households."""

    hukou_no: str
    members: list[int]
    dwelling: int
    registered: int
    migrant: bool
    mover: bool
    family: tuple[int, int, list[int]] | None = None  # family-planning unit: head, spouse, kids


@dataclass(slots=True)
class Organisation:
    """A company, branch or public unit; ``registered`` ones have a row in organisations."""

    oid: str
    trade: str  # trade name (公司) or full name (public unit)
    industry: str
    legal_form: str  # "" for public units
    region: str  # 北京 / 上海 …
    branch: str  # "朝阳分公司" or ""
    public: bool
    code: str
    kind: str
    registered: bool
    founded: date
    address: str
    legal_rep: int = -1

    @property
    def name(self) -> str:
        if self.public:
            return self.trade
        return f"{self.region}{self.trade}{self.industry}{self.legal_form}{self.branch}"


@dataclass
class World:
    persons: list[Person] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)
    orgs: list[Organisation] = field(default_factory=list)

"""The error model: how a true value is written into a departmental extract.

Every kind of error in the data contract has a rate here, and ``hard`` raises the
rates (roughly x2-x3) and switches on nastier errors (a relative's ID on the row,
surname homophones, communities written as their gate address, shuffled
columns). The rates are per reference (per cell that names the entity), so the
tests can check that they actually occur at about the configured frequency.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kg.demo import vocab as v
from kg.demo.world import Dwelling, Organisation, Person

__all__ = ["HARD", "NORMAL", "Corruptor", "Rates", "rates_for"]

_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_TRAD = str.maketrans(v.TRADITIONAL)
_CN_DIGITS = "零一二三四五六七八九"
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_SEX_FORMS = {"cn": ("男", "女"), "num": ("1", "2"), "en": ("M", "F")}


@dataclass(frozen=True)
class Rates:
    """Per-reference probabilities of each error kind."""

    blank: float = 0.02  # an optional cell (phone, employer, address …) left empty
    name_blank: float = 0.003
    name_traditional: float = 0.03
    name_homophone: float = 0.02
    name_space: float = 0.02
    name_former: float = 0.2  # P(former name written | the person has one)
    surname_homophone: float = 0.0
    dot_variant: float = 0.35  # minority names: a dot other than "·"
    id_blank: float = 0.03
    id_check: float = 0.01
    id_digit: float = 0.01
    id_swap: float = 0.005
    id_legacy: float = 0.4  # P(15-digit form | legacy holder, non-police source)
    id_fullwidth: float = 0.01
    id_separator: float = 0.01
    id_lower_x: float = 0.3
    id_relative: float = 0.0  # a relative's ID on the row (hard)
    excel_number: float = 0.003  # civil affairs: ID / 出生年月 mangled by Excel
    date_form_mix: float = 0.1
    date_off: float = 0.005
    date_swap: float = 0.003
    sex_form_mix: float = 0.1
    sex_blank: float = 0.02
    sex_flip: float = 0.0
    addr_prefix_drop: float = 0.4
    addr_short: float = 0.15  # 5-3-502
    addr_chinese: float = 0.05  # 五号楼三单元五零二
    addr_fullwidth: float = 0.03
    addr_road_suffix: float = 0.02  # 路/街
    addr_missing_unit: float = 0.02
    addr_alias: float = 0.15  # 小区 / 社区 appended
    addr_traditional: float = 0.01
    addr_as_road: float = 0.0  # community written as its gate address (hard)
    old_address: float = 0.3  # movers: a non-police source still has the old address
    org_variant: float = 0.3  # 有限责任公司 / bracketed region
    org_short: float = 0.1
    org_traditional: float = 0.0
    org_code_missing: float = 0.05
    org_code_typo: float = 0.02
    org_duplicate: float = 0.02  # unit listed again under a variant name without code
    house_duplicate: float = 0.03  # dwelling registered twice
    phone_format: float = 0.2
    phone_landline: float = 0.3  # P(landline written | the person has one)
    extra_columns: bool = True
    shuffle_columns: bool = False


NORMAL = Rates()
HARD = replace(
    NORMAL,
    blank=0.05,
    name_blank=0.01,
    name_traditional=0.08,
    name_homophone=0.06,
    name_space=0.05,
    name_former=0.4,
    surname_homophone=0.01,
    dot_variant=0.7,
    id_blank=0.08,
    id_check=0.03,
    id_digit=0.03,
    id_swap=0.015,
    id_legacy=0.6,
    id_fullwidth=0.03,
    id_separator=0.03,
    id_lower_x=0.5,
    id_relative=0.01,
    excel_number=0.02,
    date_form_mix=0.3,
    date_off=0.02,
    date_swap=0.01,
    sex_form_mix=0.3,
    sex_blank=0.05,
    sex_flip=0.005,
    addr_prefix_drop=0.6,
    addr_short=0.3,
    addr_chinese=0.12,
    addr_fullwidth=0.08,
    addr_road_suffix=0.05,
    addr_missing_unit=0.05,
    addr_alias=0.3,
    addr_traditional=0.03,
    addr_as_road=0.05,
    old_address=0.5,
    org_variant=0.6,
    org_short=0.25,
    org_traditional=0.03,
    org_code_missing=0.12,
    org_code_typo=0.05,
    org_duplicate=0.05,
    house_duplicate=0.06,
    phone_format=0.4,
    phone_landline=0.5,
    shuffle_columns=True,
)


def rates_for(difficulty: str) -> Rates:
    if difficulty == "normal":
        return NORMAL
    if difficulty == "hard":
        return HARD
    raise ValueError(f"difficulty must be 'normal' or 'hard', not {difficulty!r}")


def _cn_number(n: int) -> str:
    """12 → 十二, 5 → 五, 105 → 一百零五 (building / unit numbers written in words)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else _CN_DIGITS[tens]
        return head + "十" + (_CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = _CN_DIGITS[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    return head + ("一" if rest < 20 else "") + _cn_number(rest)


class Corruptor:
    """Writes true values as a careless clerk would; one instance per generated set."""

    def __init__(self, rng: random.Random, rates: Rates) -> None:
        self.rng = rng
        self.r = rates

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # -------------------------------------------------------------------- names
    def name(self, p: Person, allow_former: bool = True) -> str:
        rng, r = self.rng, self.r
        if p.former and allow_former and rng.random() < r.name_former:
            text = p.former
        else:
            text = p.surname + p.given
        if not p.surname:  # minority name with a middle dot
            if rng.random() < r.dot_variant:
                text = text.replace("·", rng.choice(v.MIDDLE_DOTS[1:]))
            return text
        if rng.random() < r.name_homophone:
            idx = rng.randrange(len(p.surname), len(text))
            alts = v.HOMOPHONES.get(text[idx])
            if alts:
                text = text[:idx] + rng.choice(alts) + text[idx + 1 :]
        if r.surname_homophone and rng.random() < r.surname_homophone:
            alts = v.SURNAME_HOMOPHONES.get(p.surname)
            if alts:
                text = rng.choice(alts) + text[len(p.surname) :]
        if rng.random() < r.name_traditional:
            text = text.translate(_TRAD)
        if rng.random() < r.name_space:
            cut = len(p.surname) if rng.random() < 0.7 else rng.randrange(1, len(text))
            text = text[:cut] + rng.choice([" ", "  ", "\u3000"]) + text[cut:]
        return text

    # ---------------------------------------------------------------------- IDs
    def id_number(self, p: Person, relative: Person | None = None, legacy: bool = True) -> str:
        rng, r = self.rng, self.r
        if rng.random() < r.id_blank:
            return ""
        s = p.id18
        if relative is not None and r.id_relative and rng.random() < r.id_relative:
            s = relative.id18
        if legacy and p.legacy15 and rng.random() < r.id_legacy:
            s = s[:6] + s[8:17]
        x = rng.random()
        if x < r.id_check:
            s = s[:-1] + rng.choice([c for c in "0123456789X" if c != s[-1]])
        elif x < r.id_check + r.id_digit:
            i = rng.randrange(len(s) - 1)
            s = s[:i] + rng.choice([c for c in "0123456789" if c != s[i]]) + s[i + 1 :]
        elif x < r.id_check + r.id_digit + r.id_swap:
            spots = [i for i in range(len(s) - 2) if s[i] != s[i + 1]]
            if spots:
                i = rng.choice(spots)
                s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
        if s.endswith("X") and rng.random() < r.id_lower_x:
            s = s[:-1] + "x"
        y = rng.random()
        if y < r.id_fullwidth:
            s = s.translate(_FULLWIDTH)
        elif y < r.id_fullwidth + r.id_separator:
            sep = rng.choice([" ", "-"])
            s = sep.join((s[:6], s[6:-4], s[-4:])) if rng.random() < 0.6 else " " + s + " "
        return s

    # -------------------------------------------------------------------- dates
    def _jitter(self, d: date) -> date:
        rng, r = self.rng, self.r
        x = rng.random()
        if x < r.date_off:
            return d + timedelta(days=rng.choice((-1, 1)))
        if x < r.date_off + r.date_swap and d.day <= 12 and d.day != d.month:
            return date(d.year, d.day, d.month)
        return d

    def date_text(self, d: date, form: int) -> str:
        """Forms 0-4: 19850312, 1985-03-12, 1985/3/12, 1985.03.12, 1985年3月12日."""
        if self.rng.random() < self.r.date_form_mix:
            form = self.rng.randrange(5)
        d = self._jitter(d)
        if form == 0:
            return f"{d:%Y%m%d}"
        if form == 1:
            return f"{d:%Y-%m-%d}"
        if form == 2:
            return f"{d.year}/{d.month}/{d.day}"
        if form == 3:
            return f"{d:%Y.%m.%d}"
        return f"{d.year}年{d.month}月{d.day}日"

    def year_month(self, d: date) -> str:
        """出生年月: 1985-03 (usual), 198503, 1985年3月."""
        form = self.rng.randrange(3) if self.rng.random() < self.r.date_form_mix else 0
        d = self._jitter(d)
        return (f"{d:%Y-%m}", f"{d:%Y%m}", f"{d.year}年{d.month}月")[form]

    def sex(self, sex: str, form: str = "cn") -> str:
        rng, r = self.rng, self.r
        if rng.random() < r.sex_blank:
            return ""
        if r.sex_flip and rng.random() < r.sex_flip:
            sex = "F" if sex == "M" else "M"
        if rng.random() < r.sex_form_mix:
            form = rng.choice(("cn", "num", "en"))
        return _SEX_FORMS[form][0 if sex == "M" else 1]

    # ---------------------------------------------------------------- addresses
    def address(self, d: Dwelling) -> str:
        rng, r = self.rng, self.r
        if d.external:
            prefix = d.prefix
        else:
            x = rng.random()
            prefix = "" if x < r.addr_prefix_drop / 2 else v.DISTRICT
            if x >= r.addr_prefix_drop:
                prefix = v.CITY + v.DISTRICT
            if d.street and rng.random() < 0.25:
                prefix += d.street
        road = d.road
        if rng.random() < r.addr_road_suffix:
            if road.endswith("路"):
                road = road[:-1] + "街"
            elif road.endswith("街"):
                road = road[:-1] + "路"
        if d.community and not (r.addr_as_road and rng.random() < r.addr_as_road):
            place = d.community
            if rng.random() < r.addr_alias:
                place += rng.choice(v.COMMUNITY_SUFFIXES[1:])
        elif d.building:
            place = f"{road}{d.road_no}号院"
        else:
            place = f"{road}{d.road_no}号"
        flat = ""
        if d.building:
            b, u, room = d.building, d.unit, d.room
            if u and rng.random() < r.addr_missing_unit:
                u = 0
            x = rng.random()
            if x < r.addr_short:
                flat = f"{b}-{u}-{room}" if u else f"{b}-{room}"
            elif x < r.addr_short + r.addr_chinese:
                words = "".join(_CN_DIGITS[int(c)] for c in str(room))
                unit = f"{_cn_number(u)}单元" if u else ""
                flat = f"{_cn_number(b)}号楼{unit}{words}"
            else:
                unit = f"{u}单元" if u else ""
                y = rng.random()
                flat = (
                    f"{b}号楼{unit}{room}室"
                    if y < 0.6
                    else f"{b}号楼{unit}{room}"
                    if y < 0.85
                    else f"{b}栋{unit}{room}室"
                )
        text = prefix + place + flat
        if rng.random() < r.addr_fullwidth:
            text = text.translate(_FULLWIDTH)
        if rng.random() < r.addr_traditional:
            text = text.translate(_TRAD)
        return text

    # ------------------------------------------------------------ organisations
    def org_name(self, o: Organisation) -> str:
        rng, r = self.rng, self.r
        if o.public:
            x = rng.random()
            if x < r.org_short:
                text = o.trade.removeprefix("北京市朝阳区人民政府").removeprefix("北京市朝阳区")
            elif x < r.org_short + r.org_variant / 2:
                text = o.trade.removeprefix("北京市")
            else:
                text = o.trade
        else:
            form = o.legal_form
            if rng.random() < r.org_variant:
                form = {"有限公司": "有限责任公司", "有限责任公司": "有限公司"}.get(form, form)
            x = rng.random()
            core = o.trade + o.industry
            if x < r.org_short:
                text = core + o.branch
            elif x < r.org_short + r.org_variant / 2:
                left, right = ("（", "）") if rng.random() < 0.6 else ("(", ")")
                text = f"{core}{left}{o.region}{right}{form}{o.branch}"
            else:
                text = f"{o.region}{core}{form}{o.branch}"
        if r.org_traditional and rng.random() < r.org_traditional:
            text = text.translate(_TRAD)
        return text

    def credit_code(self, code: str) -> str:
        rng, r = self.rng, self.r
        x = rng.random()
        if x < r.org_code_missing:
            return ""
        if x < r.org_code_missing + r.org_code_typo:
            i = rng.randrange(len(code))
            return code[:i] + rng.choice([c for c in _CODE_CHARS if c != code[i]]) + code[i + 1 :]
        return code

    # ------------------------------------------------------------------- phones
    def phone(self, p: Person) -> str:
        """The person's mobile (or landline) in one of the usual spellings."""
        rng, r = self.rng, self.r
        number = p.mobile
        if p.landline and (not number or rng.random() < r.phone_landline):
            if number and rng.random() < 0.3:
                return f"{number}/{p.landline}"
            number = p.landline
            if rng.random() < r.phone_format:
                return rng.choice(
                    (number.replace("-", ""), number[4:], f"({number[:3]}){number[4:]}")
                )
            return number
        if not number or rng.random() >= r.phone_format:
            return number
        return rng.choice(
            (
                "+86" + number,
                "+86 " + number,
                "0086" + number,
                f"{number[:3]} {number[3:7]} {number[7:]}",
                f"{number[:3]}-{number[3:7]}-{number[7:]}",
            )
        )

"""Person comparisons: each says how two mentions agree on one attribute, as a level.

Why levels and not a single similarity: Fellegi–Sunter learns, per level, how
often true matches and non-matches land there (m and u). A homophone name
(丽/莉) is common among true matches because clerks mishear names; a merely
"similar" name is not. Keeping them as separate levels lets the data say so.

Each comparison is a tiny function from two ``PersonFeatures`` to a level index;
``COMPARISONS`` lists them with their level names. Level 0 is always the
strongest agreement; the last level is always "missing" (weight 0 by definition).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import JaroWinkler

from loaders.normalise.orgs import normalise_credit_code
from resolvers.mentions import PersonMention


@dataclass(frozen=True, slots=True)
class PersonFeatures:
    """The comparison-ready view of a mention: plain strings and tuples, precomputed once."""

    name: str | None
    pinyin: str | None
    surname_pinyin: str | None
    former: tuple[str, ...]
    former_pinyin: tuple[str, ...]
    id_value: str | None
    id_kind: str | None
    id_valid: bool
    id_consistent: bool
    """False when the ID's encoded birth date or sex contradicts what the same row states:
    the row probably carries a relative's or a mistyped number (evidence, not identity)."""
    id_foreign: bool
    """The ID's birth date is not the row's stated one nor a slip of it (not the same
    date, not one digit off, not day and month swapped) and is ``FOREIGN_MIN_YEARS`` or
    more years away: the row carries someone else's number, typically a parent's on a
    child's row. Sharing it says nothing either way. Why the years: a slip of the month
    (1986-10-10 for 1986-09-10) changes two digits but is still the bearer's own date."""
    birth: str | None
    birth_precision: str | None
    id_birth: str | None
    sex: str | None
    phones: tuple[str, ...]
    dwellings: tuple[str, ...]
    employer: str | None
    context: bool = False
    """The reference's dwelling or employer comes from the row that names it (a spouse, an
    owner, a tenant, a legal representative), not from the person's own row."""
    id_own: bool = True
    """The ID can be the row's own: its sex digit does not contradict the row's sex, and its
    birth date is the row's, a slip of it, or within ``OWN_MAX_DAYS`` (the elderly give their
    lunar-calendar birthday, a month or so off). Looser than ``id_consistent``, which sets a
    comparison level; this decides whether the ID may keep two people apart (``is_identity``)."""
    adult_role: bool = False
    """The reference names someone in a role only an adult holds (a spouse, a tenant, a legal
    representative), and states no birth date of its own (``ADULT_ROLES``)."""
    id_excel: int | None = None
    """An ID that Excel stored as a number (``6.10113195409307E+17``): the 18-digit number it
    approximates, to within ``EXCEL_UNIT``. None for every other ID."""


#: Birth years this far apart make an ID someone else's (see ``PersonFeatures.id_foreign``).
FOREIGN_MIN_YEARS = 2
#: A stated birth date this close to the ID's still lets the ID be the row's own (a lunar-calendar
#: birthday is up to about seven weeks off the solar one); siblings other than twins are
#: born further apart, and a twin's number on the row shows in the sex digit or not at all.
OWN_MAX_DAYS = 62

#: Roles only an adult holds: one marries, rents a flat or represents a company at 16 at
#: the earliest. (Not an owner: a child may own a flat.)
ADULT_ROLES = frozenset({"spouse", "tenant", "legal_rep"})
ADULT_MIN_AGE = 16


def minor_since(today: date | None = None) -> str:
    """Birth dates after this one (ISO) are of people under ``ADULT_MIN_AGE`` today.

    Why today and not the extract's date: the extract is no newer than today, so whoever
    is a minor today was one when the extract was written; the rule can only err towards
    allowing a merge."""
    today = today or date.today()
    try:
        return today.replace(year=today.year - ADULT_MIN_AGE).isoformat()
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_MIN_AGE, day=28).isoformat()


def is_minor(f: PersonFeatures, since: str) -> bool:
    """The mention's birth date (stated or from its ID) is after ``since`` (``minor_since``)."""
    return f.birth is not None and f.birth[: len(since)] > since[: len(f.birth)]


# --- Excel-damaged ID numbers ----------------------------------------------------------
#
# An 18-digit ID typed into a spreadsheet as a number keeps 15 significant digits (a
# double holds 15 to 16): ``610113195409307686`` reads back as ``6.10113195409307E+17``,
# or as ``610113195409307000`` from a program that wrote the rounded number out whole.
# The lost tail is the last sequence digits, the sex digit and the check character; the
# region and the birth date survive. The 15th digit is rounded (…307686 → …308), so such a
# number agrees with an ID when the two are less than one unit of that digit apart.

EXCEL_UNIT = 1000
"""One unit of the 15th significant digit of an 18-digit number."""
_EXCEL_SCI = re.compile(r"(\d)(?:\.(\d+))?E\+?(\d+)")
#: Fewer significant digits than this is a display cut short (``6.10113E+17``), not a
#: stored number with its trailing zeros dropped: too little to compare.
_EXCEL_MIN_DIGITS = 10


def excel_value(value: str, valid: bool) -> int | None:
    """The 18-digit number an Excel-damaged ID approximates (see above), or None."""
    sci = _EXCEL_SCI.fullmatch(value.upper())
    if sci is not None:
        digits = sci.group(1) + (sci.group(2) or "")
        if int(sci.group(3)) != 17 or not _EXCEL_MIN_DIGITS <= len(digits) <= 18:
            return None
        return int(digits.ljust(18, "0"))
    if not valid and len(value) == 18 and value.isdigit() and value.endswith("000"):
        return int(value)  # the rounded number written out whole; its check fails
    return None


def id_number(value: str | None) -> int | None:
    """An 18-character ID as a number (check character X as 10), or None."""
    if value is None or len(value) != 18 or not value[:17].isdigit():
        return None
    last = value[17]
    if last == "X":
        return int(value[:17]) * 10 + 10
    return int(value) if last.isdigit() else None


def _excel_birth(approx: int) -> str | None:
    """The birth date kept in an Excel-damaged ID, unless rounding may have changed it.

    A rounded-up 15th digit that carried (…0919|96… → …0920|0) leaves a 0 there: the date
    just before it is then uncertain, and none is given."""
    digits = f"{approx:018d}"
    if digits[14] == "0":
        return None
    try:
        born = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return None
    if born < date(1900, 1, 1) or born > date.today():
        return None
    return born.isoformat()


def _own_birth(id_birth: str, stated: str) -> bool:
    """The row's stated birth date fits the ID's as the bearer's own (see ``id_own``)."""
    if date_level(id_birth, stated) < BIRTH_DIFFERENT:
        return True
    if len(stated) == 10:
        try:
            days = (date.fromisoformat(id_birth) - date.fromisoformat(stated)).days
        except ValueError:
            return False
        return abs(days) <= OWN_MAX_DAYS
    if len(stated) == 7:  # year and month only: within two months
        months = int(id_birth[:4]) * 12 + int(id_birth[5:7])
        return abs(months - int(stated[:4]) * 12 - int(stated[5:7])) <= OWN_MAX_DAYS // 31
    return False


def features_of(m: PersonMention, dwelling_label: Callable[[str], str]) -> PersonFeatures:
    """Precompute a mention's features; ``dwelling_label`` maps an address key to its dwelling."""
    name = m.name
    birth_iso: str | None = None
    precision: str | None = None
    if m.birth is not None and m.birth.valid and m.birth.iso:
        birth_iso, precision = m.birth.iso, m.birth.precision
    id_birth = m.id.birth_date if m.id is not None else None
    id_excel = excel_value(m.id.value, m.id.valid) if m.id is not None and m.id.value else None
    if id_excel is not None and id_birth is None:
        id_birth = _excel_birth(id_excel)
    id_consistent = True
    if m.id is not None and id_birth and birth_iso and not id_birth.startswith(birth_iso):
        id_consistent = False
    if m.id is not None and m.id.sex and m.sex and m.id.sex != m.sex:
        id_consistent = False
    id_foreign = bool(
        id_birth
        and birth_iso
        and date_level(id_birth, birth_iso) == BIRTH_DIFFERENT
        and abs(int(id_birth[:4]) - int(birth_iso[:4])) >= FOREIGN_MIN_YEARS
    )
    id_own = not (m.id is not None and m.id.sex and m.sex and m.id.sex != m.sex) and not (
        id_birth and birth_iso and not _own_birth(id_birth, birth_iso)
    )
    if birth_iso is None and id_birth:
        birth_iso, precision = id_birth, "day"
    id_valid = bool(m.id is not None and m.id.valid)
    id_kind = m.id.kind if m.id is not None else None
    if m.id is not None and m.id.value and is_credit_code(m.id.value, m.id.valid, id_birth):
        id_valid, id_kind = True, "credit"
    return PersonFeatures(
        name=name.full if name else None,
        pinyin=name.pinyin.replace(" ", "") if name and name.pinyin else None,
        surname_pinyin=_surname_pinyin(name.surname, name.pinyin) if name else None,
        former=tuple(f.full for f in m.former_names if f.full),
        former_pinyin=tuple(f.pinyin.replace(" ", "") for f in m.former_names if f.pinyin),
        id_value=m.id.value if m.id is not None and m.id.value else None,
        id_kind=id_kind,
        id_valid=id_valid,
        id_consistent=id_consistent,
        id_foreign=id_foreign,
        birth=birth_iso,
        birth_precision=precision,
        id_birth=id_birth,
        sex=m.best_sex,
        phones=m.phones,
        dwellings=dwelling_labels(m, dwelling_label),
        employer=m.employer,
        context=m.context,
        adult_role=m.context and m.key[2] in ADULT_ROLES and birth_iso is None,
        id_own=id_own,
        id_excel=id_excel,
    )


def dwelling_labels(m: PersonMention, dwelling_label: Callable[[str], str]) -> tuple[str, ...]:
    """The dwellings of a mention as ``PersonFeatures.dwellings`` holds them."""
    return tuple(sorted({dwelling_label(k) for k in m.dwellings}))


def is_credit_code(value: str, valid_id: bool, id_birth: str | None) -> bool:
    """The number of an owner, tenant or representative that is an organisation.

    A company owning a flat is written in the person columns (产权人姓名 = its name,
    产权人证件号码 = its unified social credit code). Such a number is as good an
    identifier as a valid ID, but as a citizen ID it is merely invalid, and two rows of
    the company would be joined by little more than the name. Only a number that is
    not a citizen ID (it fails the ID check and decodes no birth date) and passes the
    GB 32100 check is taken: a mistyped citizen ID keeps its birth date and stays one.
    """
    if valid_id or id_birth is not None:
        return False
    code = normalise_credit_code(value)
    return code is not None and code.valid


def _surname_pinyin(surname: str, pinyin: str) -> str | None:
    if not pinyin:
        return None
    syllables = pinyin.split(" ")
    n = len(surname) if surname else 0
    return "".join(syllables[:n]) if n else None


# --- identity number -------------------------------------------------------------------

ID_LEVELS = (
    "exact",
    "legacy",
    "same-invalid",
    "one-edit",
    "excel-prefix",
    "different-suspect",
    "different",
    "same-foreign",
    "missing",
)
# "same-foreign" is one of fellegi_sunter.NEUTRAL_LEVELS: weight 0 by definition.


def one_edit(a: str, b: str) -> bool:
    """One substituted character, or two adjacent characters swapped (the usual typing slips)."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def excel_agrees(a: PersonFeatures, b: PersonFeatures) -> bool:
    """One ID (or both) damaged by Excel, and the two agree as far as the damaged one goes."""
    if a.id_excel is None and b.id_excel is None:
        return False
    x = a.id_excel if a.id_excel is not None else id_number(a.id_value)
    y = b.id_excel if b.id_excel is not None else id_number(b.id_value)
    if x is None or y is None:
        return False
    # each of two damaged copies may be a unit off (one rounded, one cut)
    both = a.id_excel is not None and b.id_excel is not None
    return abs(x - y) <= EXCEL_UNIT if both else abs(x - y) < EXCEL_UNIT


def compare_id(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.id_value or not b.id_value:
        return 8
    if a.id_value == b.id_value:
        if a.id_foreign or b.id_foreign:
            return 7
        if a.id_valid and b.id_valid:
            return 1 if (a.id_kind == "id15") != (b.id_kind == "id15") else 0
        return 2
    if excel_agrees(a, b):
        return 7 if a.id_foreign or b.id_foreign else 4
    if one_edit(a.id_value, b.id_value):
        return 3
    if not (a.id_consistent and b.id_consistent):
        return 5
    return 6


def ids_conflict(a: PersonFeatures, b: PersonFeatures) -> bool:
    """The hard rule: two different valid IDs are two people, whatever else agrees.

    Both must be identities (``is_identity``). Two 18-digit IDs that pass their check
    differ by more than a typo: a mistyped digit or an adjacent swap always breaks the
    check. A legacy 15-digit ID has no check character, so a typo in it goes unnoticed
    and survives its upgrade to 18 digits: when one of the two was written in 15 digits,
    IDs one typo apart are not a conflict (two typos apart when both were).
    """
    x, y = identity_token(a), identity_token(b)
    return x is not None and y is not None and identities_conflict(x, y)


_UNCHECKED = "~"


def identity_token(f: PersonFeatures) -> str | None:
    """The ID an identity carries for the clustering's conflict check (``identities_conflict``):
    the 18-digit value, marked when it was written without a check character."""
    if not is_identity(f) or f.id_value is None:
        return None
    return f.id_value if f.id_kind == "id18" else _UNCHECKED + f.id_value


def identities_conflict(x: str, y: str) -> bool:
    """Two identity tokens are two people (see ``ids_conflict``)."""
    slack = x.startswith(_UNCHECKED) + y.startswith(_UNCHECKED)
    x, y = x.removeprefix(_UNCHECKED), y.removeprefix(_UNCHECKED)
    if x == y:
        return False
    if not slack:
        return True
    x17, y17 = x[:17], y[:17]
    if x17 == y17 or one_edit(x17, y17):
        return False
    return not (slack == 2 and sum(p != q for p, q in zip(x17, y17, strict=True)) <= 2)


IDS_RULE = "two different valid 18-digit IDs never merge"
NAME_BIRTH_RULE = "names that share nothing and birth years apart are two people"
NAME_SEX_RULE = "names that share nothing and different sexes are two people"
ADULT_ROLE_RULE = "a spouse, tenant or legal representative is not a child"


def names_and_births_conflict(a: PersonFeatures, b: PersonFeatures) -> bool:
    """The second hard rule: names that share nothing and birth dates years apart.

    Why a rule and not the model's weights: family members share a phone and a flat,
    and a parent's row and a child's row without usable IDs then look like one
    person to a model that counts those agreements as independent evidence (EM learns
    from such household pairs that a different name is common among matches). The
    errors registers make are homophones, traditional characters, former names and
    date slips; a name that is none of these (NAME_LEVELS "different") together with
    a birth date that is not a slip and ``FOREIGN_MIN_YEARS`` or more years away is
    no clerk's error but another person.
    """
    return (
        bool(a.birth and b.birth)
        and compare_name(a, b) == NAME_DIFFERENT
        and compare_birth(a, b) == BIRTH_DIFFERENT
        and abs(int(str(a.birth)[:4]) - int(str(b.birth)[:4])) >= FOREIGN_MIN_YEARS
    )


def names_and_sexes_conflict(a: PersonFeatures, b: PersonFeatures) -> bool:
    """The third hard rule: names that share nothing and sexes that differ.

    Why: twins of different sex share a birth date, a flat, a phone and a household,
    which a model counting those as independent evidence takes for one person when a
    row lacks its ID. A clerk may slip on a name (homophone, script, former name) or,
    rarely, on the sex, but not on both at once into a wholly different name.
    """
    return compare_sex(a, b) == SEX_DIFFERENT and compare_name(a, b) == NAME_DIFFERENT


def adult_role_and_minor(a: PersonFeatures, b: PersonFeatures, since: str) -> bool:
    """The fourth hard rule: a spouse, tenant or legal representative known only by what
    the naming row says is not a child (``is_minor``). Why: such a reference gives a
    name and an address, so a namesake child elsewhere in the district can look like
    the only candidate; a child cannot be married, rent a flat or represent a company."""
    return (a.adult_role and is_minor(b, since)) or (b.adult_role and is_minor(a, since))


def hard_rule(a: PersonFeatures, b: PersonFeatures, since: str | None = None) -> str | None:
    """The hard rule that keeps two references apart whatever their score, or None.
    ``since``: the birth date after which a person is a minor (default ``minor_since()``)."""
    if ids_conflict(a, b):
        return IDS_RULE
    if names_and_births_conflict(a, b):
        return NAME_BIRTH_RULE
    if names_and_sexes_conflict(a, b):
        return NAME_SEX_RULE
    if adult_role_and_minor(a, b, since or minor_since()):
        return ADULT_ROLE_RULE
    return None


def is_identity(f: PersonFeatures) -> bool:
    """A valid citizen ID (18 digits, or a legacy 15 upgraded) that can be its row's own
    (``id_own``): strong enough to keep people apart."""
    return f.id_valid and f.id_kind in ("id18", "id15") and f.id_own


# --- name ------------------------------------------------------------------------------

NAME_LEVELS = ("exact", "homophone", "former-name", "close", "different", "missing")
NAME_DIFFERENT = NAME_LEVELS.index("different")


def compare_name(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.name or not b.name:
        return 5
    if a.name == b.name:
        return 0
    if a.pinyin and a.pinyin == b.pinyin:
        return 1
    if a.name in b.former or b.name in a.former or set(a.former) & set(b.former):
        return 2
    if a.pinyin and (a.pinyin in b.former_pinyin or b.pinyin in a.former_pinyin):
        return 2
    if a.pinyin and b.pinyin and JaroWinkler.similarity(a.pinyin, b.pinyin) >= 0.9:
        # Same surname and a near-identical reading: a slip, not a different person, usually.
        if a.surname_pinyin == b.surname_pinyin:
            return 3
    return 4


# --- birth date ------------------------------------------------------------------------

BIRTH_LEVELS = ("exact", "compatible", "near", "different", "missing")
BIRTH_DIFFERENT = BIRTH_LEVELS.index("different")


def _near_dates(x: str, y: str) -> bool:
    """Off by one day, month and day swapped, or one digit mistyped (same length ISO dates)."""
    if len(x) != len(y):
        return False
    if len(x) == 10:
        xm, xd, ym, yd = x[5:7], x[8:10], y[5:7], y[8:10]
        if x[:4] == y[:4] and xm == yd and xd == ym:
            return True
        if x[:7] == y[:7] and abs(int(xd) - int(yd)) == 1:
            return True
    digits_x, digits_y = x.replace("-", ""), y.replace("-", "")
    return sum(1 for p, q in zip(digits_x, digits_y, strict=True) if p != q) == 1


def compare_birth(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.birth or not b.birth:
        return 4
    return date_level(a.birth, b.birth)


def date_level(x: str, y: str) -> int:
    """BIRTH_LEVELS index of two ISO dates of any precision (neither missing)."""
    if x == y:
        return 0 if len(x) == 10 else 1
    if len(x) != len(y):
        shorter, longer = (x, y) if len(x) < len(y) else (y, x)
        return (
            1
            if longer.startswith(shorter)
            else (2 if _near_dates(shorter, longer[: len(shorter)]) else 3)
        )
    return 2 if _near_dates(x, y) else 3


# --- the rest --------------------------------------------------------------------------

SEX_LEVELS = ("same", "different", "missing")
SEX_DIFFERENT = SEX_LEVELS.index("different")
SHARED_LEVELS = ("shared", "different", "missing")
CONTEXT_LEVELS = ("shared", "different-context", "different", "missing")
"""For evidence that a context reference only inherits (an owner need not live in the flat
they own): a disagreement there is its own level, whose weight EM learns separately."""


def compare_sex(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.sex or not b.sex:
        return 2
    return 0 if a.sex == b.sex else 1


def _shared(x: tuple[str, ...], y: tuple[str, ...]) -> int:
    if not x or not y:
        return 2
    return 0 if set(x) & set(y) else 1


def compare_phone(a: PersonFeatures, b: PersonFeatures) -> int:
    return _shared(a.phones, b.phones)


def _with_context(level: int, a: PersonFeatures, b: PersonFeatures) -> int:
    """Map a shared/different/missing level onto CONTEXT_LEVELS."""
    if level == 0:
        return 0
    if level == 2:
        return 3
    return 1 if (a.context or b.context) else 2


def compare_dwelling(a: PersonFeatures, b: PersonFeatures) -> int:
    return _with_context(_shared(a.dwellings, b.dwellings), a, b)


def compare_employer(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.employer or not b.employer:
        level = 2
    else:
        level = 0 if a.employer == b.employer else 1
    return _with_context(level, a, b)


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[str, ...]
    fn: Callable[[PersonFeatures, PersonFeatures], int]
    tf: str | None = None
    """Which value's frequency adjusts the first level (term-frequency adjustment)."""


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("id", ID_LEVELS, compare_id),
    Comparison("name", NAME_LEVELS, compare_name, tf="name"),
    Comparison("birth_date", BIRTH_LEVELS, compare_birth),
    Comparison("sex", SEX_LEVELS, compare_sex),
    Comparison("phone", SHARED_LEVELS, compare_phone, tf="phone"),
    Comparison("dwelling", CONTEXT_LEVELS, compare_dwelling, tf="dwelling"),
    Comparison("employer", CONTEXT_LEVELS, compare_employer, tf="employer"),
)


def compare(a: PersonFeatures, b: PersonFeatures) -> tuple[int, ...]:
    """The comparison vector of a pair: one level index per comparison."""
    return tuple(c.fn(a, b) for c in COMPARISONS)


def shared_values(comparison: str, a: PersonFeatures, b: PersonFeatures) -> list[str]:
    """The agreeing values a term-frequency adjustment may look up (the rarest one counts)."""
    if comparison == "name":
        return [a.name] if a.name and a.name == b.name else []
    if comparison == "phone":
        return sorted(set(a.phones) & set(b.phones))
    if comparison == "dwelling":
        return sorted(set(a.dwellings) & set(b.dwellings))
    if comparison == "employer":
        return [a.employer] if a.employer and a.employer == b.employer else []
    return []

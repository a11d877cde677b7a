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

from collections.abc import Callable
from dataclasses import dataclass

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


#: Birth years this far apart make an ID someone else's (see ``PersonFeatures.id_foreign``).
FOREIGN_MIN_YEARS = 2


def features_of(m: PersonMention, dwelling_label: Callable[[str], str]) -> PersonFeatures:
    """Precompute a mention's features; ``dwelling_label`` maps an address key to its dwelling."""
    name = m.name
    birth_iso: str | None = None
    precision: str | None = None
    if m.birth is not None and m.birth.valid and m.birth.iso:
        birth_iso, precision = m.birth.iso, m.birth.precision
    id_birth = m.id.birth_date if m.id is not None else None
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
        dwellings=tuple(sorted({dwelling_label(k) for k in m.dwellings})),
        employer=m.employer,
        context=m.context,
    )


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


def compare_id(a: PersonFeatures, b: PersonFeatures) -> int:
    if not a.id_value or not b.id_value:
        return 7
    if a.id_value == b.id_value:
        if a.id_foreign or b.id_foreign:
            return 6
        if a.id_valid and b.id_valid:
            return 1 if (a.id_kind == "id15") != (b.id_kind == "id15") else 0
        return 2
    if one_edit(a.id_value, b.id_value):
        return 3
    if not (a.id_consistent and b.id_consistent):
        return 4
    return 5


def ids_conflict(a: PersonFeatures, b: PersonFeatures) -> bool:
    """The hard rule: two different valid 18-digit IDs are two people, whatever else agrees."""
    return is_identity(a) and is_identity(b) and a.id_value != b.id_value


IDS_RULE = "two different valid 18-digit IDs never merge"
NAME_BIRTH_RULE = "names that share nothing and birth years apart are two people"


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


def hard_rule(a: PersonFeatures, b: PersonFeatures) -> str | None:
    """The hard rule that keeps two references apart whatever their score, or None."""
    if ids_conflict(a, b):
        return IDS_RULE
    if names_and_births_conflict(a, b):
        return NAME_BIRTH_RULE
    return None


def is_identity(f: PersonFeatures) -> bool:
    """A valid 18-digit ID that agrees with its own row: strong enough to keep people apart."""
    return f.id_valid and f.id_kind == "id18" and f.id_consistent


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

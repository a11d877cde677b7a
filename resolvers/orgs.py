"""Organisations: register rows and employer fields → one entity per organisation.

Why rules: a valid unified social credit code *is* the organisation's identity,
and where it is missing (every employer field) the normalised name decides —
but only the trade name (``core``) plus what qualifies it (region, legal form,
branch; for a public body also district and town), never string similarity alone:
华信科技 and 华兴科技 are two companies.

Rules (weights are log2 Bayes factors, fixed, for explanations; prior -10,
so a rule merge scores p ≥ 0.98 and an ambiguous attachment p = 0.5):

1. **Same valid credit code** (+30): one organisation, whatever the names say.
   **Two different valid codes** never share an organisation (a guard on the
   union-find, so no chain of name matches can join them either); a name that
   fits both is listed as ``non-match`` between them.
2. **Code typo** (+16): an invalid 18-character code one substituted character
   away from exactly one valid code whose organisation has the same core and
   branch is read as that code.
3. **Name**, compared within a block of the same ``core`` and ``branch`` (a
   branch, 华信科技有限公司朝阳分公司, never joins its parent 华信科技有限公司):
   ``full`` equal (+18), or ``core`` equal with a compatible region and legal
   form — equal, or one side does not state it, or one the vague spelling of the
   other (公司 for 有限公司 or 股份公司, 集团 for 集团有限公司; +16; a bare short name
   such as the employer field ``华信科技`` gets +14). Names are taken most-specific first
   (code, then region and legal form stated, then most mentions); each joins the
   one compatible organisation. When several fit (``华信科技`` while both
   北京华信科技有限公司 and 上海华信科技有限公司 exist, or two codes share a
   name), it joins the one with the most mentions and the pair is ``review``
   (+10).
   **Public bodies** (the normaliser parses their administrative chain: region,
   ``district``, ``town`` and a canonical kind word, so 上海市浦东新区人民政府塘桥
   街道办事处, 浦东新区塘桥街道办事处 and 塘桥街道办 share the core 塘桥街道办事处)
   are compared the same way, with district and town as two more qualifiers
   (``same public body``, +16): equal or not stated, and a district matches its
   short form (浦东 / 浦东新区) but never another district (朝阳区 / 朝阳县), so
   two bodies that both state different districts never merge. Unlike a company,
   a public body that fits several organisations (塘桥街道办 while the 塘桥街道 of
   two districts exist) joins only the one written with the same stated chain;
   otherwise it stays apart and a ``review`` pair (``ambiguous public body``) is
   listed for each candidate (at most ``MAX_PUBLIC_REVIEWS``).
4. **Administrative prefix** (+12): a body named by its district is often written
   without it: 公利医院 for 浦东新区公利医院 (core 浦东公利医院), 民政局 for
   朝阳区民政局, 小关中学 for 朝阳区小关中学. A block whose core equals another
   block's core minus the district the normaliser read (its short form leads the
   core), or minus a leading ``XX区`` / ``XX县`` (optionally followed by
   人民政府) for other names, joins it when exactly one such block exists; with two
   (朝阳区民政局, 海淀区民政局 for a bare 民政局) it joins neither. A name that
   states its city but no district (上海市第一中学) names a city's body and is
   not taken as a district's written short. A parent written in front is a prefix
   too: 中国 of a national company (电信四川分公司 for 中国电信…四川分公司) and the
   university of a hospital with a name of its own (华西医院 for 四川大学华西医院),
   never leaving a bare kind word (中国银行 is not 银行). A short form registered with a code
   (the register lists 景嘉实验小学) is joined by the district's forms only when
   those are known by name only (no code in their block).
5. **Short trade name** (+12): an employer written by its trade name alone
   (力顺公司, 力顺) joins the one organisation whose trade name starts with it and
   goes on for at least ``SHORT_MIN_REST`` characters (武汉力顺建筑工程有限公司:
   core 力顺建筑工程). A short name that states a legal form only counts candidates
   with a form it fits (华信集团: the group, not 华信科技有限公司), and one that states
   its region only with a company's legal form (陕西华信集团, not 西安市人民政府) and
   a candidate in no other region. With two candidates (力顺建筑工程 and 力顺物流, or
   力顺达) it joins neither; a short name registered with a legal form and a code of its own
   is its own organisation. A register row that lists the bare trade name with a
   code (安泰, or 峨 泰) is joined the other way round by the one longer trade name
   (上海安泰电子有限公司) when that is known by name only (no code in its block).
   Public bodies are not trade names: never a source or a target of this rule.
6. **Similar trade names** (``fuzz.ratio`` ≥ ``REVIEW_RATIO`` on cores one edit
   apart, at least ``MIN_FUZZY_LEN`` characters) where one side is known by name
   only (no valid code: perhaps a misspelt employer): ``review`` pairs only, never
   a merge; at most ``MAX_FUZZY_PER_CORE`` per core and ``MAX_FUZZY_REVIEWS``.

Exact groups — the same (code, full name) — store no pairs, nor does a join by
the same normalised name (core, region, legal form, branch, district and town all
equal, so only the spelling differs: 北京华信科技有限责任公司 / 华信科技（北京）有限公司):
``exact_contribution`` explains any two such mentions.
A mention with neither a name nor a code (or a placeholder name such as 退休) is
an organisation of its own. Curation:
must-links first; cannot-links are guards (``GuardedUnionFind``), so nothing
chains across them. The exact rule is the strongest: a cannot-link between two
mentions keeps the *exact groups* they belong to apart, so the other members of
``x``'s group follow ``x``.
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from loaders.normalise.orgs import (
    PUBLIC_KINDS,
    NormCode,
    NormOrgName,
    same_division,
    short_division,
)
from resolvers.mentions import MentionKey, OrgMention
from resolvers.result import Contribution, Curation, Decision, ScoredPair, SpaceResult
from resolvers.rule_pairs import apply_curation, rule_pair
from resolvers.union_find import GuardedUnionFind

logger = logging.getLogger(__name__)

PRIOR = -10.0
W_CODE = {"same valid": 30.0, "one substitution": 16.0, "different valid": -30.0}
W_NAME = {
    "same full": 18.0,
    "same core": 16.0,
    "same public body": 16.0,
    "short name": 14.0,
    "part of trade name": 12.0,
    "administrative prefix": 12.0,
    "ambiguous core": 10.0,
    "ambiguous public body": 10.0,
}
SHORT_MIN_CORE = 2
SHORT_MIN_REST = 2
REVIEW_RATIO = 75.0
MIN_FUZZY_LEN = 3
MAX_FUZZY_REVIEWS = 50_000
MAX_FUZZY_PER_CORE = 3
MAX_CONFLICT_PAIRS = 10_000
MAX_PUBLIC_REVIEWS = 3
_NAME_CODE = attrgetter("name", "code")


@dataclass(slots=True)
class _Unit:
    """One distinct (valid code, invalid code, full name): the unit of decisions."""

    first: int
    count: int
    name: NormOrgName | None
    valid: str | None
    invalid: str | None
    code: str | None = None  # effective code: valid, or read through a typo

    def sort_key(self) -> tuple[str, str, str]:
        return (self.valid or "", self.invalid or "", self.name.full if self.name else "")

    def specificity(self) -> int:
        n = self.name
        return (
            4 * (self.code is not None)
            + (n is not None and n.region is not None)
            + (n is not None and n.legal_form is not None)
            + (n is not None and n.district is not None)
            + (n is not None and n.town is not None)
        )


def exact_contribution(mention: OrgMention) -> Contribution:
    """Why two mentions with the same code and full name are one organisation."""
    code = mention.code.value if mention.code is not None and mention.code.valid else ""
    name = mention.name.full if mention.name is not None else ""
    return Contribution("exact", "same code and name", W_NAME["same full"], f"{code} {name}")


def _pair(
    a: MentionKey, b: MentionKey, contributions: tuple[Contribution, ...], decision: Decision
) -> ScoredPair:
    return rule_pair(PRIOR, a, b, contributions, decision)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _one_edit_neighbours(queries: Iterable[str], words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(query, word) pairs at Levenshtein distance 1, via a deletion-neighbourhood index.

    Why not ``process.cdist`` over all cores: 50k distinct cores would be 2.5G
    comparisons; two words one edit apart always share a one-deletion variant (or
    one is a deletion of the other), so candidates come from a dict in O(n·len),
    and only the (few) queries are looked up.
    """
    index: dict[str, list[str]] = defaultdict(list)
    for w in sorted(set(words)):
        for v in _deletions(w):
            index[v].append(w)
    for q in sorted(set(queries)):
        found = {w for v in _deletions(q) for w in index.get(v, ())}
        for w in sorted(found):
            if w != q and Levenshtein.distance(q, w, score_cutoff=1) == 1:
                yield q, w


def _unit_key(name: NormOrgName | None, code: NormCode | None) -> tuple[str, bool, str]:
    return (
        code.value if code is not None else "",
        code is not None and code.valid,
        name.full if name is not None and not name.placeholder else "",
    )


def _collapse(mentions: Sequence[OrgMention]) -> tuple[list[int], list[_Unit]]:
    """Mentions → units (distinct code + full name), in order of first appearance.

    A comprehension over ``map`` rather than a loop: 0.5M–1M mentions.
    """
    index: dict[tuple[str, bool, str], int] = {}
    add = index.setdefault
    unit_of = [add(_unit_key(n, c), len(index)) for n, c in map(_NAME_CODE, mentions)]
    counts = Counter(unit_of)
    firsts: dict[int, int] = {}
    for i, u in enumerate(unit_of):
        firsts.setdefault(u, i)
    units: list[_Unit] = []
    for (value, valid, full), u in index.items():
        first = firsts[u]
        m = mentions[first]
        units.append(
            _Unit(
                first,
                counts[u],
                m.name if full else None,
                value if valid and value else None,
                value if value and not valid else None,
                value if valid and value else None,
            )
        )
    # A mention with neither a name nor a code is an organisation of its own.
    nothing = index.get(("", False, ""))
    if nothing is not None:
        for i in [i for i, u in enumerate(unit_of) if u == nothing][1:]:
            unit_of[i] = len(units)
            units.append(_Unit(i, 1, None, None, None))
        units[nothing].count = 1
    return unit_of, units


def _read_typos(units: list[_Unit]) -> int:
    """Rule 2: give an invalid code the one valid code a substitution away (same core).

    Only the valid codes of organisations with the same core and branch are
    candidates, so this is a Hamming-distance check against a handful of codes.
    """
    codes_of: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    suspects = [u for u in units if u.invalid and u.name and len(u.invalid) == 18]
    if not suspects:
        return 0
    for u in units:
        if u.valid and u.name:
            codes_of[(u.name.core, u.name.branch)].add(u.valid)
    read = 0
    for u in suspects:
        assert u.name is not None and u.invalid is not None
        w = u.invalid
        found = [
            c
            for c in codes_of.get((u.name.core, u.name.branch), ())
            if len(c) == 18 and sum(x != y for x, y in zip(c, w, strict=True)) == 1
        ]
        if len(found) == 1:
            u.code = found[0]
            read += 1
    return read


def _qualifiers(n: NormOrgName | None) -> tuple[str | None, ...]:
    """What a name states besides its core: region, legal form, branch, district, town."""
    if n is None:
        return ()
    return (n.region, n.legal_form, n.branch, n.district, n.town)


def _same_name(x: _Unit, y: _Unit) -> bool:
    """The same normalised name (core, region, legal form, branch, district, town:
    北京华信科技有限公司 = 华信科技(北京)有限公司) and no code read through a typo:
    decided by name alone."""
    a, b = x.name, y.name
    return (
        a is not None
        and b is not None
        and a.core == b.core
        and _qualifiers(a) == _qualifiers(b)
        and x.invalid is None
        and y.invalid is None
    )


def _is_public(n: NormOrgName | None) -> bool:
    """A public body parsed with its administrative chain (see loaders.normalise.orgs)."""
    return n is not None and (
        n.legal_form in PUBLIC_KINDS or n.district is not None or n.town is not None
    )


def _compatible(a: NormOrgName | None, b: NormOrgName | None) -> bool:
    """Each qualifier equal or not stated on one side; a district also matches its
    short form (浦东 / 浦东新区), never another district (朝阳区 / 朝阳县); a legal form
    also matches a form it only says less of (公司 / 有限公司)."""
    if a is None or b is None:
        return True
    return (
        _agree(a.region, b.region)
        and _same_form(a.legal_form, b.legal_form)
        and same_division(a.district, b.district)
        and _agree(a.town, b.town)
    )


# Legal forms that say less than a longer one: a clerk writes 华信科技公司 for
# 华信科技有限公司 (or 股份公司), 华信集团 for 华信集团有限公司, 合伙企业 for
# 合伙企业(有限合伙). 有限公司 and 股份公司 still differ, and 公司 is not 集团.
_VAGUE_FORMS = frozenset({"公司", "集团", "合伙企业"})


def _same_form(x: str | None, y: str | None) -> bool:
    """Equal, not stated on one side, or one the vague spelling of the other."""
    if x is None or y is None or x == y:
        return True
    if len(x) > len(y):
        x, y = y, x
    return x in _VAGUE_FORMS and (y.endswith(x) or y.startswith(x))


def _agree(x: str | None, y: str | None) -> bool:
    """Equal, or not stated on one side."""
    return x is None or y is None or x == y


def _evidence(a: _Unit, b: _Unit, ambiguous: bool = False) -> tuple[Contribution, ...]:
    """Contributions for joining unit ``a`` to the organisation anchored by unit ``b``."""
    out: list[Contribution] = []
    if a.code is not None and a.code == b.code:
        typo = a.valid is None or b.valid is None
        level = "one substitution" if typo else "same valid"
        detail = f"{a.invalid or a.valid} ~ {b.invalid or b.valid}"
        out.append(Contribution("credit_code", level, W_CODE[level], detail))
    x, y = a.name, b.name
    if x is not None and y is not None:
        public = _is_public(x) or _is_public(y)
        if ambiguous:
            level = "ambiguous public body" if public else "ambiguous core"
        elif x.core != y.core:  # rules 4 and 5: a district or an industry left out
            prefix = x.core.endswith(y.core) or y.core.endswith(x.core)
            level = "administrative prefix" if prefix else "part of trade name"
        elif x.full == y.full:
            level = "same full"
        elif public:
            level = "same public body"
        elif (x.region is None and x.legal_form is None) or (
            y.region is None and y.legal_form is None
        ):
            level = "short name"
        else:
            level = "same core"
        weight = W_NAME[level] if not out else 0.0  # the code already decided
        detail = (
            f"{x.full} ~ {y.full} (core {x.core}; region {x.region or '-'}/{y.region or '-'}; "
            f"legal form {x.legal_form or '-'}/{y.legal_form or '-'}; branch {x.branch or '-'}"
        )
        if public:
            detail += (
                f"; district {x.district or '-'}/{y.district or '-'}"
                f"; town {x.town or '-'}/{y.town or '-'}"
            )
        detail += ")"
        out.append(Contribution("name", level, weight, detail))
    return tuple(out)


@dataclass
class _Decisions:
    edges: list[tuple[int, int, bool]]
    """(unit, anchor unit, ambiguous); evidence is computed only for pairs kept."""
    conflicts: list[tuple[int, int, tuple[Contribution, ...]]]
    reviews: list[tuple[int, int]] = field(default_factory=list)
    """(unit, anchor unit) of a public body that fits several: listed, never joined."""


def _decide_block(units: list[_Unit], ids: list[int], out: _Decisions) -> None:
    """Rule 3 within one (core, branch) block."""
    order = sorted(
        range(len(units)),
        key=lambda k: (-units[k].specificity(), -units[k].count, units[k].sort_key()),
    )
    orgs: list[list[int]] = []  # [anchor position, mentions]
    by_code: dict[str, int] = {}
    for k in order:
        u = units[k]
        if u.code is not None and u.code in by_code:
            orgs[by_code[u.code]][1] += u.count  # joined by its code (rule 1)
            continue
        fits = [o for o, (anchor, _n) in enumerate(orgs) if _compatible(units[anchor].name, u.name)]
        if u.code is not None:
            for o in fits:
                if len(out.conflicts) < MAX_CONFLICT_PAIRS:
                    other = units[orgs[o][0]]
                    why = Contribution(
                        "credit_code", "different valid", W_CODE["different valid"],
                        f"{u.code} ~ {other.code}",
                    )  # fmt: skip
                    out.conflicts.append((ids[k], ids[orgs[o][0]], (why, *_evidence(u, other))))
            by_code[u.code] = len(orgs)
            orgs.append([k, u.count])
        elif not fits:
            orgs.append([k, u.count])
        elif len(fits) > 1 and _is_public(u.name):
            # 塘桥街道办 while the 塘桥街道 of two districts exist: a public body is not
            # given to the larger one. It joins the one written with the same stated
            # chain (a spelling variant), else stays apart and each candidate is listed.
            stated = _qualifiers(u.name)
            same = [o for o in fits if _qualifiers(units[orgs[o][0]].name) == stated]
            if len(same) == 1:
                orgs[same[0]][1] += u.count
                out.edges.append((ids[k], ids[orgs[same[0]][0]], False))
            else:
                for o in fits[:MAX_PUBLIC_REVIEWS]:
                    out.reviews.append((ids[k], ids[orgs[o][0]]))
                orgs.append([k, u.count])
        else:
            best = min(fits, key=lambda o: (-orgs[o][1], units[orgs[o][0]].sort_key()))
            anchor = orgs[best][0]
            orgs[best][1] += u.count
            out.edges.append((ids[k], ids[anchor], len(fits) > 1))


def resolve_orgs(mentions: Sequence[OrgMention], curation: Sequence[Curation] = ()) -> SpaceResult:
    """Cluster organisation mentions; see the module docstring for the rules.

    >>> from loaders.normalise.orgs import normalise_org_name as n
    >>> ms = [OrgMention(("o", str(i), "employer"), n(s)) for i, s in
    ...       enumerate(["北京华信科技有限责任公司", "华信科技（北京）有限公司", "华信科技"])]
    >>> len(set(resolve_orgs(ms).clusters.values()))
    1
    """
    t0 = time.perf_counter()
    unit_of, units = _collapse(mentions)
    stats: dict[str, object] = {"mentions": len(mentions), "units": len(units)}
    stats["code_typos_read"] = _read_typos(units)
    decisions = _Decisions([], [])
    # Units sharing an effective code but not a block (renamed, or no name) join by code.
    code_anchor: dict[str, int] = {}
    blocks: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i in sorted(
        range(len(units)), key=lambda i: (-units[i].specificity(), units[i].sort_key())
    ):
        u = units[i]
        if u.code is not None:
            anchor = code_anchor.setdefault(u.code, i)
            if anchor != i:
                decisions.edges.append((i, anchor, False))
        if u.name is not None:
            blocks[(u.name.core, u.name.branch)].append(i)
    for ids in blocks.values():
        if len(ids) > 1:
            _decide_block([units[i] for i in ids], ids, decisions)
    stats["admin_prefix_joins"] = _admin_prefix_joins(blocks, units, decisions)
    stats["public_ambiguous"] = len({a for a, _b in decisions.reviews})
    stats["short_name_joins"] = _short_name_joins(blocks, units, decisions)

    n_units = len(units)
    position = {m.key: i for i, m in enumerate(mentions)} if curation else {}
    curated: list[tuple[Curation, int, int]] = []
    solo: dict[int, int] = {}
    for c in curation:
        ia, ib = position.get(c.a), position.get(c.b)
        if ia is not None and ib is not None and ia != ib:
            curated.append((c, ia, ib))
            for i in (ia, ib):
                solo.setdefault(i, n_units + len(solo))
    uf = GuardedUnionFind(n_units + len(solo))
    for i, u in enumerate(units):
        if u.code is not None:
            uf.label(i, u.code)
    pairs: list[ScoredPair] = []
    refused = apply_curation(uf, curated, solo, lambda i: mentions[i].key, pairs, PRIOR)
    for i in sorted(solo, key=lambda i: mentions[i].key):
        refused += uf.try_union(solo[i], unit_of[i]) == "refused"

    def rep(u: int) -> MentionKey:
        return mentions[units[u].first].key

    if curated:  # only curation guards can make the outcome depend on the order
        decisions.edges.sort(key=lambda e: (units[e[0]].sort_key(), units[e[1]].sort_key()))
    for a, b, ambiguous in decisions.edges:
        x, y = units[a], units[b]
        if uf.try_union(a, b) == "refused":
            refused += 1
            blocked = Contribution("guard", "refused", -40.0, "different codes or a cannot-link")
            pairs.append(
                _pair(rep(a), rep(b), (*_evidence(x, y, ambiguous), blocked), "cannot-link")
            )
        elif ambiguous or not _same_name(x, y):  # an exact full name stores no pair
            decision: Decision = "review" if ambiguous else "match"
            pairs.append(_pair(rep(a), rep(b), _evidence(x, y, ambiguous), decision))
    for a, b, evidence in decisions.conflicts:
        pairs.append(_pair(rep(a), rep(b), evidence, "non-match"))
    for a, b in decisions.reviews:
        if uf.find(a) != uf.find(b):  # still apart (no other rule joined them)
            pairs.append(_pair(rep(a), rep(b), _evidence(units[a], units[b], True), "review"))
    stats["fuzzy_reviews"] = _fuzzy_reviews(units, uf, rep, pairs)

    clusters: dict[MentionKey, int] = {}
    label_of: dict[int, int] = {}
    for i, m in enumerate(mentions):
        clusters[m.key] = label_of.setdefault(uf.find(solo.get(i, unit_of[i])), i)
    stats.update(
        code_conflicts=len(decisions.conflicts),
        curation_refusals=refused,
        organisations=len(label_of),
        seconds=round(time.perf_counter() - t0, 3),
    )
    logger.info("organisations: %s", stats)
    return SpaceResult("organisations", clusters, pairs, dict(stats))


_ADMIN_PREFIX = re.compile(
    r"^([\u4e00-\u9fff]{1,5}?(?<!社|小|园|景|校|街|城)[区县])(人民政府)?(.{2,})$"
)
# A parent written in front that clerks leave out: 中国 of a national company (电信四川
# 分公司 for 中国电信…四川分公司) and the university of a hospital with a name of its
# own (华西医院 for 四川大学华西医院; not 第三医院, nor 附属医院). What is left must
# still name something: not a bare kind word (中国银行 is not 银行).
_PARENT_PREFIX = re.compile(
    r"^(?:中国|[\u4e00-\u9fff]{2,8}?大学(?=(?!第)(?:(?!附属).){2,}医院$))(.{2,})$"
)
_KIND_WORDS = frozenset(
    {"银行", "大学", "学院", "公司", "集团", "医院", "中心", "学校", "中学", "小学", "人民医院",
     "中医医院"}
)  # fmt: skip


def _prefix_keys(core: str, named: Iterable[NormOrgName]) -> set[str]:
    """The core with its district left out, as a unit of the same body would be
    written without it: 人民医院 for 浦东人民医院 (浦东新区人民医院), 民政局 for
    朝阳区民政局. From the district the normaliser read (its short form leads the core
    of a body named by its district), else from a generic ``XX区`` / ``XX县`` lead."""
    keys: set[str] = set()
    for n in named:
        if n.district is None or n.legal_form in PUBLIC_KINDS:
            continue  # a body named by its own place has no district in its core
        short = short_division(n.district)
        if core.startswith(short) and len(core) - len(short) >= 2:
            keys.add(core[len(short) :])
    if not keys and (found := _ADMIN_PREFIX.match(core)) is not None:
        keys.add(found.group(3))
    if (found := _PARENT_PREFIX.match(core)) is not None and found.group(1) not in _KIND_WORDS:
        keys.add(found.group(1))
    return keys


def _admin_prefix_joins(
    blocks: dict[tuple[str, str | None], list[int]], units: list[_Unit], out: _Decisions
) -> int:
    """Rule 4: join a block named without its district to the one block that states it."""
    targets: dict[tuple[str, str | None], list[tuple[str, str | None]]] = defaultdict(list)
    for (core, branch), ids in blocks.items():
        named = [n for n in (units[i].name for i in ids) if n is not None]
        for rest in _prefix_keys(core, named):
            targets[(rest, branch)].append((core, branch))
    joins = 0
    for key, ids in blocks.items():
        candidates = targets.get(key, [])
        if len(candidates) != 1 or candidates[0] == key:
            continue
        if any(
            u.name is not None and u.name.region is not None for u in map(units.__getitem__, ids)
        ):
            continue  # 上海市第一中学 names a city's body, not a district's written short
        target = blocks[candidates[0]]
        if len({units[i].code for i in ids} - {None}) > 1:
            continue  # two registered organisations written alike
        if any(units[i].code is not None for i in ids):
            # registered without its district (景嘉实验小学 with a code): the district's
            # forms join it when they are known by name only, else it is its own.
            if any(units[i].code is not None for i in target):
                continue
            out.edges.append((target[0], ids[0], False))
        else:
            out.edges.append((ids[0], target[0], False))
        joins += 1
    return joins


# The enterprise legal forms the normaliser reads (institution words such as 医院 are not).
_COMPANY_FORM = re.compile(r"(?:公司|集团|企业|合伙\)|合作社|个体工商户|工作室|事务所)$")
# A core ending in one of these is a unit's whole name, not a trade name written short.
_UNIT_NAME = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园|医院|研究院|研究所)$")


def _short_name_joins(
    blocks: dict[tuple[str, str | None], list[int]], units: list[_Unit], out: _Decisions
) -> int:
    """Rule 5: join a trade name written short to the one organisation it can be.

    Also the other way round: a register that lists its unit by the bare trade name
    (安泰, with a credit code) is joined by the one longer trade name known by name
    only (上海安泰电子有限公司, no code anywhere).
    """
    cores = sorted({core for core, _branch in blocks})
    forms: dict[str, set[str]] = defaultdict(set)  # core → the legal forms its names state
    for (core, _branch), ids in blocks.items():
        forms[core].update(_forms(units[i] for i in ids))

    def longer_than(core: str, stated: set[str]) -> str | None:
        """The one longer trade name ``core`` can be short for: a name stating a
        legal form (华信集团) is only short for one with a form it fits (…集团有限公司)."""
        longer: list[str] = []
        for other in cores[bisect_left(cores, core) + 1 :]:
            if not other.startswith(core):
                break  # sorted: every core with this prefix follows it directly
            theirs = forms[other]
            if not theirs or all(any(_same_form(s, t) for t in theirs) for s in stated):
                longer.append(other)
            if len(longer) > 1:
                return None
        if len(longer) != 1 or len(longer[0]) - len(core) < SHORT_MIN_REST:
            return None
        return longer[0]

    joins = 0
    for (core, branch), ids in blocks.items():
        if len(core) < SHORT_MIN_CORE or _UNIT_NAME.search(core):
            continue  # too short, or the whole name of a unit (四川大学 ≠ 四川大学华西医院)
        members = [units[i] for i in ids]
        if any(
            u.name is not None
            and (
                _is_public(u.name)
                or (u.name.region is not None and not _COMPANY_FORM.search(u.name.legal_form or ""))
            )
            for u in members
        ):
            # a public body is not a trade name, nor is a name that states its region
            # without a company's legal form (西安市人民政府, 北京朝阳医院); 陕西华信集团 is one
            continue
        codes = {u.code for u in members if u.code is not None}
        if len(codes) > 1 or (
            codes
            and any(u.name is not None and u.name.legal_form is not None for u in members if u.code)
        ):
            continue  # registered under this very name (with a legal form): its own organisation
        found = longer_than(core, _forms(members))
        target = blocks.get((found, branch)) if found is not None else None
        if target is None or any(_is_public(units[i].name) for i in target):
            continue  # public bodies are not trade names
        if len(_regions(members) | _regions(units[i] for i in target)) > 1:
            continue  # 陕西华信集团 is not 北京华信物业管理集团有限公司
        if codes:
            if any(units[i].code is not None for i in target):
                continue  # two registered organisations
            out.edges.append((target[0], ids[0], False))  # the longer name joins the register's
        else:
            out.edges.append((ids[0], target[0], False))
        joins += 1
    return joins


def _regions(units: Iterable[_Unit]) -> set[str]:
    """The regions the names of ``units`` state."""
    return {u.name.region for u in units if u.name is not None and u.name.region is not None}


def _forms(units: Iterable[_Unit]) -> set[str]:
    """The legal forms the names of ``units`` state."""
    return {
        u.name.legal_form for u in units if u.name is not None and u.name.legal_form is not None
    }


def _fuzzy_reviews(
    units: list[_Unit],
    uf: GuardedUnionFind,
    rep: Callable[[int], MentionKey],
    pairs: list[ScoredPair],
) -> int:
    """Rule 4: similar cores of different organisations, listed for review only.

    Only an organisation known by name alone (no valid code anywhere in it) is a
    suspect: two registered organisations with different codes are proven
    different, however alike their names. At most ``MAX_FUZZY_PER_CORE`` pairs per
    suspect core, best ratio first.
    """
    size: dict[int, int] = defaultdict(int)
    roots = [uf.find(i) for i in range(len(units))]
    for root, u in zip(roots, units, strict=True):
        size[root] += u.count
    biggest: dict[str, int] = {}  # core → a unit of its largest organisation
    coded: set[str] = set()
    for i, u in enumerate(units):
        if u.name is None or len(u.name.core) < MIN_FUZZY_LEN:
            continue
        core = u.name.core
        if uf.label_of(i) is not None:
            coded.add(core)
        best = biggest.get(core)
        if best is None or (-size[roots[i]], u.sort_key()) < (
            -size[roots[best]],
            units[best].sort_key(),
        ):
            biggest[core] = i
    candidates: dict[str, list[tuple[float, str]]] = defaultdict(list)
    suspects = [core for core in biggest if core not in coded]
    for suspect, other in _one_edit_neighbours(suspects, biggest):
        ratio = fuzz.ratio(suspect, other)
        if ratio < REVIEW_RATIO or roots[biggest[suspect]] == roots[biggest[other]]:
            continue
        if other in coded or suspect < other:  # two suspects: listed once
            candidates[suspect].append((ratio, other))
    made = 0
    for suspect in sorted(candidates):
        for ratio, other in sorted(candidates[suspect], key=lambda c: (-c[0], c[1]))[
            :MAX_FUZZY_PER_CORE
        ]:
            if made >= MAX_FUZZY_REVIEWS:
                logger.warning("organisations: fuzzy review pairs capped at %d", made)
                return made
            detail = f"{suspect} ~ {other} (ratio {ratio:.0f})"
            why = Contribution("trade_name", "similar", (ratio - 50.0) / 10.0, detail)
            pairs.append(_pair(rep(biggest[suspect]), rep(biggest[other]), (why,), "review"))
            made += 1
    return made

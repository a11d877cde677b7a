"""Dwellings: address mentions → one entity per flat (or building, road number, area).

Why rules and not a trained model: the parsed components (``NormAddress``) say
whether two addresses name one flat; what varies is how much each source wrote.
So: (1) collapse every exact canonical key; (2) decide the distinct keys (*sites*)
that differ only in what one side left out or misspelt. 3M mentions cost one
dict pass plus work on the far fewer sites.

Rules, strongest first (weights are log2 Bayes factors, fixed, for explanations):

1. **Same canonical key** (``NormAddress.key``, +20) and compatible region (rule
   2): the same flat. No pair is stored for it (compact form):
   ``exact_key_contribution`` explains any two members with the same key.
2. **Region**: province, city, district and town (街道/镇/乡) must agree when both
   sides state them (朝阳区 vs 海淀区, or 河口镇长冲村12组16号 vs 龙田镇长冲村12组16号,
   never merge); a side that omits one is compatible. A district written with a
   homophone (燕塔区 for 雁塔区) is read as the common spelling that sounds the same
   (``district_spellings``). A site
   compatible with two dwellings that differ only in district joins the one with
   ``DOMINANT_RATIO``× the mentions of the other (the register's home district;
   the pair is flagged ``review``), else it is *ambiguous*.
3. **Community** (fuzzy, on the stem: ``阳光小区``/``阳光社区`` → ``阳光``):
   * same stem (+8);
   * *alias suffix* (+6): ``阳光`` vs ``阳光花园`` when ``阳光花园`` is the only
     ``阳光``+{花园, 家园, 嘉园, 花苑, 新村, 公寓, 苑, 园} stem in the data;
   * *typo* (+5): one substituted character (rapidfuzz Levenshtein), the rare
     spelling in at most ``TYPO_MAX_SITES`` sites and the common one with at least
     ``TYPO_MIN_RATIO``× its mentions, the unique such neighbour, and neither
     differing character a numeral or a direction/order word (阳光一区 ≠ 阳光二区);
   * a town written bare before the name (``金花桥金花村`` where ``金花桥街道`` is a
     town of the data and ``金花`` a community of it) is left out of the stem;
   * *via road* (+5): a site stating only road+number takes the community that
     other addresses state together with that road+number (co-occurrence): the
     only one, or one stated ``DOMINANT_RATIO``× as often as all others together
     (an unmapped misspelling beside it); without such a third mention they stay apart.
4. **Road**: stem (``建国路``/``建国街`` → ``建国``, already in the key) and number
   must agree when both are stated (+6 same); a side that omits the road is
   compatible.
5. **Locator** (+4 building, +6 room, +3 unit): building and room must be equal
   (the block key); the unit when both state it. A *missing unit* (0) merges only
   when no other dwelling with the same place+building+room has a different
   unit, i.e. the attachment is unique — otherwise ``5号楼502`` stays alone and
   is listed for review against each candidate.
6. Precision ``area``/``road`` merges only by rules 1+2; precisions never mix (a
   building is not a flat in it). An empty key (``朝阳区``, ``不详``) is never a
   shared dwelling: each such mention is its own entity.

How a block (same place, building, room, precision) is decided: sites are taken
most-specific first (most components stated, then most mentions, then key);
each joins the one existing dwelling whose merged components it is compatible
with; with none it starts a dwelling; with several it is ambiguous, merges
nowhere and yields ``review`` pairs. So a side that omitted something never
chains two dwellings that disagree.

Curation: must-links join first; cannot-links are guards on the final
union-find (``GuardedUnionFind``), so nothing chains across one (a refused union
is listed as a ``cannot-link`` pair). Curated mentions leave their exact group
and rejoin it first, in mention-key order: a cannot-link inside one key group
leaves the group with the smaller key; across groups, each group follows its mention.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from loaders.normalise.addresses import NormAddress, road_stem, town_stem
from resolvers.district_spellings import district_spellings, with_common_districts
from resolvers.mentions import AddressMention, MentionKey
from resolvers.result import Contribution, Curation, Decision, ScoredPair, SpaceResult
from resolvers.rule_pairs import apply_curation, rule_pair
from resolvers.union_find import GuardedUnionFind

logger = logging.getLogger(__name__)

W_SAME_KEY = 20.0
W_COMMUNITY = {"same": 8.0, "alias suffix": 6.0, "typo": 5.0, "via road": 5.0, "missing": 0.0}
W_ROAD = {"same": 6.0, "number missing": 2.0, "missing": 0.0}
W_LOCATOR = {"building": 4.0, "room": 6.0, "unit": 3.0}
W_REGION = {"same": 1.0, "missing": 0.0}
PRIOR = -14.0
"""log2 prior odds for two sites of one block; a merge scores ≥ +1 (p ≥ 0.67), mostly +4…+10."""

ALIAS_SUFFIXES = ("花园", "家园", "嘉园", "花苑", "新村", "公寓", "苑", "园")
TYPO_MAX_SITES = 3
TYPO_MIN_RATIO = 4
MAX_REVIEW_PER_SITE = 3
DOMINANT_RATIO = 3
_BLOCKED = Contribution("curation", "cannot-link", -40.0, "a chain would join a cannot-link")
_PROTECTED = frozenset(
    "0123456789零〇一二两三四五六七八九十百东西南北中前后上下左右内外新老大小甲乙丙丁"
)
_REGION = ("province", "city", "district")
# A site's profile (``_decide_block``): province, city, district, town — the region,
# compared as rule 2 says — then unit, road, road number.
_REGION_WIDTH = 4
_PROFILE_WIDTH = 7
_ADDRESS = attrgetter("address")


@dataclass(slots=True)
class _Site:
    """One distinct (key, province, city, district, town): the unit of fuzzy work."""

    first: int  # index of its first mention: the representative
    count: int
    address: NormAddress
    community: str | None = None  # stem as written
    klass: str | None = None  # community class after typo / alias mapping
    how: str = "same"  # how ``klass`` was reached
    road: str | None = None
    profile: list[str | None] = field(default_factory=list)

    def sort_key(self) -> tuple[str, ...]:
        a = self.address
        return (a.key, a.province or "", a.city or "", a.district or "", a.town or "")


def exact_key_contribution(address: NormAddress) -> Contribution:
    """Why two mentions with the same key are one dwelling (rule 1): no pair is stored."""
    return Contribution("canonical_key", "same", W_SAME_KEY, address.key)


def _substitution_pairs(words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of words one substituted character apart (deletion-neighbourhood index)."""
    index: dict[tuple[int, str], list[str]] = defaultdict(list)
    for w in sorted(set(words)):
        for i in range(len(w)):
            index[(i, w[:i] + w[i + 1 :])].append(w)
    for group in index.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                yield group[x], group[y]


def _typo_map(mentions_of: Counter[str], sites_of: Counter[str]) -> dict[str, str]:
    """Rare spelling → common spelling, per rule 3 (typo)."""
    targets: dict[str, set[str]] = defaultdict(set)
    for s, t in _substitution_pairs(w for w in mentions_of if len(w) >= 2):
        if Levenshtein.distance(s, t) != 1:
            continue
        diff = [(x, y) for x, y in zip(s, t, strict=True) if x != y]
        if any(x in _PROTECTED or y in _PROTECTED for x, y in diff):
            continue
        for rare, common in ((s, t), (t, s)):
            if (
                sites_of[rare] <= TYPO_MAX_SITES
                and mentions_of[common] >= TYPO_MIN_RATIO * mentions_of[rare]
            ):
                targets[rare].add(common)
    return {rare: next(iter(c)) for rare, c in targets.items() if len(c) == 1}


def _alias_map(stems: Iterable[str]) -> dict[str, str]:
    """Bare stem → its one suffixed form (``阳光`` → ``阳光花园``), per rule 3 (alias)."""
    vocab = set(stems)
    extensions: dict[str, set[str]] = defaultdict(set)
    for s in vocab:
        for suffix in ALIAS_SUFFIXES:
            base = s[: -len(suffix)]
            if s.endswith(suffix) and len(base) >= 2 and base in vocab:
                extensions[base].add(s)
                break
    return {base: next(iter(ext)) for base, ext in extensions.items() if len(ext) == 1}


def _compatible(p: Sequence[str | None], q: Sequence[str | None]) -> bool:
    for x, y in zip(p, q, strict=True):
        if x is not None and y is not None and x != y:
            return False
    return True


def _consistent(profiles: Iterable[Sequence[str | None]]) -> bool:
    """True when no component has two different stated values: the block is one dwelling."""
    stated: list[str | None] = [None] * _PROFILE_WIDTH
    for p in profiles:
        for j, v in enumerate(p):
            if v is not None:
                if stated[j] is None:
                    stated[j] = v
                elif stated[j] != v:
                    return False
    return True


def _merged(p: Sequence[str | None], q: Sequence[str | None]) -> list[str | None]:
    return [x if x is not None else y for x, y in zip(p, q, strict=True)]


def _evidence(a: _Site, b: _Site) -> tuple[Contribution, ...]:
    """Contributions for merging site ``a`` into the dwelling anchored by site ``b``."""
    out: list[Contribution] = []
    x, y = a.address, b.address
    if a.community and b.community:
        level = "same" if a.community == b.community else (a.how if a.how != "same" else b.how)
        detail = f"{a.community} ~ {b.community} → {a.klass}"
    else:
        level = "via road" if (a.how == "via road" or b.how == "via road") else "missing"
        detail = f"{a.community or '-'} ~ {b.community or '-'} (class {a.klass or b.klass or '-'})"
    out.append(Contribution("community", level, W_COMMUNITY[level], detail))
    if x.road and y.road:
        level = "same" if (x.road_no and y.road_no) else "number missing"
        detail = f"{x.road}{x.road_no or ''} ~ {y.road}{y.road_no or ''}"
    else:
        level, detail = "missing", f"{x.road or '-'} ~ {y.road or '-'}"
    out.append(Contribution("road", level, W_ROAD[level], detail))
    # Building and room are the block key (always equal); one contribution says all three.
    weight = W_LOCATOR["building"] * bool(x.building) + W_LOCATOR["room"] * bool(x.room)
    if x.unit and y.unit:
        level, weight, unit = "same", weight + W_LOCATOR["unit"], x.unit
    else:
        level, unit = (
            ("unit missing", f"{x.unit or y.unit}?") if x.unit or y.unit else ("same", "-")
        )
    detail = f"building {x.building or '-'}, unit {unit}, room {x.room or '-'}"
    out.append(Contribution("locator", level, weight, detail))
    level = "same" if all(getattr(x, f) and getattr(y, f) for f in _REGION) else "missing"
    detail = f"{_region(x) or '-'} ~ {_region(y) or '-'}"
    out.append(Contribution("region", level, W_REGION[level], detail))
    return tuple(out)


def _region(a: NormAddress) -> str:
    return "".join(v for v in (a.province, a.city, a.district, a.town) if v)


def _pair(
    a: MentionKey, b: MentionKey, contributions: tuple[Contribution, ...], decision: Decision
) -> ScoredPair:
    return rule_pair(PRIOR, a, b, contributions, decision)


def _collapse(mentions: Sequence[AddressMention]) -> tuple[npt.NDArray[np.int64], list[_Site]]:
    """Rule 1: mentions → sites (distinct key + region); empty keys stay singletons.

    The loop is ``map``/``dict.setdefault`` so that 3M mentions stay in C; sites are
    numbered in order of first appearance.
    """
    n = len(mentions)
    region_key = attrgetter("key", "province", "city", "district", "town")
    index: dict[tuple[str | None, ...], int] = {}
    add = index.setdefault
    ids = [add(t, len(index)) for t in map(region_key, map(_ADDRESS, mentions))]
    site_of = np.fromiter(ids, dtype=np.int64, count=n)
    del ids
    keyless = [i for t, i in index.items() if not t[0]]
    if keyless:
        loose = np.flatnonzero(np.isin(site_of, np.array(keyless, dtype=np.int64)))
        site_of[loose] = len(index) + np.arange(len(loose))  # one site per key-less mention
    n_sites = int(site_of.max()) + 1 if n else 0
    first = np.full(n_sites, n, dtype=np.int64)
    np.minimum.at(first, site_of, np.arange(n, dtype=np.int64))
    count = np.bincount(site_of, minlength=n_sites)
    sites = [
        _Site(f, c, mentions[f].address)
        for f, c in zip(first.tolist(), count.tolist(), strict=True)
        if f < n  # the key-less tuples' own ids are left unused
    ]
    if len(sites) != n_sites:  # renumber densely
        used = first < n
        renumber = np.cumsum(used) - 1
        site_of = renumber[site_of]
    return site_of, sites


def _bare_towns(sites: Iterable[_Site]) -> list[str]:
    """Towns stated anywhere in the data, without their 街道/镇/乡 (longest first)."""
    bare = {town_stem(s.address.town) for s in sites if s.address.town}
    return sorted((t for t in bare if len(t) >= 2), key=lambda t: (-len(t), t))


def _without_town(stem: str, towns: list[str], stems: set[str]) -> str:
    """``金花桥金花`` → ``金花`` where 金花桥街道 is a town of the data and 金花 a community
    of it: a town written bare before the village or estate (金花桥金花村8组32号) is not
    part of its name. Only then: 望京西园 (in 望京街道) is not 西园."""
    for town in towns:
        if stem.startswith(town) and len(stem) - len(town) >= 2 and stem[len(town) :] in stems:
            return stem[len(town) :]
    return stem


def _classify(sites: list[_Site]) -> dict[str, int]:
    """Rule 3: community stems, typo and alias classes, and classes learnt from roads."""
    mentions_of: Counter[str] = Counter()
    sites_of: Counter[str] = Counter()
    towns = _bare_towns(sites)
    # The key's community part is the stem as the parser settled it (a village before
    # its group is keyed without 村): the same as the exact-key rule's.
    keyed = [
        (s, s.address.key.split("|", 1)[0] if s.address.community else "")
        for s in sites
        if s.address.key
    ]
    stems = {stem for _, stem in keyed if stem}
    for s, stem in keyed:
        a = s.address
        if stem and not a.town:
            stem = _without_town(stem, towns, stems)
        s.community = stem or None
        s.road = road_stem(a.road) if a.road else None
        if s.community:
            mentions_of[s.community] += s.count
            sites_of[s.community] += 1
    typo = _typo_map(mentions_of, sites_of)
    alias = _alias_map(mentions_of)
    road_classes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for s in sites:
        if s.community:
            spelt = typo.get(s.community, s.community)
            s.klass = alias.get(spelt, spelt)
            s.how = "typo" if s.community in typo else "same"
            if s.how == "same" and s.klass != s.community:
                s.how = "alias suffix"
            if s.road and s.address.road_no:
                road_classes[(s.road, s.address.road_no)][s.klass] += s.count
    for s in sites:
        if not s.community and s.road and s.address.road_no:
            ranked = road_classes.get((s.road, s.address.road_no), Counter()).most_common()
            rest = sum(n for _, n in ranked[1:])
            if ranked and ranked[0][1] >= DOMINANT_RATIO * rest:
                s.klass, s.how = ranked[0][0], "via road"
    return {"typo_spellings": len(typo), "alias_stems": len(alias)}


def _block_of(s: _Site) -> tuple[str | None, ...] | None:
    """Sites that may be one dwelling share this (place, building, room, precision)."""
    a = s.address
    if not a.key:
        return None
    if a.precision not in ("room", "building"):
        return ("exact", a.precision, a.key)
    if s.klass:
        return ("community", s.klass, a.building, a.room, a.precision)
    if s.road:
        return ("road", s.road, a.road_no, a.building, a.room, a.precision)
    return ("exact", a.precision, a.key, a.town)


@dataclass
class _Decided:
    """``edges`` (site, anchor site): evidence is computed only for pairs kept;
    ``flagged`` edges were merged by the dominance tie-break and say ``review``."""

    edges: list[tuple[int, int]] = field(default_factory=list)
    reviews: list[tuple[int, int, tuple[Contribution, ...]]] = field(default_factory=list)
    flagged: set[tuple[int, int]] = field(default_factory=set)
    ambiguous: int = 0
    attached_to_dominant: int = 0


def _decide_block(block: list[_Site], ids: list[int], out: _Decided) -> None:
    """Most-specific-first greedy attachment within one block (see module docstring)."""
    for s in block:
        a = s.address
        s.profile = [a.province, a.city, a.district, a.town, a.unit, s.road, a.road_no]
    order = sorted(
        range(len(block)),
        key=lambda k: (
            -sum(v is not None for v in block[k].profile) - (block[k].how == "same"),
            -block[k].count,
            block[k].sort_key(),
        ),
    )
    if _consistent(s.profile for s in block):  # the common case: variants of one flat
        anchor = order[0]
        out.edges.extend((ids[k], ids[anchor]) for k in order[1:])
        return
    dwellings: list[tuple[int, list[str | None], int]] = []  # (anchor, merged profile, mentions)
    for k in order:
        s = block[k]
        fits = [d for d, (_, prof, _n) in enumerate(dwellings) if _compatible(prof, s.profile)]
        if len(fits) > 1:
            home = _dominant([dwellings[d] for d in fits])
            if home is None:
                out.ambiguous += 1
                for d in fits[:MAX_REVIEW_PER_SITE]:
                    anchor = dwellings[d][0]
                    out.reviews.append((ids[k], ids[anchor], _evidence(s, block[anchor])))
                continue
            out.attached_to_dominant += 1
            fits = [fits[home]]
            out.flagged.add((ids[k], ids[dwellings[fits[0]][0]]))
        if fits:
            anchor, prof, n = dwellings[fits[0]]
            dwellings[fits[0]] = (anchor, _merged(prof, s.profile), n + s.count)
            out.edges.append((ids[k], ids[anchor]))
        else:
            dwellings.append((k, list(s.profile), s.count))


def _dominant(candidates: list[tuple[int, list[str | None], int]]) -> int | None:
    """Rule 2's tie-break: the candidate a region-less site joins, or None (stay apart).

    Only when the candidates differ in region alone (so unit and road agree) and
    one holds at least ``DOMINANT_RATIO``× the mentions of each other: in one
    district's registers the home district's flat is the likely one; the merge is
    still listed as ``review``.
    """
    for x in range(len(candidates)):
        for y in range(x + 1, len(candidates)):
            if not _compatible(candidates[x][1][_REGION_WIDTH:], candidates[y][1][_REGION_WIDTH:]):
                return None
    ranked = sorted(range(len(candidates)), key=lambda d: -candidates[d][2])
    first, second = candidates[ranked[0]][2], candidates[ranked[1]][2]
    return ranked[0] if first >= DOMINANT_RATIO * second else None


def _curation_units(
    mentions: Sequence[AddressMention], curation: Sequence[Curation], n_sites: int
) -> tuple[dict[int, int], list[tuple[Curation, int, int]]]:
    """Mentions named by curation become units of their own (so a cannot-link can split a key)."""
    position = {m.key: i for i, m in enumerate(mentions)} if curation else {}
    unit_of: dict[int, int] = {}
    decisions: list[tuple[Curation, int, int]] = []
    for c in curation:
        ia, ib = position.get(c.a), position.get(c.b)
        if ia is None or ib is None or ia == ib:
            continue
        for i in (ia, ib):
            unit_of.setdefault(i, n_sites + len(unit_of))
        decisions.append((c, ia, ib))
    return unit_of, decisions


def resolve_dwellings(
    mentions: Sequence[AddressMention], curation: Sequence[Curation] = ()
) -> SpaceResult:
    """Cluster address mentions into dwellings; see the module docstring for the rules.

    >>> from loaders.normalise.addresses import normalise_address as na
    >>> ms = [AddressMention(("p", str(i), "house"), na(s)) for i, s in
    ...       enumerate(["北京市朝阳区阳光小区5号楼3单元502室", "阳光社区5-3-502"])]
    >>> len(set(resolve_dwellings(ms).clusters.values()))
    1
    """
    t0 = time.perf_counter()
    spellings = district_spellings(mentions)
    mentions = with_common_districts(mentions, spellings)
    site_of, sites = _collapse(mentions)
    stats: dict[str, object] = {
        "mentions": len(mentions),
        "sites": len(sites),
        "district_homophones": len(spellings),
    }
    stats.update(_classify(sites))
    blocks: dict[tuple[str | None, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sites):
        block = _block_of(s)
        if block is not None:
            blocks[block].append(i)
    decided = _Decided()
    for ids in blocks.values():
        if len(ids) > 1:
            _decide_block([sites[i] for i in ids], ids, decided)
    t1 = time.perf_counter()

    unit_of, curated = _curation_units(mentions, curation, len(sites))
    uf = GuardedUnionFind(len(sites) + len(unit_of))
    pairs: list[ScoredPair] = []

    def rep(site: int) -> MentionKey:
        return mentions[sites[site].first].key

    refused = apply_curation(uf, curated, unit_of, lambda i: mentions[i].key, pairs, PRIOR)
    for i in sorted(unit_of, key=lambda i: mentions[i].key):
        if uf.try_union(unit_of[i], int(site_of[i])) == "refused":
            refused += 1
    if curated:  # only guards make the outcome depend on the order of unions
        decided.edges.sort(key=lambda e: (sites[e[0]].sort_key(), sites[e[1]].sort_key()))
    for a, b in decided.edges:
        outcome = uf.try_union(a, b)
        flagged = (a, b) in decided.flagged
        if outcome == "refused":
            refused += 1
            blocked = (*_evidence(sites[a], sites[b]), _BLOCKED)
            pairs.append(_pair(rep(a), rep(b), blocked, "cannot-link"))
        elif flagged or sites[a].address.key != sites[b].address.key:  # rule 1 stores nothing
            decision: Decision = "review" if flagged else "match"
            pairs.append(_pair(rep(a), rep(b), _evidence(sites[a], sites[b]), decision))
    for a, b, contributions in decided.reviews:
        if uf.find(a) != uf.find(b):
            pairs.append(_pair(rep(a), rep(b), contributions, "review"))

    # Labels: a component's label is the first mention of its first site (sites are
    # numbered by first appearance); curated mentions split off get labels past n.
    find = uf.find
    label_of: dict[int, int] = {}
    site_label = np.fromiter(
        (label_of.setdefault(find(k), s.first) for k, s in enumerate(sites)),
        dtype=np.int64,
        count=len(sites),
    )
    labels = site_label[site_of].tolist() if len(mentions) else []
    for i, unit in unit_of.items():
        labels[i] = label_of.setdefault(find(unit), len(mentions) + unit)
    clusters = dict(zip(map(attrgetter("key"), mentions), labels, strict=True))
    stats.update(
        blocks=len(blocks),
        fuzzy_merges=len(decided.edges),
        ambiguous=decided.ambiguous,
        attached_to_dominant=decided.attached_to_dominant,
        review_pairs=len(decided.reviews),
        curation_refusals=refused,
        dwellings=len(set(label_of.values())),
        seconds=round(time.perf_counter() - t0, 3),
        fuzzy_seconds=round(t1 - t0, 3),
    )
    logger.info("dwellings: %s", stats)
    return SpaceResult("dwellings", clusters, pairs, dict(stats))

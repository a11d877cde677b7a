"""The true world: persons, households, dwellings and organisations.

Everything a source row says is derived from this world (then corrupted), and the
ground truth is the world's entity ids. The world is built with one
``random.Random`` so that the same seed always gives the same world.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

from kg.demo import vocab as v
from kg.demo.people import Builder
from kg.demo.world import Organisation, World, make_credit_code

__all__ = ["build_world"]


def build_world(residents: int, rng: random.Random) -> World:
    """Households until ``residents`` persons exist, then homes, ownership, organisations."""
    b = Builder(rng)
    w = b.w
    hukou = rng.randrange(10**8, 2 * 10**8)
    while len(w.persons) < residents:
        hukou += rng.randint(1, 40)
        w.households.append(b.household(f"{hukou:09d}"))
    n_residents = len(w.persons)
    _settle(b)
    _own(b, n_residents)
    _organisations(b, n_residents)
    _employ(b, n_residents)
    for i, d in enumerate(w.dwellings):
        d.did = f"D{i + 1:07d}"
    return w


def _settle(b: Builder) -> None:
    """Give each household a home, a registration address, phones and a person type."""
    rng, w = b.rng, b.w
    district = b.build_district_dwellings(int(len(w.households) * 1.1) + 20)
    pool = list(district)
    rng.shuffle(pool)
    for hi, hh in enumerate(w.households):
        hh.dwelling = pool.pop()
        head = w.persons[hh.members[0]]
        if hh.migrant:
            prefix = v.PROVINCES.get(head.id18[:6], "河北省石家庄市长安区")
            hh.registered = b.external_dwelling(prefix)
        elif hh.mover:
            hh.registered = rng.choice(district)
            while hh.registered == hh.dwelling:
                hh.registered = rng.choice(district)
        else:
            hh.registered = hh.dwelling
        landline = ""
        if rng.random() < 0.12:
            landline = f"010-{rng.choice('68')}{rng.randrange(10**7):07d}"
        kind = "流动人口" if hh.migrant else "户籍人口"
        if hh.mover and rng.random() < 0.5:
            kind = "人户分离"
        for m in hh.members:
            p = w.persons[m]
            p.household, p.current, p.registered, p.kind = hi, hh.dwelling, hh.registered, kind
            if landline and p.age() >= 18:
                p.landline = landline


def _own(b: Builder, n_residents: int) -> None:
    """Owners and tenants: most registered households own, most migrants rent.

    Rented and empty flats belong to investors among the residents or to outsiders
    who live in other districts (they appear only in the housing register).
    """
    rng, w = b.rng, b.w
    owners: list[int] = []
    for hh in w.households:
        d = w.dwellings[hh.dwelling]
        head = hh.members[0]
        spouse = w.persons[head].spouse
        p_own = 0.08 if hh.migrant else 0.5 if hh.mover else 0.75
        if rng.random() < p_own:
            d.owner = spouse if spouse >= 0 and rng.random() < 0.35 else head
            owners.append(d.owner)
        else:
            d.tenant = spouse if spouse >= 0 and rng.random() < 0.2 else head
    last_outsider = -1
    for d in w.dwellings[:]:
        if d.external or d.owner >= 0:
            continue
        r = rng.random()
        if owners and r < 0.35:
            d.owner = rng.choice(owners)
        elif last_outsider >= 0 and r < 0.45:
            d.owner = last_outsider
        else:
            d.owner = last_outsider = b.outsider()
    del n_residents


def _org_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct (trade name, industry) pairs; near collisions (华信科技/华信商贸) are kept."""
    chars = "".join(v.TRADE_NAMES)
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    while len(out) < count:
        trade = (
            rng.choice(v.TRADE_NAMES)
            if rng.random() < 0.4
            else rng.choice(chars) + rng.choice(chars)
        )
        pair = (trade, rng.choice(v.INDUSTRIES))
        if pair[0][0] != pair[0][-1] and pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


def _organisations(b: Builder, n_residents: int) -> None:
    """Companies (some outside the district, some branches) and public units."""
    rng, w = b.rng, b.w
    lf_cw = list(accumulate(v.LEGAL_FORM_WEIGHTS))
    n = max(30, n_residents // 45)
    others = [c for c in v.BEIJING_DISTRICTS if c != v.DISTRICT_CODE]

    def founded() -> date:
        return date(1993, 1, 1) + timedelta(days=rng.randrange(31 * 365))

    def address() -> str:
        road = rng.choice(v.ROADS)
        return f"{v.CITY}{v.DISTRICT}{road}{rng.randint(1, 300)}号"

    def add(org: Organisation) -> Organisation:
        org.oid = f"O{len(w.orgs) + 1:07d}"
        w.orgs.append(org)
        return org

    for trade, industry in _org_names(rng, n):
        form = rng.choices(v.LEGAL_FORMS, cum_weights=lf_cw)[0]
        kind = "股份有限公司" if form.startswith("股份") else "有限责任公司"
        r = rng.random()
        if r < 0.85:
            org = Organisation(
                "", trade, industry, form, "北京", "", False, "", kind, True, founded(), address()
            )
            org.code = make_credit_code(rng, "91", v.DISTRICT_CODE)
            add(org)
            continue
        # Outside the district: another Beijing district, or another city (same trade name!).
        region = "北京" if r < 0.95 else rng.choice(v.OTHER_CITIES)
        code_region = rng.choice(others) if region == "北京" else "310101"
        parent = Organisation(
            "", trade, industry, form, region, "", False, "", kind, False, founded(), ""
        )
        parent.code = make_credit_code(rng, "91", code_region)
        add(parent)
        if region == "北京" and rng.random() < 0.5:
            branch = Organisation(
                "",
                trade,
                industry,
                form,
                "北京",
                "朝阳分公司",
                False,
                "",
                "分公司",
                True,
                founded(),
                address(),
            )
            branch.code = make_credit_code(rng, "91", v.DISTRICT_CODE)
            add(branch)
    for street in v.STREETS:
        base = street.removesuffix("街道")
        units = [
            (f"北京市朝阳区人民政府{base}街道办事处", "机关", "11"),
            (f"北京市朝阳区{base}社区卫生服务中心", "事业单位", "12"),
            (f"北京市朝阳区{base}小学", "事业单位", "12"),
            (f"北京市朝阳区{base}中学", "事业单位", "12"),
        ]
        for name, kind, dept in units:
            org = Organisation(
                "", name, "", "", "北京", "", True, "", kind, True, founded(), address()
            )
            org.code = make_credit_code(rng, dept, v.DISTRICT_CODE)
            add(org)
    rng.shuffle(w.orgs)
    for i, org in enumerate(w.orgs):
        org.oid = f"O{i + 1:07d}"
    residents = [i for i in range(n_residents) if 28 <= w.persons[i].age() <= 70]
    reps: list[int] = []
    for org in w.orgs:
        if not org.registered:
            continue
        r = rng.random()
        if reps and r < 0.1:
            org.legal_rep = rng.choice(reps)
        elif r < 0.7 and residents:
            org.legal_rep = rng.choice(residents)
        else:
            org.legal_rep = b.outsider()
        reps.append(org.legal_rep)


def _employ(b: Builder, n_residents: int) -> None:
    """Employers by a heavy-tailed size distribution; placeholders for the rest."""
    rng, w = b.rng, b.w
    weights = [(30.0 if o.public else 1.0) / (i + 1) ** 0.8 for i, o in enumerate(w.orgs)]
    cw = list(accumulate(weights))
    workers = []
    for i in range(n_residents):
        p = w.persons[i]
        age = p.age()
        r = rng.random()
        if age < 6:
            continue
        if age < 19 or (age < 23 and r < 0.7):
            p.employer_text = rng.choice(v.EMPLOYER_PLACEHOLDER_STUDENT) if r < 0.8 else ""
        elif age > 60:
            if r < 0.1:
                workers.append(i)
            elif r < 0.85:
                p.employer_text = rng.choice(v.EMPLOYER_PLACEHOLDER_RETIRED)
        elif r < 0.8:
            workers.append(i)
        elif r < 0.95:
            p.employer_text = rng.choice(v.EMPLOYER_PLACEHOLDERS_ADULT)
    picks = rng.choices(range(len(w.orgs)), cum_weights=cw, k=len(workers))
    for i, o in zip(workers, picks, strict=True):
        w.persons[i].employer = o

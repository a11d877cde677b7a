"""Construction of persons, dwellings and households for the true world.

The templates (nuclear family, three generations, grandparents raising a
grandchild, single parent …) are what make 与户主关系, 家庭角色 and spouse links
disagree across sources the way they do in real registers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from itertools import accumulate

from kg.demo import vocab as v
from kg.demo.world import AS_OF, Dwelling, Household, Person, World, id_check

RegionFn = Callable[[int], str]


class Builder:
    """Stateful construction helpers; one instance per world."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.w = World()
        self.used_ids: set[str] = set()
        self.road_next: dict[str, int] = {}
        self.sur_cw = list(accumulate(v.SURNAME_WEIGHTS))
        self.eth_cw = list(accumulate(v.ETHNICITY_WEIGHTS))
        self.prov_cw = list(accumulate(v.PROVINCE_WEIGHTS))
        self.provinces = list(v.PROVINCES)
        self.given = {
            key: (names, list(accumulate(weights)))
            for key, names, weights in (
                ("oM", v.GIVEN_OLD_M, v.GIVEN_OLD_M_W),
                ("oF", v.GIVEN_OLD_F, v.GIVEN_OLD_F_W),
                ("mM", v.GIVEN_MID_M, v.GIVEN_MID_M_W),
                ("mF", v.GIVEN_MID_F, v.GIVEN_MID_F_W),
                ("yM", v.GIVEN_YOUNG_M, v.GIVEN_YOUNG_M_W),
                ("yF", v.GIVEN_YOUNG_F, v.GIVEN_YOUNG_F_W),
            )
        }

    # ---------------------------------------------------------------- dwellings
    def next_road_no(self, road: str) -> int:
        n = self.road_next.get(road, 0) + self.rng.randint(1, 6)
        self.road_next[road] = n
        return n

    def add_dwelling(self, d: Dwelling) -> int:
        self.w.dwellings.append(d)
        return len(self.w.dwellings) - 1

    def build_district_dwellings(self, count: int) -> list[int]:
        """Communities of buildings/units/rooms (88%) plus road and hutong houses."""
        rng = self.rng
        names = [b + p for p in v.COMMUNITY_PARTS for b in v.COMMUNITIES if not p or b[-1] != p[-1]]
        rng.shuffle(names)
        prefix = v.CITY + v.DISTRICT
        out: list[int] = []
        flats_target = int(count * 0.88)
        while len(out) < flats_target:
            street = rng.choice(v.STREETS)
            road = rng.choice(v.ROADS)
            road_no = self.next_road_no(road)
            community = names.pop() if names and rng.random() < 0.7 else ""
            units, floors, per_floor = rng.randint(1, 6), rng.randint(5, 28), rng.randint(2, 4)
            size = min(rng.randint(150, 1500), flats_target - len(out))
            made = 0
            building = 0
            while made < size:
                building += 1
                for unit in range(1, units + 1):
                    for floor in range(1, floors + 1):
                        for k in range(1, per_floor + 1):
                            if made < size:
                                d = Dwelling("", prefix, street, community, road, road_no)
                                d.building, d.unit, d.room = building, unit, floor * 100 + k
                                out.append(self.add_dwelling(d))
                                made += 1
        roads = v.HUTONGS + v.ROADS
        while len(out) < count:
            road = rng.choice(roads)
            d = Dwelling("", prefix, rng.choice(v.STREETS), "", road, self.next_road_no(road))
            d.use = "商住" if rng.random() < 0.1 else "住宅"
            out.append(self.add_dwelling(d))
        return out

    def external_dwelling(self, prefix: str) -> int:
        """A home outside the district (a migrant's registration, an outsider's flat)."""
        rng = self.rng
        road = rng.choice(v.EXTERNAL_ROADS)
        d = Dwelling("", prefix, "", "", road, rng.randint(1, 300), external=True)
        if rng.random() < 0.6:
            d.building, d.unit = rng.randint(1, 30), rng.randint(1, 6)
            d.room = rng.randint(1, 20) * 100 + rng.randint(1, 4)
        return self.add_dwelling(d)

    # ------------------------------------------------------------------ persons
    def birth(self, age: int, popular: bool = False) -> date:
        """A birth date giving ``age`` on AS_OF; old cohorts often carry a default date."""
        year = AS_OF.year - age
        if popular and year < 1970:
            month, day = self.rng.choice(v.POPULAR_MONTH_DAYS)
            return date(year - (1 if (month, day) > (AS_OF.month, AS_OF.day) else 0), month, day)
        return AS_OF - timedelta(days=int(age * 365.25) + self.rng.randrange(365))

    def id18(self, region: str, birth: date, sex: str) -> str:
        rng = self.rng
        while True:
            seq = rng.randrange(0, 1000, 1) // 2 * 2 + (1 if sex == "M" else 0)
            first17 = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
            ident = first17 + id_check(first17)
            if ident not in self.used_ids:
                self.used_ids.add(ident)
                return ident

    def given_name(self, sex: str, year: int) -> str:
        rng = self.rng
        era = "o" if year < 1960 else "m" if year < 1990 else "y"
        if rng.random() < 0.72:
            names, cw = self.given[era + sex]
            return rng.choices(names, cum_weights=cw)[0]
        chars = v.GIVEN_CHARS_M if sex == "M" else v.GIVEN_CHARS_F
        if era == "m" and rng.random() < 0.3:
            return rng.choice(chars)
        return rng.choice(chars) + rng.choice(chars)

    def person(
        self, sex: str, age: int, region: str, ethnicity: str = "汉", surname: str | None = None
    ) -> int:
        rng = self.rng
        b = self.birth(age, popular=rng.random() < 0.04)
        if ethnicity == "维吾尔":
            pool = v.UYGHUR_M if sex == "M" else v.UYGHUR_F
            given = rng.choice(pool) + "·" + (surname or rng.choice(v.UYGHUR_M))
            sur = ""
        else:
            if surname is None:
                if ethnicity in v.ETHNIC_SURNAMES and rng.random() < 0.6:
                    surname = rng.choice(v.ETHNIC_SURNAMES[ethnicity])
                else:
                    surname = rng.choices(v.SURNAMES, cum_weights=self.sur_cw)[0]
            sur, given = surname, self.given_name(sex, b.year)
        p = Person(f"P{len(self.w.persons) + 1:07d}", sur, given, sex, b, ethnicity, "")
        p.id18 = self.id18(region, b, sex)
        p.legacy15 = b.year < 1984 and rng.random() < 0.3
        if sur and age >= 20 and rng.random() < 0.04:
            p.former = sur + self.given_name(sex, b.year - 15)
        if age >= 14 and rng.random() < 0.95:
            p.mobile = rng.choice(v.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        self.w.persons.append(p)
        return len(self.w.persons) - 1

    def common_name(self, idx: int) -> None:
        """Give an adult one of the names shared by many unrelated people."""
        p = self.w.persons[idx]
        full = self.rng.choice(v.COMMON_FULL_M if p.sex == "M" else v.COMMON_FULL_F)
        p.surname, p.given = full[0], full[1:]

    def beijing_region(self, birth_year: int) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return v.DISTRICT_CODE
        if r < 0.78:
            if birth_year < 2010 and rng.random() < 0.15:
                return rng.choice(v.LEGACY_BEIJING_CODES)
            return rng.choice(list(v.BEIJING_DISTRICTS))
        return self.province()

    def province(self) -> str:
        return self.rng.choices(self.provinces, cum_weights=self.prov_cw)[0]

    def outsider(self) -> int:
        """A person living elsewhere in Beijing: owns a flat here or represents a company."""
        rng = self.rng
        age = rng.randint(28, 75)
        idx = self.person(rng.choice("MF"), age, self.beijing_region(AS_OF.year - age))
        code = rng.choice([c for c in v.BEIJING_DISTRICTS if c != v.DISTRICT_CODE])
        p = self.w.persons[idx]
        p.current = p.registered = self.external_dwelling(v.CITY + v.BEIJING_DISTRICTS[code])
        p.marital = "已婚" if rng.random() < 0.75 else "未婚"
        return idx

    # --------------------------------------------------------------- households
    def couple(self, age: int, region: RegionFn, eth: str) -> tuple[int, int]:
        """Head and spouse (married, linked both ways); the husband is usually 户主."""
        rng = self.rng
        head_sex = "M" if rng.random() < 0.75 else "F"
        h = self.person(head_sex, age, region(age), eth)
        s_age = max(20, age + rng.randint(-5, 3) * (1 if head_sex == "M" else -1))
        s_eth = eth if rng.random() < 0.9 else "汉"
        s = self.person("F" if head_sex == "M" else "M", s_age, region(s_age), s_eth)
        ps = self.w.persons
        ps[h].spouse, ps[s].spouse, ps[h].marital, ps[s].marital = s, h, "已婚", "已婚"
        if rng.random() < 0.004:
            self.common_name(h)
        return h, s

    def kids(
        self,
        a: int,
        b: int,
        n: int,
        region: RegionFn,
        relation_of: str,
        max_age: int = 99,
        min_age: int = 0,
    ) -> list[int]:
        """Children of a (and b, -1 if single parent); twins share birth date and surname."""
        rng = self.rng
        ps = self.w.persons
        father = a if ps[a].sex == "M" or b < 0 else b
        mother_age = min(ps[x].age() for x in (a, b) if x >= 0)
        out: list[int] = []
        twin_of = -1
        for i in range(n):
            top = min(max_age, max(0, mother_age - 22))
            age = rng.randint(min(min_age, top), top)
            sex = rng.choice("MF")
            fp = ps[father]
            if fp.ethnicity == "维吾尔":
                sur = fp.given.split("·")[0]
            else:
                sur = fp.surname if rng.random() < 0.95 or b < 0 else ps[b].surname
            if twin_of >= 0:
                t = ps[twin_of]
                age, sur = t.age(), t.surname or sur
            k = self.person(sex, age, region(age), fp.ethnicity, sur)
            if twin_of >= 0:
                self.make_twin(twin_of, k)
                twin_of = -1
            elif i + 1 < n and rng.random() < 0.04:
                twin_of = k
            out.append(k)
        rel = {"M": "孙子" if relation_of == "grand" else "子"}
        rel["F"] = "孙女" if relation_of == "grand" else "女"
        for k in out:
            ps[k].relation = rel[ps[k].sex]
        return out

    def make_twin(self, first: int, second: int) -> None:
        """Same birth date and surname, a similar given name, a different ID."""
        ps = self.w.persons
        t, k = ps[first], ps[second]
        self.used_ids.discard(k.id18)
        k.birth = t.birth
        region = t.id18[:6]
        k.id18 = self.id18(region, t.birth, k.sex)
        if t.surname and len(t.given) == 2:
            pool = v.GIVEN_CHARS_M if k.sex == "M" else v.GIVEN_CHARS_F
            k.given = t.given[0] + self.rng.choice([c for c in pool if c != t.given[1]])
        elif t.surname:
            homo = v.HOMOPHONES.get(t.given[0])
            k.given = self.rng.choice(homo) if homo else t.given + self.rng.choice("一二")

    def parents_of(self, head: int, n: int, region: RegionFn) -> list[int]:
        rng = self.rng
        hp = self.w.persons[head]
        out = []
        fa = hp.age() + rng.randint(24, 34)
        father = self.person("M", fa, region(fa), hp.ethnicity, hp.surname or None)
        self.w.persons[father].relation = "父亲"
        out.append(father)
        if n == 2:
            mother = self.person("F", fa + rng.randint(-4, 1), region(fa), hp.ethnicity)
            self.w.persons[mother].relation = "母亲"
            ps = self.w.persons
            ps[father].spouse, ps[mother].spouse = mother, father
            ps[father].marital = ps[mother].marital = "已婚"
            out.append(mother)
        else:
            self.w.persons[father].marital = "丧偶"
        return out

    def household(self, hukou_no: str) -> Household:
        """One household drawn from size-specific templates (nuclear, 3-generation …)."""
        rng = self.rng
        migrant = rng.random() < 0.22
        eth = rng.choices(v.ETHNICITIES, cum_weights=self.eth_cw)[0]
        if eth == "维吾尔" and not migrant and rng.random() < 0.7:
            eth = "汉"
        home = "650102" if eth == "维吾尔" else self.province()

        def region(age: int) -> str:
            return home if migrant else self.beijing_region(AS_OF.year - age)

        size = rng.choices((1, 2, 3, 4, 5, 6), cum_weights=(18, 48, 76, 90, 97, 100))[0]
        t = rng.random()
        ps = self.w.persons
        family: tuple[int, int, list[int]] | None = None
        if size == 1:
            age = rng.randint(20, 40) if rng.random() < 0.6 else rng.randint(41, 92)
            head = self.person(rng.choice("MF"), age, region(age), eth)
            members = [head]
            if rng.random() < 0.004:
                self.common_name(head)
        elif size == 2 and t < 0.2:
            age = rng.randint(26, 60)
            head = self.person(rng.choice("MF"), age, region(age), eth)
            kids = self.kids(head, -1, 1, region, "")
            members = [head, *kids]
            family = (head, -1, kids)
        elif size == 2 and t < 0.3:
            age = rng.randint(25, 50)
            head = self.person(rng.choice("MF"), age, region(age), eth)
            members = [head, *self.parents_of(head, 1, region)]
        elif size in (2, 3, 4, 6) and (t < 0.78 or size in (2, 6)):
            n_kids = {2: 0, 3: 1, 4: 2, 6: 2}[size]
            n_par = 2 if size == 6 else 0
            head, sp = self.couple(rng.randint(24 if n_kids == 0 else 30, 52), region, eth)
            kids = self.kids(head, sp, n_kids, region, "")
            members = [head, sp, *kids, *(self.parents_of(head, n_par, region) if n_par else [])]
            family = (head, sp, kids)
        elif size == 5 and t < 0.5 or size == 4 and t < 0.9 or size == 3 and t < 0.88:
            n_par = 2 if size == 5 else 1
            head, sp = self.couple(rng.randint(30, 48), region, eth)
            kids = self.kids(head, sp, size - 2 - n_par, region, "")
            members = [head, sp, *kids, *self.parents_of(head, n_par, region)]
            family = (head, sp, kids)
        else:
            head, sp = self.couple(rng.randint(56, 80), region, eth)
            members = [head, sp]
            if size == 3:  # grandparents raising a grandchild; the parents live elsewhere
                grand = self.kids(head, sp, 1, region, "grand", max_age=12)
                members.extend(grand)
            else:
                child = self.kids(head, sp, 1, region, "", min_age=24)[0]
                members.append(child)
                c = ps[child]
                partner = -1
                if size == 5:
                    partner = self.person("F" if c.sex == "M" else "M", c.age(), region(c.age()))
                    ps[partner].relation = "其他"
                    ps[child].spouse, ps[partner].spouse = partner, child
                    ps[child].marital = ps[partner].marital = "已婚"
                    members.append(partner)
                grand = self.kids(child, partner, 1, region, "grand")
                members.extend(grand)
                family = (child, partner, grand)
        ps[members[0]].relation = "户主"
        if len(members) > 1 and ps[members[1]].spouse == members[0]:
            ps[members[1]].relation = "配偶"
        for m in members:
            p = ps[m]
            if p.spouse < 0 and p.age() >= 22 and p.marital == "未婚":
                r = rng.random()
                if p.age() > 60:
                    p.marital = "丧偶" if r < 0.6 else "离婚" if r < 0.8 else "已婚"
                elif p.age() > 32:
                    p.marital = "离婚" if r < 0.3 else "未婚"
        mover = not migrant and rng.random() < 0.12
        return Household("" if migrant else hukou_no, members, -1, -1, migrant, mover, family)

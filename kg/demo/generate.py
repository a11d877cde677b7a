"""Entry point: build a true world and write the five extracts plus ``truth.csv``.

Which records appear where follows the departments' real coverage: police lists
every resident, civil affairs the elderly / assisted / newly married, family
planning families with (young) children, housing every registered flat (some
twice), organisations every registered unit (some twice, once without a code).
Each source row's references are written to the truth as they are emitted, so
a blanked cell never produces a truth row and every non-blank one does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kg.demo import vocab as v
from kg.demo.corrupt import Corruptor, Rates, rates_for
from kg.demo.population import build_world
from kg.demo.world import Household, Person, World
from kg.demo.writers import HEADERS, Cell, CsvSink, TruthSink, XlsxSink

__all__ = ["DemoFiles", "generate"]

_NOTES = ["", "", "", "", "", "待核实", "已核实", "新增", "信息变更", "电话空号"]


@dataclass(frozen=True)
class DemoFiles:
    """Paths of a generated district and the number of rows written per file."""

    police: Path
    civil_affairs: Path
    family_planning: Path
    housing: Path
    organisations: Path
    truth: Path
    rows: dict[str, int] = field(default_factory=dict)

    def sources(self) -> dict[str, Path]:
        """Source name → file, in the order ``kg load`` should see them."""
        return {
            "police": self.police,
            "civil_affairs": self.civil_affairs,
            "family_planning": self.family_planning,
            "housing": self.housing,
            "organisations": self.organisations,
        }


def generate(out_dir: Path, residents: int, seed: int, difficulty: str = "normal") -> DemoFiles:
    """Write a synthetic district of about ``residents`` persons into ``out_dir``.

    The same (residents, seed, difficulty) always gives byte-identical files.
    """
    rates = rates_for(difficulty)
    world = build_world(residents, random.Random(seed))
    rng = random.Random(f"{seed}:{difficulty}:errors")
    out_dir.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(
        police=out_dir / "police.csv",
        civil_affairs=out_dir / "civil_affairs.xlsx",
        family_planning=out_dir / "family_planning.csv",
        housing=out_dir / "housing.csv",
        organisations=out_dir / "organisations.csv",
        truth=out_dir / "truth.csv",
    )
    truth = TruthSink(files.truth)
    try:
        g = _Gen(world, Corruptor(rng, rates), rates, truth)
        files.rows["police"] = g.police(files.police)
        files.rows["civil_affairs"] = g.civil_affairs(files.civil_affairs)
        files.rows["family_planning"] = g.family_planning(files.family_planning)
        files.rows["housing"] = g.housing(files.housing)
        files.rows["organisations"] = g.organisations(files.organisations)
        files.rows["truth"] = truth.rows
    finally:
        truth.close()
    return files


def _relation(rng: random.Random, p: Person) -> str:
    """A spelling of 与户主关系 that agrees with the person's sex (妻 is never a man)."""
    if p.relation == "配偶":
        return rng.choice(("配偶", "妻", "妻子") if p.sex == "F" else ("配偶", "夫", "丈夫"))
    if p.relation == "其他":
        return rng.choice(("其他", "儿媳") if p.sex == "F" else ("其他", "女婿"))
    return rng.choice(v.RELATION_SPELLINGS[p.relation])


class _Gen:
    """Row builders for the five sources; each also emits the rows' truth."""

    def __init__(self, world: World, c: Corruptor, rates: Rates, truth: TruthSink) -> None:
        self.w, self.c, self.r, self.truth = world, c, rates, truth
        self.rng = c.rng

    # ------------------------------------------------------------------ helpers
    def layout(self, source: str) -> tuple[list[str], list[int] | None]:
        """Extra columns and column order for one file (record id stays first)."""
        n = len(HEADERS[source])
        extras = ["备注"] if self.r.shuffle_columns or source in ("police", "housing") else []
        if not self.r.extra_columns:
            extras = []
        if not self.r.shuffle_columns:
            return extras, None
        rest = list(range(1, n + len(extras)))
        self.rng.shuffle(rest)
        return extras, [0, *rest]

    def note(self, extras: list[str]) -> list[Cell]:
        return [self.rng.choice(_NOTES) for _ in extras]

    def blank(self) -> bool:
        return self.rng.random() < self.r.blank

    def ref(self, source: str, rid: str, role: str, entity: str, *cells: Cell) -> None:
        if any(cell != "" for cell in cells):
            self.truth.add(source, rid, role, entity)

    def house_of(self, p: Person, hh: Household, allow_old: bool) -> int:
        """Current home; a mover's old (registered) address lingers in other registers."""
        if allow_old and hh.mover and self.rng.random() < self.r.old_address:
            return hh.registered
        return p.current

    def address(self, dwelling: int, optional: bool = True) -> tuple[str, str]:
        if dwelling < 0 or (optional and self.blank()):
            return "", ""
        d = self.w.dwellings[dwelling]
        return self.c.address(d), d.did

    def employer(self, p: Person) -> tuple[str, str]:
        if self.blank():
            return "", ""
        if p.employer >= 0:
            o = self.w.orgs[p.employer]
            return self.c.org_name(o), o.oid
        return p.employer_text, ""

    def phone(self, p: Person) -> str:
        """A child's (or an old parent's) record often carries another member's phone."""
        if self.blank():
            return ""
        who = p
        if p.household >= 0 and (not p.mobile or (p.age() > 70 and self.rng.random() < 0.3)):
            for m in self.w.households[p.household].members:
                q = self.w.persons[m]
                if q.mobile and q is not p and 22 <= q.age() <= 65:
                    who = q
                    break
        return self.c.phone(who)

    def relative(self, p: Person) -> Person | None:
        if p.household < 0:
            return None
        members = self.w.households[p.household].members
        m = members[0] if self.w.persons[members[0]] is not p else members[-1]
        q = self.w.persons[m]
        return None if q is p else q

    # ------------------------------------------------------------------ sources
    def police(self, path: Path) -> int:
        extras, order = self.layout("police")
        rng, c, w = self.rng, self.c, self.w
        people = [i for i, p in enumerate(w.persons) if p.household >= 0]
        rng.shuffle(people)
        base = rng.randrange(10**7, 5 * 10**7)
        with CsvSink(path, HEADERS["police"], "gb18030", extras, order) as sink:
            for n, i in enumerate(people):
                p = w.persons[i]
                hh = w.households[p.household]
                rid = f"GA{base + n:08d}"
                name = "" if rng.random() < self.r.name_blank else c.name(p, allow_former=False)
                ident = c.id_number(p, self.relative(p), legacy=False)
                if not name and not ident:
                    name = p.name
                cur, cur_id = self.address(p.current)
                reg, reg_id = self.address(p.registered)
                emp, emp_id = self.employer(p)
                relation = "" if hh.migrant else _relation(rng, p)
                row: list[Cell] = [
                    rid, name, "" if self.blank() else p.former, c.sex(p.sex, "cn"),
                    p.ethnicity + ("族" if rng.random() < 0.85 else ""), c.date_text(p.birth, 0),
                    ident, hh.hukou_no, relation, reg, cur, emp, self.phone(p), p.kind,
                ]  # fmt: skip
                sink.write(row + self.note(extras))
                self.truth.add("police", rid, "person", p.pid)
                self.ref("police", rid, "house", cur_id, cur)
                self.ref("police", rid, "registered_house", reg_id, reg)
                self.ref("police", rid, "employer", emp_id, emp_id)
            return sink.rows

    def civil_affairs(self, path: Path) -> int:
        extras, order = self.layout("civil_affairs")
        rng, c, w, r = self.rng, self.c, self.w, self.r
        picks: list[tuple[int, str]] = []
        for i, p in enumerate(w.persons):
            if p.household < 0:
                continue
            age, x = p.age(), rng.random()
            if age >= 60 and x < 0.38:
                picks.append(
                    (i, "高龄津贴" if age >= 80 and x < 0.2 else rng.choice(v.SERVICE_ELDERLY[:2]))
                )
            elif age >= 18 and x < 0.03:
                picks.append((i, rng.choice(v.SERVICE_OTHER)))
            elif p.spouse >= 0 and age <= 38 and x < 0.12:
                picks.append((i, v.SERVICE_MARRIAGE))
            if picks and picks[-1][0] == i and rng.random() < 0.05:
                picks.append((i, rng.choice(v.SERVICE_OTHER)))
        rng.shuffle(picks)
        with XlsxSink(path, HEADERS["civil_affairs"], extras, order) as sink:
            for n, (i, service) in enumerate(picks):
                p = w.persons[i]
                hh = w.households[p.household]
                rid = f"MZ{n + 1:07d}"
                ident: Cell = c.id_number(p, self.relative(p))
                if isinstance(ident, str) and ident.isdigit() and len(ident) == 18:
                    if rng.random() < r.excel_number:
                        ident = float(int(ident))  # Excel: 1.10105E+17, digits lost
                born: Cell = c.year_month(p.birth)
                if rng.random() < r.excel_number:
                    born = datetime(p.birth.year, p.birth.month, 1)
                name = c.name(p) if rng.random() >= r.name_blank or not ident else ""
                home, home_id = self.address(self.house_of(p, hh, True))
                sp_name = sp_id = ""
                if p.spouse >= 0:
                    s = w.persons[p.spouse]
                    x = rng.random()
                    sp_name = c.name(s) if x < 0.85 else ""
                    sp_id = c.id_number(s) if x < 0.6 or 0.85 <= x < 0.95 else ""
                marital = "" if self.blank() else p.marital
                row: list[Cell] = [
                    rid, name, ident, c.sex(p.sex, "cn"), born, home, self.phone(p), marital,
                    sp_name, sp_id, service,
                ]  # fmt: skip
                sink.write(row + self.note(extras))
                self.truth.add("civil_affairs", rid, "person", p.pid)
                self.ref("civil_affairs", rid, "house", home_id, home)
                if p.spouse >= 0:
                    self.ref(
                        "civil_affairs", rid, "spouse", w.persons[p.spouse].pid, sp_name, sp_id
                    )
            return sink.rows

    def family_planning(self, path: Path) -> int:
        extras, order = self.layout("family_planning")
        rng, c, w = self.rng, self.c, self.w
        families = [
            hh
            for hh in w.households
            if hh.family is not None
            and (hh.family[2] or w.persons[hh.family[0]].age() <= 45)
            and rng.random() < 0.8
        ]
        rng.shuffle(families)
        base = rng.randrange(10**6, 5 * 10**6)
        n = 0
        with CsvSink(path, HEADERS["family_planning"], "utf-8-sig", extras, order) as sink:
            for f, hh in enumerate(families):
                assert hh.family is not None
                head, spouse, kids = hh.family
                fid = f"JT{base + f:08d}"
                roles = [(head, "户主")] + ([(spouse, "配偶")] if spouse >= 0 else [])
                for i, role in [*roles, *((k, "子女") for k in kids)]:
                    p = w.persons[i]
                    n += 1
                    rid = f"JS{base * 3 + n:09d}"
                    ident = c.id_number(p, self.relative(p))
                    name = c.name(p) if rng.random() >= self.r.name_blank or not ident else ""
                    cur, cur_id = self.address(self.house_of(p, hh, True))
                    reg, reg_id = self.address(p.registered)
                    emp, emp_id = self.employer(p)
                    row: list[Cell] = [
                        rid, "" if self.blank() else fid, name, ident, c.sex(p.sex, "cn"),
                        c.date_text(p.birth, 1), role, cur, reg, emp, self.phone(p),
                    ]  # fmt: skip
                    sink.write(row + self.note(extras))
                    self.truth.add("family_planning", rid, "person", p.pid)
                    self.ref("family_planning", rid, "house", cur_id, cur)
                    self.ref("family_planning", rid, "registered_house", reg_id, reg)
                    self.ref("family_planning", rid, "employer", emp_id, emp_id)
            return sink.rows

    def housing(self, path: Path) -> int:
        extras, order = self.layout("housing")
        rng, c, w = self.rng, self.c, self.w
        flats = [d for d in w.dwellings if not d.external and rng.random() < 0.96]
        flats += [d for d in flats if rng.random() < self.r.house_duplicate]
        rng.shuffle(flats)
        base = rng.randrange(10**7, 5 * 10**7)
        with CsvSink(path, HEADERS["housing"], "utf-8", extras, order) as sink:
            for n, d in enumerate(flats):
                rid = f"FW{base + n:08d}"
                owner = w.persons[d.owner]
                o_name = "" if self.blank() else c.name(owner)
                o_id = c.id_number(owner)
                t_name = t_id = ""
                tenant = w.persons[d.tenant] if d.tenant >= 0 and rng.random() < 0.8 else None
                if tenant is not None:
                    t_name = "" if self.blank() else c.name(tenant)
                    t_id = c.id_number(tenant)
                row: list[Cell] = [rid, c.address(d), d.use, o_name, o_id, t_name, t_id]
                sink.write(row + self.note(extras))
                self.truth.add("housing", rid, "house", d.did)
                self.ref("housing", rid, "owner", owner.pid, o_name, o_id)
                if tenant is not None:
                    self.ref("housing", rid, "tenant", tenant.pid, t_name, t_id)
            return sink.rows

    def organisations(self, path: Path) -> int:
        extras, order = self.layout("organisations")
        rng, c, w = self.rng, self.c, self.w
        units = [o for o in w.orgs if o.registered]
        units += [o for o in units if rng.random() < self.r.org_duplicate]
        rng.shuffle(units)
        seen: set[str] = set()
        with CsvSink(path, HEADERS["organisations"], "utf-8", extras, order) as sink:
            for n, o in enumerate(units):
                rid = f"DJ{n + 1:07d}"
                again = o.oid in seen
                seen.add(o.oid)
                code = "" if again else c.credit_code(o.code)
                name = c.org_name(o) if again or rng.random() < 0.1 else o.name
                rep = w.persons[o.legal_rep]
                rep_name = "" if self.blank() else c.name(rep)
                rep_id = "" if again and rng.random() < 0.5 else c.id_number(rep)
                row: list[Cell] = [
                    rid, code, name, o.kind, rep_name, rep_id, o.address, c.date_text(o.founded, 1),
                ]  # fmt: skip
                sink.write(row + self.note(extras))
                self.truth.add("organisations", rid, "organisation", o.oid)
                self.ref("organisations", rid, "legal_rep", rep.pid, rep_name, rep_id)
            return sink.rows

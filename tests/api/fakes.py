"""An in-memory ``GraphStore`` for API tests: two persons, their home, employer, household.

Why a fake next to the real store: the API's job is access control, masking and
audit, and these tests need identifiers in *every* place a view can hold one —
top-level fields, golden candidates, conflict values, node props, raw rows under
Chinese headers, an unexpected extra column, free text — which is easiest to
guarantee with hand-built views. ``test_real_store.py`` runs the same checks
against ``SqliteGraphStore``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import NotFoundError
from kg.graph.model import GraphSnapshot
from kg.graph.views import (
    ConflictItem,
    DwellingView,
    EdgeView,
    EntityRef,
    GoldenValue,
    HouseholdView,
    LinkView,
    NodeView,
    OrganisationView,
    PersonHit,
    PersonLink,
    PersonProfile,
    PersonRef,
    QualityReport,
    RecordView,
    SourceCoverage,
    Subgraph,
)
from kg.store.graph import WriteStats
from loaders.normalise.ids import id_check_char


def id18(first17: str) -> str:
    return first17 + id_check_char(first17)


ID_ZHANG = id18("11010519850312171")  # ends in X
ID_LI = id18("11010519870601002")
ID_LI_2 = id18("11010819870601003")
ID_OWNER = id18("11010519600505123")
PHONE_ZHANG = "13812345678"
PHONE_LI = "13900001111"
PHONE_EMERGENCY = "13722223333"
LANDLINE = "010-62345678"
ALL_IDS = (ID_ZHANG, ID_LI, ID_LI_2, ID_OWNER)
ALL_PHONES = (PHONE_ZHANG, PHONE_LI, PHONE_EMERGENCY, "62345678")

ZHANG = PersonRef("P1", "张伟", "M", "1985-03-12", ID_ZHANG)
LI = PersonRef("P2", "李丽", "F", "1987-06-01", ID_LI)
D1 = EntityRef("D1", "Dwelling", "朝阳区建国路5号楼3单元502室")
O1 = EntityRef("O1", "Organisation", "北京华信科技有限公司")

POLICE_ROW = RecordView(
    "police", "R1", 2, "person", 1,
    {
        "记录编号": "R1", "姓名": "张伟", "公民身份号码": ID_ZHANG.lower(),
        "联系电话": "+86 138-1234-5678", "现住址": "建国路5号楼3单元502室",
        "紧急联系人电话": PHONE_EMERGENCY,  # an extra column kg has never seen
        "备注": f"配偶 李丽 {ID_LI} 电话 {PHONE_LI}",  # identifiers in free text
    },
    [],
)  # fmt: skip
CIVIL_ROW = RecordView(
    "civil_affairs", "C1", 2, "person", 1,
    {"编号": "C1", "姓名": "张伟", "身份证号": ID_ZHANG, "配偶姓名": "李丽",
     "配偶身份证号": ID_LI, "联系电话": f"{PHONE_ZHANG}/{LANDLINE}"},
    [],
)  # fmt: skip
HOUSING_ROW = RecordView(
    "housing", "H9", 3, "house", 1,
    {"房屋编号": "H9", "房屋地址": "建国路5-3-502", "产权人姓名": "王建国",
     "产权人证件号码": ID_OWNER, "承租人姓名": "张伟", "承租人证件号码": ID_ZHANG},
    [],
)  # fmt: skip


def _link(rel: str, role: str, person: PersonRef) -> PersonLink:
    return PersonLink(rel, role, person, "police", "R1", 0.97)


HOUSEHOLD = HouseholdView(
    "H1", "hukou", "110001", "police",
    [_link("MEMBER_OF", "member", ZHANG), _link("MEMBER_OF", "member", LI)],
)  # fmt: skip

PROFILE = PersonProfile(
    id="P1", name="张伟", pinyin="zhang wei", names=["张伟", "張偉"], sex="M",
    birth_date="1985-03-12", birth_dates=["1985-03-12"], ethnicity="汉",
    id_number=ID_ZHANG, id_numbers=[ID_ZHANG], phones=[PHONE_ZHANG],
    sources=["police:R1", "civil_affairs:C1"], record_count=2,
    golden={
        "name": [GoldenValue("张伟", ["police:R1"], True)],
        "id_number": [GoldenValue(ID_ZHANG, ["police:R1", "civil_affairs:C1"], True)],
        "phone": [GoldenValue(PHONE_ZHANG, ["police:R1"], True)],
        "current_address": [GoldenValue("建国路5号楼3单元502室", ["police:R1"], True)],
    },
    conflicts=[],
    records=[POLICE_ROW, CIVIL_ROW],
    dwellings=[LinkView("LIVES_AT", "resident", D1, "police", "R1", 0.95)],
    employers=[LinkView("WORKS_AT", "employer", O1, "police", "R1", 0.9)],
    organisations=[],
    family=[PersonLink("SPOUSE_OF", "spouse", LI, "civil_affairs", "C1", 0.99, "配偶")],
    households=[HOUSEHOLD],
)  # fmt: skip

LI_PROFILE = PersonProfile(
    id="P2", name="李丽", pinyin="li li", names=["李丽"], sex="F", birth_date="1987-06-01",
    birth_dates=["1987-06-01"], ethnicity=None, id_number=ID_LI, id_numbers=[ID_LI, ID_LI_2],
    phones=[PHONE_LI], sources=["civil_affairs:C1"], record_count=1, golden={},
    conflicts=["id_number"], records=[], dwellings=[], employers=[], organisations=[],
    family=[PersonLink("SPOUSE_OF", "spouse", ZHANG, "civil_affairs", "C1", 0.99, "配偶")],
    households=[HOUSEHOLD],
)  # fmt: skip

DWELLING = DwellingView(
    "D1", "建国|建国路5|5|3|502", "北京市朝阳区建国路5号楼3单元502室", ["建国路5-3-502"],
    "朝阳区", "建国", "建国路", "5", "3", "502", "room",
    residents=[_link("LIVES_AT", "resident", ZHANG), _link("LIVES_AT", "resident", LI)],
    registered=[], owners=[], tenants=[_link("RENTS", "tenant", ZHANG)],
    organisations=[], records=[HOUSING_ROW],
)  # fmt: skip

ORGANISATION = OrganisationView(
    "O1", "北京华信科技有限公司", ["华信科技"], "91110105MA01ABCD2X", ["91110105MA01ABCD2X"],
    "华信科技", "北京", None, "企业", "建国路88号",
    employees=[_link("WORKS_AT", "employee", LI)],
    legal_reps=[_link("LEGAL_REP_OF", "legal_rep", ZHANG)], registered_at=[], records=[],
)  # fmt: skip

SUBGRAPH = Subgraph(
    nodes=[
        NodeView("P1", "Person", "张伟",
                 {"name": "张伟", "id_number": ID_ZHANG, "id_numbers": [ID_ZHANG],
                  "phones": [PHONE_ZHANG]}),
        NodeView("P2", "Person", "李丽", {"name": "李丽", "id_number": ID_LI}),
        NodeView("D1", "Dwelling", D1.caption, {"address": D1.caption}),
    ],
    edges=[
        EdgeView("LIVES_AT", "P1", "D1", {"source": "police", "record_id": "R1"}),
        EdgeView("SPOUSE_OF", "P1", "P2", {"source": "civil_affairs", "record_id": "C1"}),
    ],
)  # fmt: skip

QUALITY = QualityReport(
    conflicting_ids=[ConflictItem(LI, "id_number", sorted([ID_LI, ID_LI_2]))],
    conflicting_ids_total=1,
    conflicting_birth_dates=[],
    conflicting_birth_dates_total=0,
    coverage={"police": SourceCoverage(1, 0), "civil_affairs": SourceCoverage(2, 1)},
    node_counts={"Person": 2, "Dwelling": 1, "Organisation": 1, "Household": 1},
    rel_counts={"LIVES_AT": 2, "SPOUSE_OF": 1},
)


@dataclass
class FakeStore:
    """Implements the ``GraphStore`` protocol over the constants above."""

    closed: bool = False
    calls: list[str] = field(default_factory=list)
    fail_with: Exception | None = None

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.fail_with is not None:
            raise self.fail_with

    def write(self, snapshot: GraphSnapshot) -> WriteStats:
        return WriteStats()

    def find_persons(
        self,
        id_number: str | None = None,
        name: str | None = None,
        birth_date: str | None = None,
        address: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[PersonHit]:
        self._call("find_persons")
        people = [ZHANG, LI]
        if id_number:
            people = [p for p in people if p.id_number == id_number.upper()]
        if name:
            people = [p for p in people if p.name == name]
        if birth_date:
            people = [p for p in people if (p.birth_date or "").startswith(birth_date)]
        hits = [
            PersonHit(p.id, p.name, p.sex, p.birth_date, p.id_number,
                      "id" if id_number else "name", 1.0)
            for p in people
        ]  # fmt: skip
        return hits[offset : offset + limit]

    def person_profile(self, person_id: str) -> PersonProfile:
        self._call("person_profile")
        profiles = {"P1": PROFILE, "P2": LI_PROFILE}
        if person_id not in profiles:
            raise NotFoundError(f"no Person with id {person_id!r}")
        return profiles[person_id]

    def dwelling(self, dwelling_id: str) -> DwellingView:
        self._call("dwelling")
        if dwelling_id != "D1":
            raise NotFoundError(f"no Dwelling with id {dwelling_id!r}")
        return DWELLING

    def organisation(self, organisation_id: str) -> OrganisationView:
        self._call("organisation")
        if organisation_id != "O1":
            raise NotFoundError(f"no Organisation with id {organisation_id!r}")
        return ORGANISATION

    def household(self, household_id: str) -> HouseholdView:
        self._call("household")
        if household_id != "H1":
            raise NotFoundError(f"no Household with id {household_id!r}")
        return HOUSEHOLD

    def neighbourhood(
        self, entity_id: str, hops: int = 1, limit: int = 200, include_records: bool = False
    ) -> Subgraph:
        self._call("neighbourhood")
        if entity_id not in {"P1", "P2", "D1"}:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return SUBGRAPH

    def shortest_path(self, a: str, b: str, max_hops: int = 6) -> Subgraph | None:
        self._call("shortest_path")
        if {a, b} <= {"P1", "P2", "D1"}:
            return SUBGRAPH
        return None

    def quality(self, limit: int = 100) -> QualityReport:
        self._call("quality")
        return QUALITY

    def entity_ids(self, label: str) -> set[str]:
        return {"Person": {"P1", "P2"}, "Dwelling": {"D1"}}.get(label, set())

    def dump(self) -> GraphSnapshot:
        return GraphSnapshot()

    def close(self) -> None:
        self.closed = True

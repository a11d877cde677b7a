"""The five departmental layouts of the data contract, as data.

Why a table and not five loader classes: every layout differs only in file format,
encoding, headers and which canonical field each header feeds; the reading,
checking and normalising machinery is shared. A mapping file (``loaders/mapping.py``)
builds the same ``Layout`` for any other extract, so both paths run the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

FileFormat = Literal["csv", "xlsx"]

#: Which normaliser a canonical field goes through (``loaders/rows.py`` dispatches on this).
FieldKind = Literal[
    "record_id",
    "name",
    "id",
    "date",
    "sex",
    "phones",
    "address",
    "org",
    "credit_code",
    "relation",
    "family_role",
    "text",
]

PERSON_FIELDS: tuple[str, ...] = (
    "record_id", "name", "former_name", "sex", "ethnicity", "birth_date", "id_number", "phone",
    "household_no", "relation", "registered_address", "current_address", "employer",
    "person_type", "marital_status", "spouse_name", "spouse_id", "service_type", "family_no",
    "family_role",
)  # fmt: skip
HOUSING_FIELDS: tuple[str, ...] = (
    "record_id", "address", "use", "owner_name", "owner_id", "tenant_name", "tenant_id",
)  # fmt: skip
ORG_FIELDS: tuple[str, ...] = (
    "record_id", "credit_code", "org_name", "org_type", "legal_rep_name", "legal_rep_id",
    "address", "founded_date",
)  # fmt: skip

_KIND_OF_FIELD: dict[str, FieldKind] = {
    "record_id": "record_id",
    **dict.fromkeys(
        ("name", "former_name", "spouse_name", "owner_name", "tenant_name", "legal_rep_name"),
        "name",
    ),
    **dict.fromkeys(("id_number", "spouse_id", "owner_id", "tenant_id", "legal_rep_id"), "id"),
    **dict.fromkeys(("birth_date", "founded_date"), "date"),
    "sex": "sex",
    "phone": "phones",
    **dict.fromkeys(("registered_address", "current_address", "address"), "address"),
    **dict.fromkeys(("employer", "org_name"), "org"),
    "credit_code": "credit_code",
    "relation": "relation",
    "family_role": "family_role",
}


def field_kind(canonical: str) -> FieldKind:
    """The normaliser a canonical field uses; anything not listed is cleaned text."""
    return _KIND_OF_FIELD.get(canonical, "text")


#: Canonical fields each kind may use (a mapping file is checked against these).
FIELDS_OF_KIND: dict[str, tuple[str, ...]] = {
    "police": PERSON_FIELDS,
    "civil_affairs": PERSON_FIELDS,
    "family_planning": PERSON_FIELDS,
    "housing": HOUSING_FIELDS,
    "organisations": ORG_FIELDS,
}

#: A row is usable only if at least one of these canonical fields is non-blank.
#: Why: a person with neither name nor ID, a house with no address, an organisation
#: with neither name nor code cannot be matched to anything and only adds noise.
REQUIRED_ANY: dict[str, tuple[str, ...]] = {
    "police": ("name", "id_number"),
    "civil_affairs": ("name", "id_number"),
    "family_planning": ("name", "id_number"),
    "housing": ("address",),
    "organisations": ("org_name", "credit_code"),
}


@dataclass(frozen=True)
class Layout:
    """How to read one source's file and what each of its headers means.

    ``columns`` maps a file header to a canonical field; its key order is the
    documented header order. Headers not in ``columns`` are extra: kept in ``raw``.
    """

    source: str
    kind: str
    format: FileFormat
    encoding: str | None  # None for xlsx
    columns: Mapping[str, str]
    sheet: str | int | None = None  # xlsx only: None = the first sheet
    description: str = field(default="", compare=False)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(self.columns)

    @property
    def record_id_header(self) -> str:
        return next(h for h, f in self.columns.items() if f == "record_id")


def _layout(
    source: str, fmt: FileFormat, encoding: str | None, pairs: str, description: str
) -> Layout:
    columns = dict(pair.split("=") for pair in pairs.split())
    return Layout(source, source, fmt, encoding, columns, description=description)


LAYOUTS: dict[str, Layout] = {
    "police": _layout(
        "police",
        "csv",
        # GB18030 is a superset of GBK (and GB2312), so GBK files decode unchanged.
        "gb18030",
        "记录编号=record_id 姓名=name 曾用名=former_name 性别=sex 民族=ethnicity "
        "出生日期=birth_date 公民身份号码=id_number 户号=household_no 与户主关系=relation "
        "户籍地址=registered_address 现住址=current_address 服务处所=employer 联系电话=phone "
        "人员类型=person_type",
        "公安 人口信息",
    ),
    "civil_affairs": _layout(
        "civil_affairs",
        "xlsx",
        None,
        "编号=record_id 姓名=name 身份证号=id_number 性别=sex 出生年月=birth_date "
        "居住地址=current_address 联系电话=phone 婚姻状况=marital_status 配偶姓名=spouse_name "
        "配偶身份证号=spouse_id 服务类别=service_type",
        "民政 服务对象",
    ),
    "family_planning": _layout(
        "family_planning",
        "csv",
        "utf-8-sig",
        "档案号=record_id 家庭档案号=family_no 姓名=name 身份证号=id_number 性别=sex "
        "出生日期=birth_date 家庭角色=family_role 现居住地址=current_address "
        "户籍地址=registered_address 工作单位=employer 手机号码=phone",
        "卫健/计生 家庭档案",
    ),
    "housing": _layout(
        "housing",
        "csv",
        "utf-8",
        "房屋编号=record_id 房屋地址=address 房屋用途=use 产权人姓名=owner_name "
        "产权人证件号码=owner_id 承租人姓名=tenant_name 承租人证件号码=tenant_id",
        "住建 实有房屋",
    ),
    "organisations": _layout(
        "organisations",
        "csv",
        "utf-8",
        "登记编号=record_id 统一社会信用代码=credit_code 单位名称=org_name 单位类型=org_type "
        "法定代表人=legal_rep_name 法定代表人证件号码=legal_rep_id 注册地址=address "
        "成立日期=founded_date",
        "市场监管/民政 单位登记",
    ),
}

SOURCES: tuple[str, ...] = tuple(LAYOUTS)

from __future__ import annotations

import pytest

from kg.errors import HeaderError
from loaders.headers import check_headers
from loaders.layouts import FIELDS_OF_KIND, LAYOUTS, field_kind

CONTRACT_HEADERS = {
    "police": "记录编号 姓名 曾用名 性别 民族 出生日期 公民身份号码 户号 与户主关系 "
    "户籍地址 现住址 服务处所 联系电话 人员类型",
    "civil_affairs": "编号 姓名 身份证号 性别 出生年月 居住地址 联系电话 婚姻状况 "
    "配偶姓名 配偶身份证号 服务类别",
    "family_planning": "档案号 家庭档案号 姓名 身份证号 性别 出生日期 家庭角色 现居住地址 户籍地址 "
    "工作单位 手机号码",
    "housing": "房屋编号 房屋地址 房屋用途 产权人姓名 产权人证件号码 承租人姓名 承租人证件号码",
    "organisations": "登记编号 统一社会信用代码 单位名称 单位类型 法定代表人 法定代表人证件号码 "
    "注册地址 成立日期",
}


@pytest.mark.parametrize("source", list(CONTRACT_HEADERS))
def test_layout_headers_are_the_contract(source: str) -> None:
    layout = LAYOUTS[source]
    assert list(layout.headers) == CONTRACT_HEADERS[source].split()
    assert layout.record_id_header == layout.headers[0]
    assert set(layout.columns.values()) <= set(FIELDS_OF_KIND[layout.kind])


def test_formats_and_encodings() -> None:
    assert (LAYOUTS["police"].format, LAYOUTS["police"].encoding) == ("csv", "gb18030")
    assert LAYOUTS["civil_affairs"].format == "xlsx"
    assert LAYOUTS["family_planning"].encoding == "utf-8-sig"
    assert LAYOUTS["housing"].encoding == LAYOUTS["organisations"].encoding == "utf-8"


def test_field_kinds() -> None:
    assert field_kind("spouse_id") == "id"
    assert field_kind("owner_name") == "name"
    assert field_kind("founded_date") == "date"
    assert field_kind("employer") == field_kind("org_name") == "org"
    assert field_kind("registered_address") == "address"
    assert field_kind("ethnicity") == "text"


def test_header_order_may_differ_and_extras_are_kept() -> None:
    headers = list(reversed(LAYOUTS["housing"].headers)) + ["备注"]
    hmap = check_headers(["\ufeff " + headers[0] + " ", *headers[1:]], LAYOUTS["housing"])
    assert hmap.extra == ("备注",)
    assert hmap.canonical[0] == "tenant_id"
    assert hmap.canonical[-1] is None


def test_header_error_names_all_missing_and_unexpected() -> None:
    headers = list(LAYOUTS["police"].headers)
    headers[headers.index("公民身份号码")] = "身份证号"
    headers.remove("现住址")
    with pytest.raises(HeaderError) as err:
        check_headers(headers, LAYOUTS["police"])
    msg = str(err.value)
    assert "公民身份号码" in msg and "现住址" in msg and "unexpected column(s): 身份证号" in msg


def test_duplicate_header_is_an_error() -> None:
    headers = [*LAYOUTS["housing"].headers, "房屋地址"]
    with pytest.raises(HeaderError, match="duplicate column.*房屋地址"):
        check_headers(headers, LAYOUTS["housing"])

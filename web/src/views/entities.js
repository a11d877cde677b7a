// 房屋 / 单位 / 户 pages: the entity's own fields and its people by role.
import { api } from "../api.js";
import { ensurePurpose } from "../dialogs.js";
import { h, loading, mount, section, text } from "../dom.js";
import { HOUSEHOLD_KINDS, PRECISION, label, sourceName } from "../labels.js";
import { entityTable, errorBox, personTable, recordsBlock } from "./common.js";

async function load(root, what, fetcher, render) {
  const purpose = await ensurePurpose(`${what}页面列出相关人员`);
  if (!purpose) {
    mount(root, h("section", { class: "card" }, h("div", { class: "error-box" }, "未填写事由，未打开页面。"), h("button", { type: "button", onclick: () => load(root, what, fetcher, render) }, "填写事由")));
    return;
  }
  mount(root, loading());
  try {
    const data = await fetcher();
    mount(root, ...render(data));
  } catch (err) {
    mount(root, errorBox(err));
  }
}

function facts(pairs) {
  return h(
    "dl",
    { class: "facts" },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length)).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v instanceof Node ? v : text(v))]),
  );
}

export function renderDwelling(root, id) {
  return load(root, "房屋", () => api.dwelling(id), (d) => [
    h(
      "section",
      { class: "card summary", id: "dwelling-summary", dataset: { id: d.id } },
      h("h1", {}, "房屋：", d.address || d.id),
      facts([
        ["区", d.district],
        ["社区", d.community],
        ["道路", d.road],
        ["楼", d.building],
        ["单元", d.unit],
        ["室", d.room],
        ["地址精度", d.precision ? label(PRECISION, d.precision) : null],
        ["各来源地址写法", d.addresses],
        ["编号", h("code", {}, d.id)],
      ]),
    ),
    section(`居住人员（${count(d.residents)} 人）`, personTable(d.residents)),
    section(`户籍登记人员（${count(d.registered)} 人）`, personTable(d.registered)),
    section(`产权人（${count(d.owners)} 人）`, personTable(d.owners)),
    section(`承租人（${count(d.tenants)} 人）`, personTable(d.tenants)),
    section("注册于此的单位", entityTable(d.organisations)),
    section(`来源记录（${(d.records || []).length} 条）`, recordsBlock(d.records)),
  ]);
}

export function renderOrganisation(root, id) {
  return load(root, "单位", () => api.organisation(id), (o) => [
    h(
      "section",
      { class: "card summary", id: "organisation-summary", dataset: { id: o.id } },
      h("h1", {}, "单位：", o.name || o.id),
      facts([
        ["统一社会信用代码", o.credit_code],
        ["其他代码", (o.credit_codes || []).filter((c) => c !== o.credit_code)],
        ["其他名称", (o.names || []).filter((n) => n !== o.name)],
        ["字号", o.core],
        ["地区", o.region],
        ["分支", o.branch],
        ["类型", o.org_type],
        ["地址", o.address],
        ["编号", h("code", {}, o.id)],
      ]),
    ),
    section(`法定代表人（${count(o.legal_reps)} 人）`, personTable(o.legal_reps)),
    section(`从业人员（${count(o.employees)} 人）`, personTable(o.employees)),
    section("注册地址", entityTable(o.registered_at)),
    section(`来源记录（${(o.records || []).length} 条）`, recordsBlock(o.records)),
  ]);
}

export function renderHousehold(root, id) {
  return load(root, "户", () => api.household(id), (hh) => [
    h(
      "section",
      { class: "card summary", id: "household-summary", dataset: { id: hh.id } },
      h("h1", {}, `${label(HOUSEHOLD_KINDS, hh.kind || "") || "户"}：${hh.number || hh.id}`),
      facts([
        ["来源", hh.source ? sourceName(hh.source) : null],
        ["编号", h("code", {}, hh.id)],
      ]),
    ),
    section(`成员（${count(hh.members)} 人）`, personTable(hh.members, { showRelation: true })),
  ]);
}

function count(links) {
  return new Set((links || []).map((l) => l.person.id)).size;
}

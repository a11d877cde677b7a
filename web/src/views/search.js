// 人员检索: one box for an ID number (any form), a name or pinyin; a result list.
// The query and its results stay in memory (never in the URL or history).
import { api } from "../api.js";
import { ensurePurpose } from "../dialogs.js";
import { h, loading, mount, table, text } from "../dom.js";
import { classify } from "../idquery.js";
import { MATCH, label } from "../labels.js";
import { errorBox, sexText } from "./common.js";

const state = { query: "", result: null, criteria: null };

export function renderSearch(root) {
  const input = h("input", {
    id: "search-input",
    type: "search",
    name: "q",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "身份证号（18/15 位，可含空格）、姓名或拼音",
    "aria-label": "检索条件",
  });
  input.value = state.query;
  const results = h("div", { id: "search-results" });
  const form = h(
    "form",
    { class: "search-form", role: "search", onsubmit: (e) => { e.preventDefault(); run(input.value, results); } },
    input,
    h("button", { type: "submit", id: "search-button" }, "查询"),
  );
  mount(
    root,
    h(
      "section",
      { class: "card" },
      h("h1", {}, "人员检索"),
      h("p", { class: "hint" }, "支持 18 位或 15 位身份证号（可带空格、小写 x、全角数字）、中文姓名、拼音。列表中的身份号码已脱敏；打开档案前需填写事由。"),
      form,
    ),
    results,
  );
  if (state.result) showResults(results);
  input.focus();
}

async function run(raw, results) {
  state.query = raw;
  const criteria = classify(raw);
  if (!criteria) {
    mount(results, errorBox(new Error("请输入检索条件")));
    return;
  }
  if (criteria.field === "partial_id") {
    mount(results, h("div", { class: "error-box" }, "身份证号位数不对：请输入完整的 18 位或 15 位号码。"));
    return;
  }
  const purpose = await ensurePurpose("检索会返回人员信息");
  if (!purpose) {
    mount(results, h("div", { class: "error-box" }, "未填写事由，未检索。"));
    return;
  }
  mount(results, loading("查询中…"));
  try {
    state.result = await api.searchPersons({ [criteria.field]: criteria.value }, { limit: 50 });
    state.criteria = criteria;
    showResults(results);
  } catch (err) {
    state.result = null;
    mount(results, errorBox(err));
  }
}

function showResults(results) {
  const items = state.result.items || [];
  const by = state.criteria.field === "id_number" ? "身份号码" : "姓名/拼音";
  if (!items.length) {
    mount(results, h("section", { class: "card" }, h("p", { class: "empty", id: "no-results" }, `按${by}未找到人员。`)));
    return;
  }
  const rows = items.map((p) =>
    h(
      "tr",
      { class: "hit", dataset: { id: p.id } },
      h("td", {}, h("a", { href: `#/person/${encodeURIComponent(p.id)}`, class: "open-person" }, p.name || p.id)),
      h("td", {}, sexText(p.sex)),
      h("td", {}, text(p.birth_date)),
      h("td", { class: "idnum" }, text(p.id_number)),
      h("td", {}, label(MATCH, p.match)),
      h("td", { class: "num" }, `${Math.round((p.similarity ?? 0) * 100)}%`),
    ),
  );
  mount(
    results,
    h(
      "section",
      { class: "card" },
      h("h2", {}, `检索结果（${items.length}${state.result.next ? "+" : ""} 人，按${by}）`),
      table(["姓名", "性别", "出生日期", "公民身份号码", "匹配方式", "相似度"], rows, { class: "results" }),
    ),
  );
}

// 人员档案: the golden record (best value per field, its sources, conflicts
// highlighted), the relationship graph, places, family, households and the
// verbatim source records behind it all. Values are shown exactly as the API
// returns them: masked identifiers stay masked.
import { api } from "../api.js";
import { askPurpose } from "../dialogs.js";
import { h, loading, mount, section, table, text } from "../dom.js";
import { SEX, sourceName, sourceRef } from "../labels.js";
import { renderGraph } from "./graph.js";
import { explainBlock } from "./explain.js";
import {
  entityTable,
  errorBox,
  fieldName,
  householdBlock,
  personTable,
  recordAnchor,
  recordsBlock,
  sexText,
  sourceChip,
} from "./common.js";

const FIELD_ORDER = ["name", "former_name", "id_number", "sex", "birth_date", "ethnicity", "phone", "marital_status", "person_type"];

export async function renderPerson(root, id, { skipPrompt = false } = {}) {
  if (!skipPrompt) {
    const purpose = await askPurpose("即将打开人员档案");
    if (!purpose) {
      mount(
        root,
        h(
          "section",
          { class: "card" },
          h("div", { class: "error-box" }, "未填写事由，未打开档案。"),
          h("button", { type: "button", onclick: () => renderPerson(root, id) }, "填写事由并打开"),
          " ",
          h("a", { href: "#/search" }, "返回检索"),
        ),
      );
      return;
    }
  }
  mount(root, loading("正在打开档案…"));
  let p;
  try {
    p = await api.person(id);
  } catch (err) {
    mount(root, errorBox(err));
    return;
  }
  const graphHost = h("div", { class: "graph-host" });
  mount(
    root,
    summaryCard(p),
    section("综合档案（最佳值及来源）", goldenTable(p)),
    section(
      "关系图谱",
      h("p", { class: "hint" }, "单击节点：展开其一跳关系；选中后可打开该节点的详情页。同一关系有多条来源时合并为一条连线。"),
      graphHost,
    ),
    section("住所与房屋", entityTable(p.dwellings)),
    section("工作单位", entityTable(p.employers)),
    section("任职单位（法定代表人等）", entityTable(p.organisations)),
    section("家庭成员", personTable(p.family, { showRelation: false, roles: true })),
    section("户 / 家庭档案", p.households && p.households.length ? p.households.map(householdBlock) : h("p", { class: "empty" }, "无")),
    section("归并依据", explainBlock(p.id)),
    section(`来源记录（${(p.records || []).length} 条，原样显示）`, recordsBlock(p.records)),
  );
  renderGraph(graphHost, p.id);
}

function summaryCard(p) {
  const conflicts = p.conflicts || [];
  return h(
    "section",
    { class: "card summary", id: "person-summary", dataset: { id: p.id } },
    h("h1", {}, p.name || p.id, p.pinyin ? h("span", { class: "pinyin" }, ` ${p.pinyin}`) : null),
    h(
      "dl",
      { class: "facts" },
      fact("公民身份号码", h("span", { class: "idnum", id: "person-id-number" }, text(p.id_number))),
      fact("性别", sexText(p.sex)),
      fact("出生日期", text(p.birth_date)),
      fact("民族", text(p.ethnicity)),
      fact("联系电话", h("span", { class: "idnum" }, text(p.phones))),
      fact("来源部门", h("span", {}, (p.sources || []).map(sourceChip))),
      fact("来源记录数", text(p.record_count)),
      fact("档案编号", h("code", {}, p.id)),
    ),
    conflicts.length
      ? h("p", { class: "conflict-note", id: "conflict-note" }, `注意：以下字段各来源不一致——${conflicts.map(fieldName).join("、")}。请以原始记录核实。`)
      : null,
  );
}

function fact(term, value) {
  return [h("dt", {}, term), h("dd", {}, value)];
}

function displayValue(field, value) {
  if (field === "sex" && typeof value === "string" && value in SEX) return SEX[value];
  return text(value);
}

function goldenTable(p) {
  const golden = p.golden || {};
  const conflicts = new Set(p.conflicts || []);
  const fields = [...FIELD_ORDER.filter((f) => f in golden), ...Object.keys(golden).filter((f) => !FIELD_ORDER.includes(f)).sort()];
  if (!fields.length) return h("p", { class: "empty" }, "无综合档案字段（当前角色可能无权查看）");
  const rows = [];
  for (const field of fields) {
    const candidates = golden[field] || [];
    const isConflict = conflicts.has(field) || candidates.length > 1;
    candidates.forEach((c, i) => {
      rows.push(
        h(
          "tr",
          { class: ["golden-row", c.chosen ? "chosen" : "alternative", isConflict ? "conflict" : null], dataset: { field } },
          i === 0 ? h("th", { scope: "rowgroup", rowspan: candidates.length }, fieldName(field), isConflict ? h("span", { class: "badge conflict-badge" }, "冲突") : null) : null,
          h("td", { class: ["value", field === "id_number" || field === "phone" ? "idnum" : null] }, displayValue(field, c.value)),
          h("td", {}, c.chosen ? h("span", { class: "badge chosen-badge" }, "采用") : h("span", { class: "badge alt-badge" }, "其他来源值")),
          h("td", { class: "sources" }, (c.sources || []).map(sourceLink)),
        ),
      );
    });
  }
  return table(["字段", "值", "状态", "来源（部门 · 记录）"], rows, { class: "golden" });
}

function sourceLink(ref) {
  const s = sourceRef(ref);
  return h(
    "a",
    {
      href: "#",
      class: ["chip", `src-${s.source}`],
      title: `查看 ${sourceName(s.source)} 记录 ${s.recordId}`,
      onclick: (e) => {
        e.preventDefault();
        const el = document.getElementById(recordAnchor(s.source, s.recordId));
        if (el) {
          el.scrollIntoView({ behavior: "smooth", block: "center" });
          el.classList.add("flash");
          setTimeout(() => el.classList.remove("flash"), 1500);
        }
      },
    },
    s.text,
  );
}

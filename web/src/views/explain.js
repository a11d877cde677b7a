// 归并依据 / 比对明细: why records are one entity, and a pair's comparison table.
import { api } from "../api.js";
import { h, loading, mount, table, text } from "../dom.js";
import { COMPARISONS, ROLES, label, sourceName } from "../labels.js";
import { entityLink, errorBox } from "./common.js";

const LEVELS = {
  exact: "一致",
  missing: "缺失",
  shared: "相同",
  different: "不同",
  disagree: "不一致",
  close: "接近",
  similar: "相似",
  pinyin: "同音",
  fuzzy: "相似",
  partial: "部分一致",
  same: "相同",
  "unit missing": "单元缺失",
  "room missing": "室号缺失",
};
const DECISIONS = { match: "合并", review: "待复核", "non-match": "不合并", nonmatch: "不合并", "must-link": "人工确认同一", "cannot-link": "人工确认不同" };

export const decisionText = (d) => label(DECISIONS, d);

export function refText(ref) {
  return `${sourceName(ref.source)} · ${ref.record_id}（${label(ROLES, ref.role)}）`;
}

export function refLink(ref) {
  const prefix = (ref.entity_id || "")[0];
  const kind = { P: "Person", D: "Dwelling", O: "Organisation" }[prefix];
  return h("span", { class: "ref" }, refText(ref), ref.entity_id && kind ? [" → ", entityLink(kind, ref.entity_id, ref.entity_id)] : null);
}

/** A table of comparison contributions (weights are log2 Bayes factors). */
export function contributionsTable(contributions) {
  if (!contributions || !contributions.length) return h("p", { class: "empty" }, "无比对明细");
  const rows = contributions.map((c) =>
    h(
      "tr",
      { class: c.weight > 0 ? "for" : c.weight < 0 ? "against" : "neutral" },
      h("td", {}, label(COMPARISONS, c.comparison)),
      h("td", {}, label(LEVELS, c.level)),
      h("td", { class: "num" }, (c.weight >= 0 ? "+" : "") + Number(c.weight).toFixed(2)),
      h("td", { class: "detail" }, text(c.detail)),
    ),
  );
  return table(["比对项", "结果", "权重", "比对值（A | B）"], rows, { class: "contrib" });
}

export function pairSummary(e) {
  return h(
    "p",
    { class: "pair-summary" },
    `先验 ${e.prior_weight.toFixed(2)} + 各项权重 = 总分 ${e.total.toFixed(2)} → 概率 ${(e.probability * 100).toFixed(1)}%；` +
      `阈值：合并 ≥ ${e.thresholds.match}，复核 ≥ ${e.thresholds.review}；系统判断：${decisionText(e.decision)}` +
      `；当前${e.same_entity ? "已归为同一人" : "分属不同档案"}`,
    e.hard_rule ? h("strong", { class: "hard-rule" }, `（硬规则：${e.hard_rule}）`) : null,
  );
}

/** The entity explanation, loaded on demand (it is audited like any read). */
export function explainBlock(entityId) {
  const host = h("div", { class: "explain" });
  const button = h(
    "button",
    {
      type: "button",
      class: "secondary",
      id: "explain-load",
      onclick: async () => {
        mount(host, loading());
        try {
          const data = await api.explainEntity(entityId);
          mount(host, renderEntityExplanation(data));
        } catch (err) {
          mount(host, errorBox(err), button);
        }
      },
    },
    "查看归并依据（各来源记录为何归入本档案）",
  );
  mount(host, button);
  return host;
}

function renderEntityExplanation(data) {
  if (!data.members.length) return h("p", { class: "empty" }, "无");
  return h(
    "ol",
    { class: "members" },
    data.members.map((m) =>
      h(
        "li",
        {},
        h("div", {}, h("strong", {}, refText(m.ref))),
        m.because.length
          ? m.because.map((b) =>
              h(
                "details",
                {},
                h("summary", {}, `与 ${refText(b.with)}：${decisionText(b.decision)}，概率 ${(b.probability * 100).toFixed(1)}%`),
                b.explanation ? [pairSummary(b.explanation), contributionsTable(b.explanation.contributions)] : contributionsTable(b.contributions),
              ),
            )
          : h("p", { class: "muted" }, "本档案唯一的记录，或按地址键归入"),
      ),
    ),
  );
}

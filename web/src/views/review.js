// 复核队列: record pairs the resolver left for a person to decide, each with its
// explanation, and must-link / cannot-link buttons (POST /v1/curation with a reason).
import { api } from "../api.js";
import { askReason, ensurePurpose } from "../dialogs.js";
import { h, loading, mount } from "../dom.js";
import { errorBox } from "./common.js";
import { contributionsTable, decisionText, pairSummary, refLink, refText } from "./explain.js";

const PAGE = 20;
const SAME = { persons: "同一人", dwellings: "同一房屋", organisations: "同一单位" };
const SPACES = { persons: "人员", dwellings: "房屋", organisations: "单位" };

export async function renderReview(root, offset = 0) {
  const purpose = await ensurePurpose("复核队列包含人员信息");
  if (!purpose) {
    mount(root, h("section", { class: "card" }, h("div", { class: "error-box" }, "未填写事由，未打开复核队列。"), h("button", { type: "button", onclick: () => renderReview(root, offset) }, "填写事由")));
    return;
  }
  mount(root, loading("正在加载复核队列…"));
  let page;
  try {
    page = await api.review({ limit: PAGE, offset });
  } catch (err) {
    mount(root, h("section", { class: "card" }, h("h1", {}, "复核队列"), errorBox(err)));
    return;
  }
  const items = page.items || [];
  mount(
    root,
    h(
      "section",
      { class: "card" },
      h("h1", {}, "复核队列"),
      h(
        "p",
        { class: "hint" },
        "系统无法自行判断的记录对（概率介于复核阈值与合并阈值之间），按概率从高到低排列——这是核对顺序，不是对任何居民的评分。" +
          "确认或否定须填写理由，并以当前令牌名义记录；复核决定仅管理员令牌可提交，提交后在下次运行 kg resolve 时生效。",
      ),
      items.length ? null : h("p", { class: "empty", id: "review-empty" }, "复核队列为空。"),
    ),
    items.map((item, i) => reviewCard(item, offset + i + 1)),
    h(
      "nav",
      { class: "pager" },
      offset > 0 ? h("button", { type: "button", class: "secondary", onclick: () => renderReview(root, Math.max(0, offset - PAGE)) }, "上一页") : null,
      page.next ? h("button", { type: "button", class: "secondary", onclick: () => renderReview(root, offset + PAGE) }, "下一页") : null,
    ),
  );
}

function reviewCard(item, n) {
  const status = h("div", { class: "curation-status" });
  const same = SAME[item.space] || "同一对象";
  const buttons = [
    h("button", { type: "button", class: "must-link", onclick: () => decide("must-link") }, `确认是${same}（必须合并）`),
    h("button", { type: "button", class: "cannot-link danger", onclick: () => decide("cannot-link") }, `确认不是${same}（禁止合并）`),
  ];
  async function decide(kind) {
    const verb = kind === "must-link" ? `是${same}` : `不是${same}`;
    const why = await askReason(`确认 ${refText(item.a)} 与 ${refText(item.b)} ${verb}。`);
    if (!why) return;
    buttons.forEach((b) => (b.disabled = true));
    mount(status, loading("正在提交…"));
    try {
      const ref = (r) => ({ source: r.source, record_id: r.record_id, role: r.role });
      const result = await api.curate({ kind, a: ref(item.a), b: ref(item.b), why });
      const c = result.curation;
      mount(status, h("p", { class: "ok" }, `已记录复核决定 #${c.id}（${c.kind === "must-link" ? "必须合并" : "禁止合并"}，记录人 ${c.who}）。下次运行 kg resolve 时生效。`));
    } catch (err) {
      buttons.forEach((b) => (b.disabled = false));
      mount(status, errorBox(err));
    }
  }
  const e = item.explanation;
  return h(
    "article",
    { class: "card review-item", dataset: { space: item.space } },
    h("h2", {}, `#${n} ${SPACES[item.space] || item.space}：概率 ${(item.probability * 100).toFixed(1)}%（${decisionText(item.decision)}）`),
    h("dl", { class: "facts" }, h("dt", {}, "记录 A"), h("dd", {}, refLink(item.a)), h("dt", {}, "记录 B"), h("dd", {}, refLink(item.b))),
    e ? [pairSummary(e), contributionsTable(e.contributions)] : contributionsTable(item.contributions),
    h("div", { class: "actions" }, buttons),
    status,
  );
}

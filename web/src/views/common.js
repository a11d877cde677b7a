// Pieces shared by the views: error boxes, links to entities, person rows, records.
import { ApiError, PurposeRequired } from "../api.js";
import { h, table, text } from "../dom.js";
import { FIELDS, HOUSEHOLD_KINDS, ROLES, SEX, label, sourceName } from "../labels.js";

export function errorBox(err) {
  let message;
  if (err instanceof ApiError) message = err.display;
  else if (err instanceof PurposeRequired) message = "未填写事由，未查询人员信息。";
  else message = `页面出错：${err?.message || err}`;
  return h("div", { class: "error-box", role: "alert" }, message);
}

export function entityHref(label_, id) {
  const kind = { Person: "person", Dwelling: "dwelling", Organisation: "organisation", Household: "household" }[label_];
  return kind ? `#/${kind}/${encodeURIComponent(id)}` : null;
}

export function entityLink(label_, id, caption) {
  const href = entityHref(label_, id);
  return href ? h("a", { href, class: "entity-link" }, caption || id) : h("span", {}, caption || id);
}

export function sourceChip(source) {
  return h("span", { class: ["chip", `src-${source}`], title: source }, sourceName(source));
}

export function sexText(code) {
  return code ? label(SEX, code) : "—";
}

/** Group PersonLinkOut items by person id: one row per person, every source listed. */
export function groupPersonLinks(links) {
  const byId = new Map();
  for (const link of links || []) {
    const key = link.person.id;
    if (!byId.has(key)) byId.set(key, { person: link.person, relations: new Set(), roles: new Set(), sources: [] });
    const row = byId.get(key);
    if (link.relation) row.relations.add(link.relation);
    if (link.role) row.roles.add(label(ROLES, link.role));
    if (link.source) row.sources.push({ source: link.source, recordId: link.record_id });
  }
  return [...byId.values()];
}

/** Group LinkOut items (person → entity) by entity id and role. */
export function groupEntityLinks(links) {
  const byKey = new Map();
  for (const link of links || []) {
    const key = `${link.entity.id}|${link.role}`;
    if (!byKey.has(key)) byKey.set(key, { entity: link.entity, role: link.role, relType: link.rel_type, sources: [] });
    if (link.source) byKey.get(key).sources.push({ source: link.source, recordId: link.record_id });
  }
  return [...byKey.values()];
}

export function sourcesCell(sources) {
  const seen = new Set();
  const chips = [];
  for (const s of sources) {
    const key = `${s.source}:${s.recordId || ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chips.push(h("span", { class: ["chip", `src-${s.source}`], title: key }, sourceName(s.source), s.recordId ? h("small", {}, ` ${s.recordId}`) : null));
  }
  return h("td", { class: "sources" }, chips);
}

export function personTable(links, { showRelation = false, roles = false } = {}) {
  const rows = groupPersonLinks(links).map((row) =>
    h(
      "tr",
      {},
      h("td", {}, entityLink("Person", row.person.id, row.person.name || row.person.id)),
      h("td", {}, sexText(row.person.sex)),
      h("td", {}, text(row.person.birth_date)),
      h("td", { class: "idnum" }, text(row.person.id_number)),
      roles ? h("td", {}, text([...row.roles])) : null,
      showRelation ? h("td", {}, text([...row.relations])) : null,
      sourcesCell(row.sources),
    ),
  );
  const headers = ["姓名", "性别", "出生日期", "公民身份号码", roles ? "关系" : null, showRelation ? "与户主关系" : null, "来源"].filter(Boolean);
  return rows.length ? table(headers, rows) : h("p", { class: "empty" }, "无");
}

export function entityTable(links) {
  const rows = groupEntityLinks(links).map((row) =>
    h(
      "tr",
      {},
      h("td", {}, entityLink(row.entity.label, row.entity.id, row.entity.caption)),
      h("td", {}, label(ROLES, row.role)),
      sourcesCell(row.sources),
    ),
  );
  return rows.length ? table(["名称/地址", "关系", "来源"], rows) : h("p", { class: "empty" }, "无");
}

export function householdBlock(hh) {
  const kind = label(HOUSEHOLD_KINDS, hh.kind || "");
  return h(
    "div",
    { class: "household" },
    h("h3", {}, entityLink("Household", hh.id, `${kind || "户"} ${hh.number || hh.id}`), " ", hh.source ? sourceChip(hh.source) : null),
    personTable(hh.members, { showRelation: true }),
  );
}

/** Verbatim source rows, exactly as the API returns them (identifier columns already masked). */
export function recordsBlock(records) {
  if (!records || !records.length) return h("p", { class: "empty" }, "无来源记录（或当前角色无权查看原始记录）");
  return h(
    "div",
    { class: "records" },
    records.map((r) =>
      h(
        "article",
        { class: "record", id: recordAnchor(r.source, r.record_id), dataset: { source: r.source } },
        h(
          "header",
          {},
          sourceChip(r.source),
          h("strong", {}, ` ${r.record_id}`),
          h("span", { class: "muted" }, ` 第 ${r.row_no ?? "—"} 行 · 身份：${label(ROLES, r.role)}`),
          r.version != null ? h("span", { class: "muted" }, ` · 版本 ${r.version}`) : null,
        ),
        r.issues && r.issues.length
          ? h(
              "ul",
              { class: "issues" },
              r.issues.map((i) => h("li", {}, typeof i === "object" ? `${i.column || ""}：${i.reason || JSON.stringify(i)}` : String(i))),
            )
          : null,
        r.raw
          ? h(
              "table",
              { class: "raw" },
              h("tbody", {}, Object.entries(r.raw).map(([k, v]) => h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v === "" || v == null ? "" : String(v))))),
            )
          : h("p", { class: "muted" }, "原始记录不可见"),
      ),
    ),
  );
}

export function recordAnchor(source, recordId) {
  return `rec-${source}-${recordId}`.replace(/[^A-Za-z0-9_-]/g, "_");
}

export function fieldName(code) {
  return label(FIELDS, code);
}

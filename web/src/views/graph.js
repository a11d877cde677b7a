// 关系图谱: the person's neighbourhood drawn with Cytoscape.js, expanded hop by hop.
// A tap on a node fetches /v1/graph/neighbourhood/{id}?hops=1 and adds what is new.
// Parallel relationships (the same claim from several source records) are drawn
// as one edge that counts its sources.
import cytoscape from "cytoscape";
import { api } from "../api.js";
import { h, mount, text } from "../dom.js";
import { HOUSEHOLD_KINDS, LABELS, REL_TYPES, SEX, label, sourceName } from "../labels.js";
import { entityHref, errorBox } from "./common.js";

const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const NEIGHBOUR_LIMIT = 80;

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(caption)",
      "font-family": FONT,
      "font-size": 11,
      color: "#1f2933",
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "ellipsis",
      "text-max-width": 140,
      width: 28,
      height: 28,
      "background-color": "#9aa5b1",
      "border-width": 1,
      "border-color": "#52606d",
    },
  },
  { selector: 'node[label = "Person"]', style: { "background-color": "#3b82f6", shape: "ellipse" } },
  { selector: 'node[label = "Dwelling"]', style: { "background-color": "#16a34a", shape: "round-rectangle" } },
  { selector: 'node[label = "Organisation"]', style: { "background-color": "#f59e0b", shape: "diamond" } },
  { selector: 'node[label = "Household"]', style: { "background-color": "#8b5cf6", shape: "hexagon" } },
  { selector: "node.root", style: { width: 40, height: 40, "border-width": 4, "border-color": "#1e3a8a", "font-weight": "bold" } },
  { selector: "node.expanded", style: { "border-width": 3, "border-style": "double" } },
  { selector: "node:selected", style: { "overlay-color": "#ef4444", "overlay-opacity": 0.25, "overlay-padding": 6 } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "line-color": "#9aa5b1",
      "target-arrow-color": "#9aa5b1",
      label: "data(caption)",
      "font-family": FONT,
      "font-size": 9,
      color: "#52606d",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": 1,
    },
  },
  { selector: 'edge[type = "SPOUSE_OF"], edge[type = "PARENT_OF"]', style: { "line-color": "#3b82f6", "target-arrow-color": "#3b82f6" } },
  { selector: 'edge[type = "MEMBER_OF"]', style: { "line-color": "#8b5cf6", "target-arrow-color": "#8b5cf6", "line-style": "dashed" } },
  { selector: 'edge[type = "WORKS_AT"], edge[type = "LEGAL_REP_OF"]', style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b" } },
];

export function renderGraph(host, rootId) {
  const canvas = h("div", { class: "graph", id: "graph", "aria-label": "关系图谱" });
  const panel = h("aside", { class: "graph-panel", id: "graph-panel" }, h("p", { class: "hint" }, "单击节点查看并展开。"));
  const status = h("p", { class: "graph-status", id: "graph-status" }, "正在加载关系…");
  mount(host, h("div", { class: "graph-wrap" }, canvas, panel), legend(), status);

  const cy = cytoscape({
    container: canvas,
    style: STYLE,
    elements: [],
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
  });
  // Exposed for the browser test and for debugging in the console; holds only
  // what the page already shows.
  window.cy = cy;
  const expanded = new Set();
  let busy = false;

  const updateCount = () => {
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
  };

  async function expand(id, origin) {
    if (busy || expanded.has(id)) return;
    busy = true;
    status.textContent = "正在展开…";
    try {
      const sub = await api.neighbourhood(id, 1);
      const before = cy.nodes().length;
      const depth = before ? (cy.getElementById(id).data("depth") ?? 0) + 1 : 1;
      add(cy, sub, origin, depth);
      if (!before) cy.getElementById(id).data("depth", 0);
      expanded.add(id);
      cy.getElementById(id).addClass("expanded");
      const added = cy.nodes().length - before;
      relayout(cy);
      updateCount();
      status.textContent =
        `共 ${cy.nodes().length} 个节点、${cy.edges().length} 条关系` +
        (before ? `；本次新增 ${added} 个节点` : "") +
        (sub.truncated ? "（关系过多，部分未显示）" : "");
    } catch (err) {
      mount(status, errorBox(err));
    } finally {
      busy = false;
      canvas.dataset.busy = "false";
    }
  }

  cy.on("tap", "node", (event) => {
    const node = event.target;
    showNode(panel, node, expanded.has(node.id()));
    if (!expanded.has(node.id())) {
      canvas.dataset.busy = "true";
      expand(node.id(), node.position()).then(() => showNode(panel, node, true));
    }
  });

  expand(rootId, null).then(() => {
    const root = cy.getElementById(rootId);
    root.addClass("root");
    if (root.nonempty()) showNode(panel, root, true);
  });
  return cy;
}

function add(cy, sub, origin, depth) {
  const around = origin || { x: 0, y: 0 };
  const nodes = (sub.nodes || []).filter((n) => cy.getElementById(n.id).empty());
  // New nodes start on a ring around the node that was expanded; the layout then settles them.
  const radius = 90 + 6 * nodes.length;
  cy.add(
    nodes.map((n, i) => ({
      group: "nodes",
      data: { id: n.id, label: n.label, caption: caption(n), props: n.props || {}, depth },
      position: {
        x: around.x + radius * Math.cos((2 * Math.PI * i) / Math.max(nodes.length, 1)),
        y: around.y + radius * Math.sin((2 * Math.PI * i) / Math.max(nodes.length, 1)),
      },
    })),
  );
  for (const e of sub.edges || []) {
    if (cy.getElementById(e.start).empty() || cy.getElementById(e.end).empty()) continue;
    const id = `${e.type}|${e.start}|${e.end}`;
    const existing = cy.getElementById(id);
    const source = e.props?.source;
    const rid = e.props?.record_id;
    if (existing.nonempty()) {
      const refs = existing.data("refs");
      const key = `${source}:${rid}`;
      if (!refs.includes(key)) {
        refs.push(key);
        existing.data("caption", edgeCaption(e.type, refs.length));
      }
      continue;
    }
    cy.add({
      group: "edges",
      data: { id, source: e.start, target: e.end, type: e.type, refs: [`${source}:${rid}`], caption: edgeCaption(e.type, 1), relation: e.props?.relation },
    });
  }
}

function caption(n) {
  if (n.label === "Household" && n.props?.number) {
    return `${label(HOUSEHOLD_KINDS, n.props.kind || "") || "户"} ${n.props.number}`;
  }
  return n.caption || n.id;
}

function edgeCaption(type, count) {
  const name = label(REL_TYPES, type);
  return count > 1 ? `${name}×${count}` : name;
}

function relayout(cy) {
  // Rings around the person: hop 1 on the first ring, what a click added further out.
  cy.layout({
    name: "concentric",
    animate: false,
    fit: true,
    padding: 30,
    concentric: (node) => 10 - (node.data("depth") ?? 9),
    levelWidth: () => 1,
    minNodeSpacing: 80,
    startAngle: (3 / 2) * Math.PI,
  }).run();
  // A small graph fitted to the box would be drawn huge: cap the zoom.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
}

function showNode(panel, node, isExpanded) {
  const d = node.data();
  const props = d.props || {};
  const href = entityHref(d.label, d.id);
  const rows = [];
  const add = (k, v) => {
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) rows.push(h("dt", {}, k), h("dd", {}, text(v)));
  };
  add("类型", label(LABELS, d.label));
  if (d.label === "Person") {
    add("性别", props.sex ? label(SEX, props.sex) : null);
    add("出生日期", props.birth_date);
    add("公民身份号码", props.id_number);
    add("来源部门", (props.sources || []).map(sourceName));
  } else if (d.label === "Dwelling") {
    add("地址", props.address);
    add("来源部门", (props.sources || []).map(sourceName));
  } else if (d.label === "Organisation") {
    add("名称", props.name);
    add("统一社会信用代码", props.credit_code);
    add("地址", props.address);
  } else if (d.label === "Household") {
    add("户号/档案号", props.number);
    add("来源", props.source ? sourceName(props.source) : null);
  }
  mount(
    panel,
    h("h3", {}, d.caption),
    h("dl", { class: "facts compact" }, rows),
    h("p", { class: "muted" }, isExpanded ? "已展开一跳关系" : "正在展开…"),
    href ? h("a", { href, class: "button", id: "graph-open" }, "打开详情") : null,
  );
}

function legend() {
  const items = [
    ["Person", "人员"],
    ["Dwelling", "房屋/地址"],
    ["Organisation", "单位"],
    ["Household", "户/家庭档案"],
  ];
  return h("ul", { class: "legend" }, items.map(([k, v]) => h("li", {}, h("span", { class: ["swatch", `swatch-${k}`] }), v)));
}

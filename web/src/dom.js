// Building DOM nodes without innerHTML: every value from the API goes in as text.

/**
 * h("a", {href: "#/x", class: "link", onclick: fn}, "text", child, [more children])
 * Attributes named on* become event listeners; `class` may be an array; null/false
 * children and attributes are skipped. `style` is refused (the CSP forbids inline styles).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (key === "style") {
      throw new Error("inline styles are not allowed (CSP); use a class");
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace an element's content. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A display string for any API value (lists joined, empties as a dash). */
export function text(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(text).join("、") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function section(title, ...body) {
  return h("section", { class: "card" }, h("h2", {}, title), ...body);
}

export function table(headers, rows, opts = {}) {
  return h(
    "table",
    { class: ["grid", opts.class] },
    h("thead", {}, h("tr", {}, headers.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows),
  );
}

export function empty(message) {
  return h("p", { class: "empty" }, message);
}

export function loading(message = "加载中…") {
  return h("p", { class: "loading" }, message);
}

// Turning what a caseworker types into a search: an ID number in any form
// (18 or 15 digits, spaces or dashes, lower-case x, full-width digits), a name
// in characters, or pinyin. The server normalises again; this only picks the field.

/** Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ｘ) → half-width; ideographic space → space. */
export function toHalfWidth(s) {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

const ID_SEPARATORS = /[\s\-_.·]/g;

/** The compact ID if `raw` is ID-shaped (15 digits, or 17 digits + digit/X), else null. */
export function asIdNumber(raw) {
  const compact = toHalfWidth(raw).replace(ID_SEPARATORS, "").toUpperCase();
  return /^(\d{15}|\d{17}[\dX])$/.test(compact) ? compact : null;
}

/** {field: "id_number"|"name", value} or null for an empty query. */
export function classify(raw) {
  const trimmed = toHalfWidth(raw || "").trim();
  if (!trimmed) return null;
  const id = asIdNumber(trimmed);
  if (id) return { field: "id_number", value: id };
  if (/^[\d\sXx\-]+$/.test(trimmed)) return { field: "partial_id", value: trimmed };
  return { field: "name", value: trimmed.replace(/\s+/g, trimmed.match(/[\u4e00-\u9fff]/) ? "" : " ") };
}

// Every call to the /v1 API goes through here: bearer token, X-Purpose on reads of
// persons, problem+json errors turned into ApiError with a Chinese message.
import { getPurpose, getToken, signOut } from "./session.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.requestId = this.problem.request_id || null;
  }

  /** A message for the page, in Chinese, with the request id to quote. */
  get display() {
    const base = STATUS_TEXT[this.status] || `请求失败（${this.status}）`;
    const detail = this.problem.detail ? `：${this.problem.detail}` : "";
    const rid = this.requestId ? `（请求编号 ${this.requestId}）` : "";
    return `${base}${detail}${rid}`;
  }
}

const STATUS_TEXT = {
  0: "无法连接服务器",
  400: "请求有误",
  401: "令牌无效或已过期，请重新登录",
  403: "当前令牌无权执行此操作",
  404: "未找到",
  409: "与已有复核决定冲突",
  413: "请求内容过大",
  422: "参数不正确",
  429: "请求过于频繁，请稍后再试",
  500: "服务器内部错误",
  503: "数据存储暂不可用",
};

export class PurposeRequired extends Error {}

/**
 * request("GET", "/persons/P1", {purpose: true}) — path relative to /v1.
 * purpose: true sends the current 事由 as X-Purpose (percent-encoded UTF-8) and
 * refuses to send the request without one.
 */
export async function request(method, path, { purpose = false, query, body } = {}) {
  const token = getToken();
  if (!token) throw new ApiError(401, { title: "Unauthorized" });
  const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
  if (purpose) {
    const why = getPurpose();
    if (!why) throw new PurposeRequired("查阅人员信息前须填写事由");
    headers["X-Purpose"] = encodeURIComponent(why);
  }
  let url = `/v1${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  const init = { method, headers, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, { title: "Network error", detail: String(err.message || err) });
  }
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = data || { title: response.statusText };
    if (!problem.request_id) problem.request_id = response.headers.get("X-Request-ID");
    if (response.status === 401) signOut();
    throw new ApiError(response.status, problem);
  }
  return data;
}

export const api = {
  /** Token check that returns no person: 200 or 403 both mean the token is valid. */
  async checkToken() {
    try {
      return await request("GET", "/quality");
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) return null;
      throw err;
    }
  },
  /** POST /v1/persons/search: the criteria (an ID number, a name) travel in the body, never in a URL. */
  searchPersons: (criteria, { limit = 50, offset = 0 } = {}) =>
    request("POST", "/persons/search", { purpose: true, body: criteria, query: { limit, offset } }),
  person: (id) => request("GET", `/persons/${encodeURIComponent(id)}`, { purpose: true }),
  dwelling: (id) => request("GET", `/dwellings/${encodeURIComponent(id)}`, { purpose: true }),
  organisation: (id) =>
    request("GET", `/organisations/${encodeURIComponent(id)}`, { purpose: true }),
  household: (id) => request("GET", `/households/${encodeURIComponent(id)}`, { purpose: true }),
  neighbourhood: (id, hops = 1) =>
    request("GET", `/graph/neighbourhood/${encodeURIComponent(id)}`, {
      purpose: true,
      query: { hops },
    }),
  review: (query) => request("GET", "/review", { purpose: true, query }),
  curate: (body) => request("POST", "/curation", { purpose: true, body }),
  explainEntity: (id) =>
    request("GET", `/entities/${encodeURIComponent(id)}/explain`, { purpose: true }),
};

// Entry point: sign-in, the header, and a small hash router.
// Routes: #/search, #/person/{id}, #/dwelling/{id}, #/organisation/{id},
// #/household/{id}, #/review. Only entity ids ever appear in the URL — never the
// token, a search query or an ID number.
import { api } from "./api.js";
import { askPurpose } from "./dialogs.js";
import { h, mount } from "./dom.js";
import { getPurpose, getToken, onChange, setToken, signOut } from "./session.js";
import { errorBox } from "./views/common.js";
import { renderDwelling, renderHousehold, renderOrganisation } from "./views/entities.js";
import { renderPerson } from "./views/person.js";
import { renderReview } from "./views/review.js";
import { renderSearch } from "./views/search.js";

const app = document.getElementById("app");

function renderHeader() {
  const signedIn = Boolean(getToken());
  document.getElementById("nav").hidden = !signedIn;
  document.getElementById("session").hidden = !signedIn;
  document.getElementById("purpose-text").textContent = getPurpose() || "未填写";
  const route = parseRoute().name;
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.classList.toggle("active", a.dataset.nav === route);
  }
}

function renderSignIn(message) {
  const input = h("input", {
    id: "token-input",
    type: "password",
    name: "token",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    placeholder: "kg_…",
    "aria-label": "访问令牌",
  });
  const status = h("div", { id: "signin-status" }, message ? h("div", { class: "error-box" }, message) : null);
  const form = h(
    "form",
    {
      class: "signin-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!/^[A-Za-z0-9_\-.~+/=]{8,512}$/.test(token)) {
          mount(status, h("div", { class: "error-box" }, "令牌格式不正确。"));
          return;
        }
        setToken(token);
        try {
          await api.checkToken();
          input.value = "";
          route();
        } catch (err) {
          signOut();
          mount(status, errorBox(err));
        }
      },
    },
    h("label", { for: "token-input" }, "访问令牌"),
    input,
    h("button", { type: "submit", id: "signin-button" }, "登录"),
  );
  mount(
    app,
    h(
      "section",
      { class: "card signin" },
      h("h1", {}, "登录 · 一人一档"),
      h("p", { class: "hint" }, "请输入系统管理员为您签发的访问令牌。令牌仅保存在本浏览器标签页的会话存储中，关闭标签页即失效；请勿在地址栏或聊天工具中传递令牌。"),
      form,
      status,
    ),
  );
  input.focus();
}

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [name = "search", rawId] = hash.split("/");
  let id = null;
  try {
    id = rawId ? decodeURIComponent(rawId) : null;
  } catch {
    id = null;
  }
  return { name: name || "search", id };
}

async function route() {
  renderHeader();
  if (!getToken()) {
    renderSignIn();
    return;
  }
  const { name, id } = parseRoute();
  window.scrollTo(0, 0);
  try {
    switch (name) {
      case "person":
        if (id) return await renderPerson(app, id);
        break;
      case "dwelling":
        if (id) return await renderDwelling(app, id);
        break;
      case "organisation":
        if (id) return await renderOrganisation(app, id);
        break;
      case "household":
        if (id) return await renderHousehold(app, id);
        break;
      case "review":
        return await renderReview(app);
      default:
        break;
    }
    renderSearch(app);
  } catch (err) {
    mount(app, errorBox(err));
  } finally {
    renderHeader();
    if (!getToken()) renderSignIn("令牌无效或已过期，请重新登录。");
  }
}

document.getElementById("signout").addEventListener("click", () => {
  signOut();
  location.hash = "#/search";
  renderSignIn("已退出登录。");
});
document.getElementById("purpose-change").addEventListener("click", () => askPurpose());
onChange(renderHeader);
window.addEventListener("hashchange", route);
route();

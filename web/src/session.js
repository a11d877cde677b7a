// The session: the API token (sessionStorage: gone when the tab closes, never in
// the URL) and the current purpose (事由; memory only, asked for again after a reload).

const TOKEN_KEY = "kg.token";
let purpose = null;
const listeners = new Set();

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  notify();
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  purpose = null;
  notify();
}

export function getPurpose() {
  return purpose;
}

export function setPurpose(value) {
  purpose = value;
  notify();
}

export function onChange(fn) {
  listeners.add(fn);
}

function notify() {
  for (const fn of listeners) fn();
}

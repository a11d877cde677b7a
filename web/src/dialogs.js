// Modal prompts: the purpose (事由) before a person is read, the reason for a curation.
import { getPurpose, setPurpose } from "./session.js";

const MAX_PURPOSE = 200;

function prompt({ dialog, form, input, error, cancel, initial, validate }) {
  return new Promise((resolve) => {
    input.value = initial || "";
    error.hidden = true;
    const done = (value) => {
      form.removeEventListener("submit", onSubmit);
      cancel.removeEventListener("click", onCancel);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const value = input.value.trim();
      const problem = validate(value);
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        input.focus();
        return;
      }
      done(value);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener("submit", onSubmit);
    cancel.addEventListener("click", onCancel);
    dialog.addEventListener("cancel", onCancel);
    dialog.showModal();
    input.focus();
    input.select();
  });
}

/**
 * Ask for the purpose (prefilled with the current one). Resolves to the purpose,
 * or null if the user cancels. `why` explains what is about to be read.
 */
export async function askPurpose(why) {
  const $ = (id) => document.getElementById(id);
  $("purpose-why").textContent =
    (why ? `${why}。` : "") + "查阅人员信息须说明事由（如案件编号、服务事项），事由将记入审计日志。";
  const value = await prompt({
    dialog: $("purpose-dialog"),
    form: $("purpose-form"),
    input: $("purpose-input"),
    error: $("purpose-error"),
    cancel: $("purpose-cancel"),
    initial: getPurpose(),
    validate: (v) => {
      if (!v) return "请填写事由";
      if (v.length > MAX_PURPOSE) return `事由不超过 ${MAX_PURPOSE} 个字`;
      return null;
    },
  });
  if (value) setPurpose(value);
  return value;
}

/** The current purpose, asking for one first if none is set. */
export async function ensurePurpose(why) {
  return getPurpose() || (await askPurpose(why));
}

/** Ask for a curation reason; resolves to the text or null. */
export function askReason(summary) {
  const $ = (id) => document.getElementById(id);
  $("reason-summary").textContent = summary;
  return prompt({
    dialog: $("reason-dialog"),
    form: $("reason-form"),
    input: $("reason-input"),
    error: $("reason-error"),
    cancel: $("reason-cancel"),
    initial: "",
    validate: (v) => (v.length < 2 ? "请填写理由（至少 2 个字）" : null),
  });
}

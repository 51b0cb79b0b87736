// What every page of the portal shares: calling the API, escaping, the refusals in Vietnamese, numbers and times,
// the checks a value of a criterion gets before it is sent, and field errors shown beside their fields.
import * as auth from "./auth.js";

const apiBase = window.COMPACTS_API ?? "/api";
export const fmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
/** A value as the unit typed it: up to the 6 decimals the server keeps. */
export const exact = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 });

export async function api(path, { method = "GET", body, accept, headers: extra = {} } = {}) {
  const headers = { ...(await auth.callerHeaders()), ...extra };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (accept) headers.Accept = accept;
  const response = await fetch(`${apiBase}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.blob();
  return { status: response.status, ok: response.ok, data };
}

/**
 * Who is looking: the secretariat (GET /units answers it; `units` is every unit), else a unit's user and its unit
 * (GET /users/{self}; `unitId` null when that is not known).
 */
export async function caller() {
  const me = auth.userId();
  const [units, user] = await Promise.all([api("units"), me ? api(`users/${encodeURIComponent(me)}`) : null]);
  return units.ok ? { admin: true, units: units.data, unitId: null } : { admin: false, units: [], unitId: user?.ok ? user.data.unitId ?? null : null };
}

/** The members' unit names of a compact, by unit id (GET …/members: every reader of the compact may ask); {} when refused. */
export async function unitNames(compactId) {
  const members = await api(`compacts/${compactId}/members`);
  return members.ok ? Object.fromEntries(members.data.members.map((m) => [m.unitId, m.name ?? m.unitId])) : {};
}

export const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// The API answers in English (its contract is read by developers); the portal names each refusal in Vietnamese and
// keeps the server's detail beneath it.
const refusals = {
  400: "Dữ liệu chưa hợp lệ.",
  401: "Bạn chưa đăng nhập.",
  403: "Bạn không có quyền thực hiện việc này.",
  404: "Không tìm thấy.",
  409: "Xung đột với dữ liệu đã có.",
  412: "Báo cáo vừa có bản mới hơn; hãy tải lại trang rồi gửi lại.",
  413: "Dữ liệu gửi lên quá lớn.",
  415: "Định dạng dữ liệu không được chấp nhận.",
  422: "Yêu cầu không thể xử lý.",
  429: "Quá nhiều yêu cầu; hãy thử lại sau ít phút.",
  503: "Máy chủ tạm thời không phục vụ được; hãy thử lại sau ít phút.",
};

/** The refusal in Vietnamese, the server's detail beneath; with field errors, a pointer to the fields (each beside its own). */
export function problem(result, title = refusals[result.status] ?? `Lỗi ${result.status}.`) {
  const p = result.data ?? {};
  const fields = p.errors && Object.keys(p.errors).length > 0 ? " Vui lòng sửa các ô được đánh dấu." : "";
  const detail = p.detail ?? p.title;
  return `${esc(title)}${fields}${detail ? ` <span class="detail" lang="en">${esc(detail)}</span>` : ""}`;
}

export const months = (compact) => [...Array(12).keys()].map((m) => `${compact.year}-${String(m + 1).padStart(2, "0")}`);
export const monthName = (period) => `${Number(period.slice(5))}/${period.slice(0, 4)}`;
export const localTime = (instant, timeZone = "Asia/Ho_Chi_Minh") => new Date(instant).toLocaleString("vi-VN", { timeZone });

/** The UTC offset of a time zone at an instant, in minutes (420 for Asia/Ho_Chi_Minh). */
function offsetMinutes(instant, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}

/**
 * A datetime-local input's value ("2024-12-27T17:00"), read as a wall-clock time in the compact's time zone, as an ISO 8601
 * instant with that zone's offset ("2024-12-27T17:00:00+07:00"); null when the text is not such a value.
 */
export function zonedInstant(local, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local ?? "");
  if (!m) return null;
  const wall = Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6] ?? 0);
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60000, timeZone); // the offset at the instant itself (a daylight-saving change between)
  const sign = offset < 0 ? "-" : "+";
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${sign}${hhmm}`;
}

/** The wall-clock time of an instant in a time zone, as a datetime-local input's value ("2024-12-27T17:00"). */
export function localInput(instant, timeZone) {
  const shifted = new Date(instant + offsetMinutes(instant, timeZone) * 60000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * A click handler that fetches a file through the API (with the caller's credentials) and saves it as fileName, the name the
 * server gives it; a refusal goes into the element `error` (hidden again after a file came).
 */
export function downloader(path, fileName, error) {
  return async () => {
    const file = await api(path);
    if (!file.ok) { error.hidden = false; error.innerHTML = problem(file); return; }
    error.hidden = true;
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(file.data), download: fileName });
    link.click();
  };
}

/** A month selector like the report form's: choosing a month opens the same page for it. */
export function monthSelect(compact, period, hashOf) {
  const select = `<select id="period" aria-label="Tháng">${months(compact).map((m) => `<option ${m === period ? "selected" : ""}>${m}</option>`).join("")}</select>`;
  return { html: select, bind: () => { document.getElementById("period").onchange = (e) => { location.hash = hashOf(e.target.value); }; } };
}

/** The criteria of a compact assigned to a unit: a quantitative one only where it has the unit's target. */
export const assignedTo = (unitId) => (k) => k.type !== "quantitative" || Boolean(k.targets && k.targets[unitId]);

// The server's limits (ReportValidator): the largest quantity and count, the longest note or comment.
export const limits = { quantity: 1e12, count: 1e9, note: 4000 };

/** The server's checks of one typed (non-empty) number for a criterion, or null when it would take it. */
export function valueError(c, text) {
  const n = Number(text);
  if (!Number.isFinite(n)) return "Phải là một số.";
  if (!withinPrecision(text)) return "Tối đa 15 chữ số có nghĩa và 6 chữ số sau dấu thập phân.";
  if (c.type === "occurrence" && (!Number.isInteger(n) || n < 0)) return "Phải là số nguyên ≥ 0.";
  if (c.type === "occurrence" && n > limits.count) return `Không quá ${fmt.format(limits.count)}.`;
  if (c.type === "quantitative" && n < 0) return "Phải là số ≥ 0.";
  if (c.type === "quantitative" && n > limits.quantity) return `Không quá ${fmt.format(limits.quantity)}.`;
  if (c.type === "adjustment" && (n < c.min || n > c.max)) return `Phải từ ${c.min} đến ${c.max}.`;
  return null;
}

/** The server's rule for free text (a note, a comment): at most 4000 characters, no control characters but line breaks and tabs. */
export function textError(text, what = "Ghi chú") {
  if (text.length > limits.note) return `${what} tối đa ${limits.note} ký tự.`;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text)) return `${what} có ký tự điều khiển không hợp lệ.`;
  return null;
}

/**
 * The server's number rule (ExactNumbers): at most 15 significant digits and at most 6 after the point, counted on the digits
 * as typed. A number within it survives JavaScript's Number and JSON.stringify unchanged, so the server gets what was typed.
 */
function withinPrecision(text) {
  const m = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return false;
  let digits = (m[1] + (m[2] ?? "")).replace(/^0+/, "");
  let exponent = Number(m[3] ?? 0) - (m[2]?.length ?? 0);
  while (digits.endsWith("0")) { digits = digits.slice(0, -1); exponent++; }
  return digits === "" || (digits.length <= 15 && exponent >= -6);
}

function accepted(c) {
  switch (c.type) {
    case "qualitative": return "đạt hoặc không đạt";
    case "occurrence": return `số nguyên từ 0 đến ${fmt.format(limits.count)}`;
    case "adjustment": return `số từ ${fmt.format(c.min)} đến ${fmt.format(c.max)}`;
    default: return `số từ 0 đến ${fmt.format(limits.quantity)}`;
  }
}

/**
 * The server's field errors in Vietnamese: what a value field accepts, or that a text was refused, with the server's own
 * words beneath. valueField names the path of a criterion's value in the body; isText says which paths are free text.
 */
export function translateErrors(errors, criteria, valueField = (c) => `values.${c.id}`, isText = (field) => field === "note") {
  const translated = {};
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const criterion = criteria.find((c) => field === valueField(c));
    const said = messages.join(" ");
    translated[field] = criterion ? [`Máy chủ không nhận giá trị này; ô này nhận ${accepted(criterion)}.`, said]
      : isText(field) ? ["Máy chủ không nhận nội dung này.", said]
      : [said];
  }
  return translated;
}

/** Each error in the slot for its field (`.error[data-for=…]`), or in the form's slot for the whole body (`$`). */
export function showErrors(form, errors) {
  form.querySelectorAll(".error").forEach((e) => { e.replaceChildren(); });
  for (const [field, [message, original]] of Object.entries(errors ?? {})) {
    const slot = form.querySelector(`.error[data-for="${CSS.escape(field)}"]`) ?? form.querySelector(".error[data-for='$']");
    slot.append(message);
    if (original) slot.append(Object.assign(document.createElement("span"), { className: "detail", lang: "en", textContent: original }));
  }
}

/** A fresh Idempotency-Key (a random UUID). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A file PUT as multipart field 'file' (XMLHttpRequest, since fetch reports no upload progress); onProgress(sent, total)
 * as the bytes leave. Resolves like api(): { status, ok, data }.
 */
export async function upload(path, file, onProgress) {
  const headers = await auth.callerHeaders();
  const form = new FormData();
  form.append("file", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `${apiBase}/${path}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, data });
    };
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(form);
  });
}

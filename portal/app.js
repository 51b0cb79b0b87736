// Reference portal: a unit's monthly report form, the standings board and the secretariat's mail ledger, over the HTTP
// contract (docs/api.md).
// Who the calls are made as is auth.js's business: Entra ID sign-in when deployed, a development principal locally.
import * as auth from "./auth.js";

const apiBase = window.COMPACTS_API ?? "/api";
const view = document.getElementById("view");
const fmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

async function api(path, { method = "GET", body, accept } = {}) {
  const headers = await auth.callerHeaders();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (accept) headers.Accept = accept;
  const response = await fetch(`${apiBase}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.blob();
  return { status: response.status, ok: response.ok, data };
}

const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

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

function problem(result) {
  const p = result.data ?? {};
  const title = refusals[result.status] ?? `Lỗi ${result.status}.`;
  if (p.errors && Object.keys(p.errors).length > 0) return `${esc(title)} Vui lòng sửa các ô được đánh dấu.`; // each beside its field
  const detail = p.detail ?? p.title;
  return `${esc(title)}${detail ? ` <span class="detail" lang="en">${esc(detail)}</span>` : ""}`;
}

const months = (compact) => [...Array(12).keys()].map((m) => `${compact.year}-${String(m + 1).padStart(2, "0")}`);
const localTime = (instant) => new Date(instant).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

// ---- Home: the compacts the caller may read ----
async function home() {
  const result = await api("compacts");
  if (!result.ok) {
    const hint = auth.usesEntra ? "Đăng nhập bằng tài khoản cơ quan (nút ở trên)." : "Nhập e-mail ở trên để đăng nhập thử.";
    view.innerHTML = `<h1>Giao ước thi đua</h1><p class="message bad">${problem(result)}</p><p>${hint}</p>`;
    return;
  }
  view.innerHTML = `<h1>Các giao ước</h1>` + result.data.map((c) => `
    <fieldset><legend>${esc(c.title)}</legend><p>${esc(c.cluster)} — năm ${c.year}</p>
    <p>Bảng xếp hạng: ${months(c).map((p) => `<a href="#/standings/${c.compactId}/${p}">T${Number(p.slice(5))}</a>`).join(" ")}</p>
    <p>Báo cáo: ${c.members.map((m) => `<a href="#/report/${c.compactId}/${c.year}-01/${m.unitId}">${esc(m.unitId)}</a>`).join(" · ")}</p>
    <p>Thư nhắc đã gửi (thư ký): ${months(c).map((p) => `<a href="#/mail/${c.compactId}/${p}">T${Number(p.slice(5))}</a>`).join(" ")}</p></fieldset>`).join("");
}

// ---- The report form, generated from the compact's criteria ----
function inputFor(criterion, value) {
  const id = `f-${criterion.id}`;
  const common = `id="${id}" name="${esc(criterion.id)}" data-field="values.${esc(criterion.id)}"`;
  switch (criterion.type) {
    case "qualitative":
      return `<input type="checkbox" ${common} ${value === true ? "checked" : ""}>`;
    case "occurrence":
      return `<input type="number" inputmode="numeric" min="0" step="1" ${common} value="${value ?? ""}" required>`;
    case "adjustment":
      return `<input type="number" inputmode="decimal" min="${criterion.min}" max="${criterion.max}" step="any" ${common} value="${value ?? ""}">`;
    default:
      return `<input type="number" inputmode="decimal" min="0" step="any" ${common} value="${value ?? ""}" required>`;
  }
}

function hint(criterion) {
  switch (criterion.type) {
    case "qualitative": return `Đạt / không đạt — ${fmt.format(criterion.maxPoints)} điểm`;
    case "occurrence": return `Số lần (số nguyên ≥ 0), ${fmt.format(criterion.pointsEach)} điểm mỗi lần, tối đa ${fmt.format(criterion.maxPoints)}`;
    case "adjustment": return `Không bắt buộc, từ ${fmt.format(criterion.min)} đến ${fmt.format(criterion.max)}`;
    default: return `Số liệu lũy kế từ đầu năm (≥ 0) — tối đa ${fmt.format(criterion.maxPoints)} điểm`;
  }
}

/** The same checks as the server (docs/api.md, "Monthly reports"), so most mistakes are shown before anything is sent. */
function validate(form, criteria) {
  const errors = {};
  for (const c of criteria) {
    if (c.type === "qualitative") continue;
    const input = form.elements[c.id];
    const text = input.value.trim();
    if (text === "") {
      if (c.type !== "adjustment") errors[`values.${c.id}`] = ["Cần nhập giá trị."];
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) errors[`values.${c.id}`] = ["Phải là một số."];
    else if (!withinPrecision(text)) errors[`values.${c.id}`] = ["Tối đa 15 chữ số có nghĩa và 6 chữ số sau dấu thập phân."];
    else if (c.type === "occurrence" && (!Number.isInteger(n) || n < 0)) errors[`values.${c.id}`] = ["Phải là số nguyên ≥ 0."];
    else if (c.type === "occurrence" && n > limits.count) errors[`values.${c.id}`] = [`Không quá ${fmt.format(limits.count)}.`];
    else if (c.type === "quantitative" && n < 0) errors[`values.${c.id}`] = ["Phải là số ≥ 0."];
    else if (c.type === "quantitative" && n > limits.quantity) errors[`values.${c.id}`] = [`Không quá ${fmt.format(limits.quantity)}.`];
    else if (c.type === "adjustment" && (n < c.min || n > c.max)) errors[`values.${c.id}`] = [`Phải từ ${c.min} đến ${c.max}.`];
  }
  const note = form.elements.note.value;
  if (note.length > limits.note) errors.note = [`Ghi chú tối đa ${limits.note} ký tự.`];
  else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(note)) errors.note = ["Ghi chú có ký tự điều khiển không hợp lệ."];
  return errors;
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

// The server's limits (ReportValidator): the largest quantity and count, the longest note.
const limits = { quantity: 1e12, count: 1e9, note: 4000 };

function accepted(c) {
  switch (c.type) {
    case "qualitative": return "đạt hoặc không đạt";
    case "occurrence": return `số nguyên từ 0 đến ${fmt.format(limits.count)}`;
    case "adjustment": return `số từ ${fmt.format(c.min)} đến ${fmt.format(c.max)}`;
    default: return `số từ 0 đến ${fmt.format(limits.quantity)}`;
  }
}

/** The server's field errors in Vietnamese: what the field accepts, with the server's own words beneath. */
function translateErrors(errors, criteria) {
  const translated = {};
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const criterion = criteria.find((c) => field === `values.${c.id}`);
    const said = messages.join(" ");
    translated[field] = criterion ? [`Máy chủ không nhận giá trị này; ô này nhận ${accepted(criterion)}.`, said]
      : field === "note" ? ["Máy chủ không nhận ghi chú này.", said]
      : [said];
  }
  return translated;
}

function showErrors(form, errors) {
  form.querySelectorAll(".error").forEach((e) => { e.replaceChildren(); });
  for (const [field, [message, original]] of Object.entries(errors ?? {})) {
    const slot = form.querySelector(`.error[data-for="${CSS.escape(field)}"]`) ?? form.querySelector(".error[data-for='$']");
    slot.append(message);
    if (original) slot.append(Object.assign(document.createElement("span"), { className: "detail", lang: "en", textContent: original }));
  }
}

async function report(compactId, period, unitId) {
  const compact = await api(`compacts/${compactId}`);
  if (!compact.ok) { view.innerHTML = `<p class="message bad">${problem(compact)}</p>`; return; }
  const c = compact.data;
  const assigned = (k) => k.type !== "quantitative" || (k.targets && k.targets[unitId]);
  const criteria = c.contents.flatMap((content) => content.criteria.filter(assigned));
  const current = await api(`compacts/${compactId}/reports/${period}/${unitId}`);
  const values = current.ok ? current.data.values : {};
  view.innerHTML = `
    <h1>Báo cáo tháng ${Number(period.slice(5))}/${period.slice(0, 4)} — ${esc(unitId)}</h1>
    <p>${esc(c.title)} · ${esc(c.cluster)}</p>
    <p>Tháng: <select id="period">${months(c).map((m) => `<option ${m === period ? "selected" : ""}>${m}</option>`).join("")}</select>
       · <a href="#/standings/${compactId}/${period}">Bảng xếp hạng tháng này</a></p>
    <form id="report" novalidate>
      ${c.contents.map((content) => {
        const own = content.criteria.filter(assigned);
        return own.length === 0 ? "" : `<fieldset><legend>${esc(content.title)}</legend>${own.map((k) => `
          <div class="field"><label for="f-${k.id}">${esc(k.title)}</label>${inputFor(k, values[k.id])}
          <span class="hint">${esc(hint(k))}</span><span class="error" data-for="values.${esc(k.id)}"></span></div>`).join("")}</fieldset>`;
      }).join("")}
      <fieldset><legend>Ghi chú</legend><textarea name="note" maxlength="4000" data-field="note">${esc(current.ok ? current.data.note ?? "" : "")}</textarea>
        <span class="error" data-for="note"></span></fieldset>
      <span class="error" data-for="$"></span>
      <button type="submit">Gửi báo cáo</button>
    </form>
    <div id="result"></div>
    <h2>Các lần gửi</h2><ol class="revisions" id="revisions"></ol>`;

  document.getElementById("period").onchange = (e) => { location.hash = `#/report/${compactId}/${e.target.value}/${unitId}`; };
  const form = document.getElementById("report");
  const result = document.getElementById("result");
  form.onsubmit = async (event) => {
    event.preventDefault();
    const errors = validate(form, criteria);
    showErrors(form, errors);
    if (Object.keys(errors).length > 0) {
      result.innerHTML = `<p class="message bad">Vui lòng sửa các ô được đánh dấu.</p>`;
      return;
    }
    const body = { values: {}, note: form.elements.note.value || null };
    for (const k of criteria) {
      const input = form.elements[k.id];
      if (k.type === "qualitative") body.values[k.id] = input.checked;
      else if (input.value.trim() !== "") body.values[k.id] = Number(input.value);
    }
    const saved = await api(`compacts/${compactId}/reports/${period}/${unitId}`, { method: "PUT", body });
    if (saved.ok) {
      result.innerHTML = `<p class="message ok" id="saved">Đã lưu bản số ${saved.data.revision}${saved.data.late ? " (tháng này tính là nộp muộn)" : ""}.</p>`;
      await revisions(compactId, period, unitId);
    } else {
      showErrors(form, translateErrors(saved.data?.errors, criteria));
      result.innerHTML = `<p class="message bad" id="rejected">${problem(saved)}</p>`;
    }
  };
  await revisions(compactId, period, unitId);
}

async function revisions(compactId, period, unitId) {
  const list = document.getElementById("revisions");
  const result = await api(`compacts/${compactId}/reports/${period}/${unitId}/revisions`);
  if (!result.ok) { list.innerHTML = `<li>${problem(result)}</li>`; list.dataset.count = "0"; return; }
  list.innerHTML = result.data.revisions.length === 0 ? "<li>Chưa có.</li>" : result.data.revisions.map((r) => `
    <li>Bản ${r.revision} — ${localTime(r.receivedAt)} — ${esc(r.submittedBy)}
    ${r.late ? '<span class="late">nộp muộn</span>' : ""}</li>`).join("");
  list.dataset.count = String(result.data.revisions.length);
}

// ---- The standings board ----
async function standings(compactId, period) {
  const result = await api(`compacts/${compactId}/standings/${period}`);
  if (!result.ok) {
    view.innerHTML = `<h1>Bảng xếp hạng tháng ${period}</h1><p class="message bad">${problem(result)}</p>`;
    return;
  }
  const s = result.data;
  const ranked = s.rows.filter((r) => !r.notRanked);
  const best = Math.max(100, ...ranked.map((r) => r.score));
  view.innerHTML = `
    <h1>Bảng xếp hạng tháng ${Number(period.slice(5))}/${period.slice(0, 4)}
      <span class="badge ${s.status}" id="status">${s.status === "final" ? "Chính thức" : "Tạm tính"}</span></h1>
    <p>Tính lúc ${localTime(s.computedAt)}; chốt lúc ${localTime(s.finalAt)}.</p>
    <table id="standings"><thead><tr><th class="num">Hạng</th><th>Đơn vị</th><th class="num">Điểm</th><th class="num optional">Tổng</th><th class="num">Tháng muộn</th></tr></thead>
    <tbody>${s.rows.map((r) => `<tr class="${r.notRanked ? "not-ranked" : ""}" data-unit="${esc(r.unitId)}">
      <td class="num">${r.notRanked ? "—" : r.rank}</td><td>${esc(r.unitName)}</td>
      <td class="num">${r.notRanked ? "Không xếp hạng" : fmt.format(r.score)}</td><td class="num optional">${r.notRanked ? "" : fmt.format(r.total)}</td>
      <td class="num">${r.lateMonths}</td></tr>`).join("")}</tbody></table>
    <div class="bars" id="chart" role="img" aria-label="Biểu đồ điểm">${ranked.map((r) => `
      <div class="bar"><span>${esc(r.unitName)}</span><span class="fill" style="width:${Math.max(0, r.score) / best * 100}%"></span><span>${fmt.format(r.score)}</span></div>`).join("")}</div>
    <button class="secondary" id="csv">Tải CSV</button>`;
  document.getElementById("csv").onclick = async () => {
    const csv = await api(`compacts/${compactId}/standings/${period}?format=csv`);
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(csv.data), download: `${compactId}-${period}-standings.csv` });
    link.click();
  };
}

// ---- The mail ledger of a month (admin): what the reminder runs sent, to whom, and what failed ----
const mailKinds = { overdue: "Báo quá hạn", summary: "Tổng hợp gửi cụm trưởng", final: "Thông báo kết quả" };
const mailStates = { sent: "Đã gửi", sending: "Đang gửi", failed: "Gửi lỗi" };
const mailKind = (kind) => mailKinds[kind] ?? (/^remind(\d+)$/.test(kind) ? `Nhắc trước hạn ${kind.slice(6)} ngày` : kind);

async function mail(compactId, period) {
  const title = `Thư nhắc tháng ${Number(period.slice(5))}/${period.slice(0, 4)}`;
  const result = await api(`compacts/${compactId}/mail/${period}`);
  if (!result.ok) {
    view.innerHTML = `<h1>${title}</h1><p class="message bad" id="refused">${problem(result)}</p>`;
    return;
  }
  const rows = result.data.mails;
  view.innerHTML = `<h1>${title}</h1>
    <p>${esc(compactId)} · <a href="#/standings/${compactId}/${period}">Bảng xếp hạng tháng này</a></p>
    ${rows.length === 0 ? '<p id="no-mail">Chưa có thư nào cho tháng này.</p>' : `
    <table id="mail"><thead><tr><th>Loại thư</th><th>Đơn vị</th><th>Trạng thái</th><th class="num">Số lần</th><th>Thời điểm</th><th class="optional">Người nhận</th></tr></thead>
    <tbody>${rows.map((r) => `<tr data-kind="${esc(r.kind)}" data-unit="${esc(r.unitId)}" data-state="${esc(r.state)}">
      <td>${esc(mailKind(r.kind))}</td><td>${esc(r.unitId)}</td>
      <td><span class="badge ${esc(r.state)}">${esc(mailStates[r.state] ?? r.state)}</span>${r.lastError ? `<span class="detail" lang="en">${esc(r.lastError)}</span>` : ""}</td>
      <td class="num">${r.attempts}</td><td>${localTime(r.sentAt ?? r.failedAt ?? r.claimedAt)}</td>
      <td class="optional">${esc((r.recipients ?? []).join(", "))}</td></tr>`).join("")}</tbody></table>`}`;
}

// ---- Routing ----
async function route() {
  const [, page, ...args] = location.hash.replace(/^#/, "").split("/");
  try {
    if (page === "report" && args.length === 3) await report(...args);
    else if (page === "standings" && args.length === 2) await standings(...args);
    else if (page === "mail" && args.length === 2) await mail(...args);
    else await home();
  } catch (error) {
    view.innerHTML = `<p class="message bad">Không kết nối được máy chủ: ${esc(error.message)}</p>`;
  }
}

function showCaller() {
  if (auth.usesEntra) {
    const name = auth.signedInAs();
    document.getElementById("account").hidden = false;
    document.getElementById("account-name").textContent = name ? `Xin chào, ${name}` : "";
    document.getElementById("sign-in").hidden = name !== null;
    document.getElementById("sign-out").hidden = name === null;
    document.getElementById("sign-in").onclick = () => auth.signIn();
    document.getElementById("sign-out").onclick = () => auth.signOut();
    return;
  }
  const signin = document.getElementById("signin");
  signin.hidden = false;
  document.getElementById("user").value = localStorage.getItem("user") ?? "";
  document.getElementById("admin").checked = localStorage.getItem("admin") === "1";
  signin.onsubmit = (event) => {
    event.preventDefault();
    localStorage.setItem("user", document.getElementById("user").value.trim().toLowerCase());
    localStorage.setItem("admin", document.getElementById("admin").checked ? "1" : "0");
    route();
  };
}

try {
  await auth.start();
} catch (error) {
  view.innerHTML = `<p class="message bad">Đăng nhập không thành công: ${esc(error.message)}</p>`;
}
showCaller();
window.addEventListener("hashchange", route);
route();

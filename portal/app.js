// Reference portal: a unit's monthly report form and the standings board, over the HTTP contract (../shared/docs/API.md).
// In Azure, App Service Authentication signs users in; for local runs the "Đăng nhập thử" box builds the same
// X-MS-CLIENT-PRINCIPAL header the development host reads.
const apiBase = window.COMPACTS_API ?? "/api";
const view = document.getElementById("view");
const fmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function principal() {
  const user = localStorage.getItem("user");
  if (!user) return null;
  const claims = [{ typ: "preferred_username", val: user }];
  if (localStorage.getItem("admin") === "1") claims.push({ typ: "roles", val: "Compacts.Admin" });
  return btoa(unescape(encodeURIComponent(JSON.stringify({ auth_typ: "aad", claims, name_typ: "name", role_typ: "roles" }))));
}

async function api(path, { method = "GET", body, accept } = {}) {
  const headers = {};
  const p = principal();
  if (p) headers["X-MS-CLIENT-PRINCIPAL"] = p;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (accept) headers.Accept = accept;
  const response = await fetch(`${apiBase}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.blob();
  return { status: response.status, ok: response.ok, data };
}

const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function problem(result) {
  const p = result.data ?? {};
  return `${esc(p.title ?? `Lỗi ${result.status}`)} ${esc(p.detail ?? "")}`;
}

// ---- Home: the compacts the caller may read ----
async function home() {
  const result = await api("compacts");
  if (!result.ok) {
    view.innerHTML = `<h1>Giao ước thi đua</h1><p class="message bad">${problem(result)}</p><p>Nhập e-mail ở trên để đăng nhập thử.</p>`;
    return;
  }
  view.innerHTML = `<h1>Các giao ước</h1>` + result.data.map((c) => `
    <fieldset><legend>${esc(c.title)}</legend><p>${esc(c.cluster)} — năm ${c.year}</p>
    <p>Bảng xếp hạng: ${[...Array(12).keys()].map((m) => `<a href="#/standings/${c.compactId}/${c.year}-${String(m + 1).padStart(2, "0")}">T${m + 1}</a>`).join(" ")}</p>
    <p>Báo cáo: ${c.members.map((m) => `<a href="#/report/${c.compactId}/${c.year}-01/${m.unitId}">${esc(m.unitId)}</a>`).join(" · ")}</p></fieldset>`).join("");
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

/** The same checks as the server (API.md, "Monthly reports"), so most mistakes are shown before anything is sent. */
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
    else if (c.type === "occurrence" && (!Number.isInteger(n) || n < 0)) errors[`values.${c.id}`] = ["Phải là số nguyên ≥ 0."];
    else if (c.type === "quantitative" && n < 0) errors[`values.${c.id}`] = ["Phải là số ≥ 0."];
    else if (c.type === "adjustment" && (n < c.min || n > c.max)) errors[`values.${c.id}`] = [`Phải từ ${c.min} đến ${c.max}.`];
  }
  if (form.elements.note.value.length > 4000) errors.note = ["Ghi chú tối đa 4000 ký tự."];
  return errors;
}

function showErrors(form, errors) {
  form.querySelectorAll(".error").forEach((e) => { e.textContent = ""; });
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const slot = form.querySelector(`.error[data-for="${CSS.escape(field)}"]`) ?? form.querySelector(".error[data-for='$']");
    slot.textContent = messages.join(" ");
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
  const months = [...Array(12).keys()].map((m) => `${c.year}-${String(m + 1).padStart(2, "0")}`);
  view.innerHTML = `
    <h1>Báo cáo tháng ${Number(period.slice(5))}/${period.slice(0, 4)} — ${esc(unitId)}</h1>
    <p>${esc(c.title)} · ${esc(c.cluster)}</p>
    <p>Tháng: <select id="period">${months.map((m) => `<option ${m === period ? "selected" : ""}>${m}</option>`).join("")}</select>
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
      showErrors(form, saved.data?.errors);
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
    <li>Bản ${r.revision} — ${new Date(r.receivedAt).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })} — ${esc(r.submittedBy)}
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
    <p>Tính lúc ${new Date(s.computedAt).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}; chốt lúc ${new Date(s.finalAt).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}.</p>
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

// ---- Routing ----
async function route() {
  const [, page, ...args] = location.hash.replace(/^#/, "").split("/");
  try {
    if (page === "report" && args.length === 3) await report(...args);
    else if (page === "standings" && args.length === 2) await standings(...args);
    else await home();
  } catch (error) {
    view.innerHTML = `<p class="message bad">Không kết nối được máy chủ: ${esc(error.message)}</p>`;
  }
}

const signin = document.getElementById("signin");
document.getElementById("user").value = localStorage.getItem("user") ?? "";
document.getElementById("admin").checked = localStorage.getItem("admin") === "1";
signin.onsubmit = (event) => {
  event.preventDefault();
  localStorage.setItem("user", document.getElementById("user").value.trim().toLowerCase());
  localStorage.setItem("admin", document.getElementById("admin").checked ? "1" : "0");
  route();
};
window.addEventListener("hashchange", route);
route();

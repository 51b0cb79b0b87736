// Reference portal: a unit's monthly report form (with evidence files per criterion: evidence.js), the standings board,
// the secretariat's mail ledger, the review of reports (review.js), the year's result (year.js), secret ballots
// (ballot.js) and a unit's results over the years (history.js), over the HTTP contract (docs/api.md, docs/review.md, docs/ballots.md).
// Who the calls are made as is auth.js's business: Entra ID sign-in when deployed, a development principal locally.
import * as auth from "./auth.js";
import { api, assignedTo, downloader, esc, fmt, localTime, monthName, monthSelect, months, problem, showErrors, textError, translateErrors, unitNames, valueError } from "./common.js";
import * as evidence from "./evidence.js";
import * as nextYear from "./nextyear.js";
import * as imports from "./imports.js";
import * as review from "./review.js";
import * as ballot from "./ballot.js";
import * as unitHistory from "./history.js";
import { yearPage } from "./year.js";

const view = document.getElementById("view");
// ---- Home: the compacts the caller may read ----
async function home() {
  const result = await api("compacts");
  if (!result.ok) {
    const hint = auth.usesEntra ? "Đăng nhập bằng tài khoản cơ quan (nút ở trên)." : "Nhập e-mail ở trên để đăng nhập thử.";
    view.innerHTML = `<h1>Giao ước thi đua</h1><p class="message bad">${problem(result)}</p><p>${hint}</p>`;
    return;
  }
  const [reviewLinks, historyLinks, names] = await Promise.all([Promise.all(result.data.map((c) => review.queueLinks(c))), unitHistory.links(),
    Promise.all(result.data.map((c) => unitNames(c.compactId)))]);
  view.innerHTML = `<h1>Các giao ước</h1>${historyLinks}` + result.data.map((c, i) => `
    <fieldset><legend>${esc(c.title)}${nextYear.badge(c)}</legend><p>${esc(c.cluster)} — năm ${c.year}</p>
    <p>Bảng xếp hạng: ${months(c).map((p) => `<a href="#/standings/${c.compactId}/${p}">T${Number(p.slice(5))}</a>`).join(" ")}</p>
    <p>Báo cáo: ${c.members.map((m) => `<a href="#/report/${c.compactId}/${c.year}-01/${m.unitId}">${esc(names[i][m.unitId] ?? m.unitId)}</a>`).join(" · ")}</p>
    ${reviewLinks[i]}
    <p><a href="#/year/${c.compactId}">Kết quả năm ${c.year}</a> · <a href="#/ballots/${c.compactId}">Bỏ phiếu kín</a></p>
    <p>Thư nhắc đã gửi (thư ký): ${months(c).map((p) => `<a href="#/mail/${c.compactId}/${p}">T${Number(p.slice(5))}</a>`).join(" ")}</p>
    <p><a href="#/imports/${c.compactId}/${c.year}-01">Nhập từ Excel (thư ký)</a></p>
    ${nextYear.link(c)}</fieldset>`).join("");
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
    const text = form.elements[c.id].value.trim();
    const error = text === "" ? (c.type === "adjustment" ? null : "Cần nhập giá trị.") : valueError(c, text);
    if (error) errors[`values.${c.id}`] = [error];
  }
  const note = textError(form.elements.note.value);
  if (note) errors.note = [note];
  return errors;
}

async function report(compactId, period, unitId, message = "") {
  const compact = await api(`compacts/${compactId}`);
  if (!compact.ok) { view.innerHTML = `<p class="message bad">${problem(compact)}</p>`; return; }
  const c = compact.data;
  const assigned = assignedTo(unitId);
  const criteria = c.contents.flatMap((content) => content.criteria.filter(assigned));
  const [current, names] = await Promise.all([api(`compacts/${compactId}/reports/${period}/${unitId}`), unitNames(compactId)]);
  const values = current.ok ? current.data.values : {};
  const listing = current.ok ? await evidence.load(compactId, period, unitId) : null;
  const beside = (k) => (current.ok ? review.besideField(current.data, k) : "");
  const select = monthSelect(c, period, (m) => `#/report/${compactId}/${m}/${unitId}`);
  view.innerHTML = `
    <h1>Báo cáo tháng ${monthName(period)} — ${esc(names[unitId] ?? unitId)}</h1>
    <p>${esc(c.title)} · ${esc(c.cluster)}</p>
    <p>Tháng: ${select.html}
       · <a href="#/standings/${compactId}/${period}">Bảng xếp hạng tháng này</a></p>
    ${current.ok ? review.stateLine(current.data) + review.lastReviewBox(current.data, c.timeZone) : ""}
    <form id="report" novalidate>
      ${c.contents.map((content) => {
        const own = content.criteria.filter(assigned);
        return own.length === 0 ? "" : `<fieldset><legend>${esc(content.title)}</legend>${own.map((k) => `
          <div class="field"><label for="f-${k.id}">${esc(k.title)}</label>${inputFor(k, values[k.id])}
          <span class="hint">${esc(hint(k))}</span>${beside(k)}<span class="error" data-for="values.${esc(k.id)}"></span>
          ${listing ? evidence.slot(listing, k, c.timeZone) : ""}</div>`).join("")}</fieldset>`;
      }).join("")}
      <fieldset><legend>Ghi chú</legend><textarea name="note" maxlength="4000" data-field="note">${esc(current.ok ? current.data.note ?? "" : "")}</textarea>
        <span class="error" data-for="note"></span></fieldset>
      <span class="error" data-for="$"></span>
      <button type="submit">Gửi báo cáo</button>
    </form>
    <div id="result">${message}</div>
    ${current.ok ? review.explanationForm(current.data, criteria) : ""}
    <h2>Các lần gửi</h2><ol class="revisions" id="revisions"></ol>
    ${current.ok ? '<h2>Lịch sử thẩm định</h2><ol class="history" id="history"></ol>' : ""}`;

  select.bind();
  if (listing) evidence.bind(compactId, period, unitId, criteria, c.timeZone);
  const form = document.getElementById("report");
  const result = document.getElementById("result");
  const reload = (done) => report(compactId, period, unitId, done);
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
      await reload(`<p class="message ok" id="saved">Đã lưu bản số ${saved.data.revision}${saved.data.late ? " (tháng này tính là nộp muộn)" : ""}.</p>`);
    } else {
      showErrors(form, translateErrors(saved.data?.errors, criteria));
      result.innerHTML = `<p class="message bad" id="rejected">${problem(saved)}</p>`;
    }
  };
  if (current.ok) review.bindExplanation(compactId, period, unitId, current.data, criteria, reload);
  await Promise.all([revisions(compactId, period, unitId), current.ok ? review.history(compactId, period, unitId, c) : null]);
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
  // Runs of a compact with review (docs/review.md) carry each ranked row's review state and the month's basis.
  const reviewed = s.rows.some((r) => r.reviewState);
  const basis = s.basis ? `<p id="basis">Cơ sở: ${s.basis.confirmed} đã xác nhận, ${s.basis.submitted} chờ thẩm định, ${s.basis.returned} đã trả lại, ${s.basis.missing} chưa gửi.</p>` : "";
  view.innerHTML = `
    <h1>Bảng xếp hạng tháng ${Number(period.slice(5))}/${period.slice(0, 4)}
      <span class="badge ${s.status}" id="status">${s.status === "final" ? "Chính thức" : "Tạm tính"}</span></h1>
    <p><a href="#/year/${compactId}">Kết quả cả năm</a></p>
    <p>Tính lúc ${localTime(s.computedAt)}; chốt lúc ${localTime(s.finalAt)}.${s.finalPending === "review"
      ? ' <span id="final-pending">Chưa chốt: còn báo cáo chưa được xác nhận.</span>' : ""}</p>${basis}
    <table id="standings"><thead><tr><th class="num">Hạng</th><th>Đơn vị</th><th class="num">Điểm</th><th class="num optional">Tổng</th><th class="num">Tháng muộn</th>${reviewed ? '<th class="optional">Thẩm định</th>' : ""}</tr></thead>
    <tbody>${s.rows.map((r) => `<tr class="${r.notRanked ? "not-ranked" : ""}" data-unit="${esc(r.unitId)}"${r.notRanked ? "" : ` data-score="${r.score}"`}>
      <td class="num">${r.notRanked ? "—" : r.rank}</td><td>${esc(r.unitName)}</td>
      <td class="num">${r.notRanked ? "Không xếp hạng" : fmt.format(r.score)}</td><td class="num optional">${r.notRanked ? "" : fmt.format(r.total)}</td>
      <td class="num">${r.lateMonths}</td>${reviewed ? `<td class="optional">${r.reviewState ? review.stateBadge(r.reviewState) : ""}</td>` : ""}</tr>`).join("")}</tbody></table>
    <div class="bars" id="chart" role="img" aria-label="Biểu đồ điểm">${ranked.map((r) => `
      <div class="bar"><span>${esc(r.unitName)}</span><span class="fill" style="width:${Math.max(0, r.score) / best * 100}%"></span><span>${fmt.format(r.score)}</span></div>`).join("")}</div>
    <div class="actions"><button class="secondary" id="xlsx">Tải Excel (.xlsx)</button><button class="secondary" id="csv">Tải CSV</button></div>
    <p class="message bad" id="download-error" hidden></p>`;
  // The files come through the API (with the caller's credentials), then are saved under the name the server gives.
  const download = (format) => downloader(`compacts/${compactId}/standings/${period}?format=${format}`,
    `${compactId}-${period}-standings.${format}`, document.getElementById("download-error"));
  document.getElementById("xlsx").onclick = download("xlsx");
  document.getElementById("csv").onclick = download("csv");
}

// ---- The mail ledger of a month (admin): what the reminder runs sent, to whom, and what failed ----
const mailKinds = { overdue: "Báo quá hạn", summary: "Tổng hợp gửi cụm trưởng", final: "Thông báo kết quả" };
const mailStates = { sent: "Đã gửi", sending: "Đang gửi", failed: "Gửi lỗi" };
const mailKind = (kind) => mailKinds[kind] ?? (/^remind(\d+)$/.test(kind) ? `Nhắc trước hạn ${kind.slice(6)} ngày` : kind);

async function mail(compactId, period) {
  const title = `Thư nhắc tháng ${Number(period.slice(5))}/${period.slice(0, 4)}`;
  const [result, names] = await Promise.all([api(`compacts/${compactId}/mail/${period}`), unitNames(compactId)]);
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
      <td>${esc(mailKind(r.kind))}</td><td>${esc(names[r.unitId] ?? r.unitId)}</td>
      <td><span class="badge ${esc(r.state)}">${esc(mailStates[r.state] ?? r.state)}</span>${r.lastError ? `<span class="detail" lang="en">${esc(r.lastError)}</span>` : ""}</td>
      <td class="num">${r.attempts}</td><td>${localTime(r.sentAt ?? r.failedAt ?? r.claimedAt)}</td>
      <td class="optional">${esc((r.recipients ?? []).join(", "))}</td></tr>`).join("")}</tbody></table>`}`;
}

// ---- Routing ----
async function route() {
  const [, page, ...args] = location.hash.replace(/^#/, "").split("/");
  try {
    if (page === "report" && args.length === 3) await report(...args);
    else if (page === "reviews" && args.length === 2) await review.queue(view, ...args);
    else if (page === "review" && args.length === 3) await review.reviewPage(view, ...args);
    else if (page === "standings" && args.length === 2) await standings(...args);
    else if (page === "mail" && args.length === 2) await mail(...args);
    else if (page === "year" && args.length === 1) await yearPage(view, ...args);
    else if (page === "ballots" && args.length === 1) await ballot.ballotsPage(view, ...args);
    else if (page === "ballot" && args.length === 2) await ballot.ballotPage(view, ...args);
    else if (page === "next" && args.length === 1) await nextYear.page(view, ...args);
    else if (page === "imports" && args.length === 2) await imports.page(view, ...args);
    else if (page === "history" && args.length === 1) await unitHistory.historyPage(view, ...args);
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

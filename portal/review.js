// Review of monthly reports (thẩm định, docs/review.md): the month's review queue, the reviewer's page (confirm with
// corrections, or return with reasons; the evidence files beside each criterion), the unit's side on its report page (the
// reasons, an explanation) and the history.
import * as evidence from "./evidence.js";
import { api, assignedTo, esc, exact, localTime, monthName, monthSelect, months, newKey, problem, showErrors, textError, translateErrors, unitNames, valueError } from "./common.js";

export const stateNames = { submitted: "chờ thẩm định", returned: "đã trả lại", confirmed: "đã xác nhận", missing: "chưa gửi" };
const eventNames = {
  submitted: "Gửi báo cáo", returned: "Trả lại", explained: "Giải trình", confirmed: "Xác nhận",
  reopened: "Gửi bản mới sau khi đã xác nhận", lockedCorrection: "Đính chính sau khi chốt (thư ký)",
};
export const stateBadge = (state) => `<span class="badge ${esc(state)}" data-state="${esc(state)}">${esc(stateNames[state] ?? state)}</span>`;
const listOf = (data, key) => (Array.isArray(data) ? data : data?.[key] ?? []);
const reportPath = (compactId, period, unitId) => `compacts/${compactId}/reports/${period}/${unitId}`;

/** A value as the report gave it: đạt / không đạt, a number, or a dash when there is none. */
export function shown(value) {
  if (value === undefined || value === null) return "—";
  if (typeof value === "boolean") return value ? "Đạt" : "Không đạt";
  return exact.format(value);
}

// ---- Links from the home page: only for callers the month's queue answers (the head's and deputy's users, admins) ----
export async function queueLinks(compact) {
  const probe = await api(`compacts/${compact.compactId}/reviews/${compact.year}-01`);
  if (!probe.ok) return "";
  return `<p class="review-links">Thẩm định: ${months(compact).map((p) => `<a href="#/reviews/${compact.compactId}/${p}">T${Number(p.slice(5))}</a>`).join(" ")}</p>`;
}

const refusal = (title, result, hint) => `<h1>${esc(title)}</h1><p class="message bad" id="refused">${problem(result)}</p>${hint ? `<p>${esc(hint)}</p>` : ""}`;
const reviewHint = "Báo cáo của một đơn vị do cán bộ của đơn vị cụm trưởng thẩm định (báo cáo của cụm trưởng: đơn vị cụm phó), hoặc thư ký.";
const queueHint = "Danh sách thẩm định chỉ dành cho cán bộ của đơn vị cụm trưởng, cụm phó và thư ký.";

// ---- The review queue of a month ----
export async function queue(view, compactId, period) {
  const title = `Thẩm định báo cáo tháng ${monthName(period)}`;
  const [compact, result] = await Promise.all([api(`compacts/${compactId}`), api(`compacts/${compactId}/reviews/${period}`)]);
  if (!compact.ok) { view.innerHTML = refusal(title, compact); return; }
  if (!result.ok) { view.innerHTML = refusal(title, result, result.status === 403 ? queueHint : null); return; }
  const rows = listOf(result.data, "rows");
  const names = rows.every((r) => r.unitName) ? {} : await unitNames(compactId);
  const select = monthSelect(compact.data, period, (p) => `#/reviews/${compactId}/${p}`);
  view.innerHTML = `<h1>${esc(title)}</h1>
    <p>${esc(compact.data.title)} · ${esc(compact.data.cluster)}</p>
    <p>Tháng: ${select.html} · <a href="#/standings/${compactId}/${period}">Bảng xếp hạng tháng này</a></p>
    ${rows.length === 0 ? '<p id="queue-empty">Không có báo cáo nào để thẩm định.</p>' : `
    <table id="queue" class="stack"><thead><tr><th>Đơn vị</th><th>Trạng thái</th><th class="num">Bản số</th><th class="num">Số ngày chờ</th></tr></thead>
    <tbody>${rows.map((r) => `<tr data-unit="${esc(r.unitId)}" data-state="${esc(r.state)}">
      <td data-label="Đơn vị"><a href="#/review/${compactId}/${period}/${esc(r.unitId)}">${esc(r.unitName ?? names[r.unitId] ?? r.unitId)}</a></td>
      <td data-label="Trạng thái">${stateBadge(r.state)}</td>
      <td data-label="Bản số" class="num">${r.revision ?? "—"}</td>
      <td data-label="Số ngày chờ" class="num">${r.waitingDays === null || r.waitingDays === undefined ? "—" : `${r.waitingDays} ngày`}</td></tr>`).join("")}</tbody></table>`}`;
  select.bind();
}

// ---- Sending a review or an explanation: one Idempotency-Key per click, the same key again when its answer was lost ----
async function deliver(path, body, slot, onAnswer) {
  const key = newKey();
  const attempt = async () => {
    let answer = null;
    let lost = "";
    try {
      answer = await api(path, { method: "POST", body, headers: { "Idempotency-Key": key } });
    } catch (error) {
      lost = error.message;
    }
    if (answer && answer.status < 500) { await onAnswer(answer); return; }
    slot.innerHTML = `<p class="message bad" id="lost">${answer ? `${problem(answer)} Bấm “Gửi lại” để gửi lại đúng yêu cầu này.`
      : `Không nhận được trả lời của máy chủ <span class="detail" lang="en">${esc(lost)}</span>
      Yêu cầu có thể đã được ghi nhận. Bấm “Gửi lại” để gửi lại đúng yêu cầu này; máy chủ không ghi hai lần.`}
      <button type="button" class="secondary" id="resend">Gửi lại</button></p>`;
    document.getElementById("resend").onclick = attempt;
    slot.scrollIntoView({ block: "nearest" });
  };
  await attempt();
}

/** A 409 in words: a newer revision than the one shown came in, or the report's state (or a final month) does not allow this. */
function conflict(result, shownRevision, criteria) {
  const p = result.data ?? {};
  if (Array.isArray(p.missingEvidence)) {
    const titles = p.missingEvidence.map((id) => criteria.find((c) => c.id === id)?.title ?? id);
    return `${problem(result, `Chưa thể xác nhận: thiếu minh chứng cho ${titles.join("; ")}. Đơn vị cần tải minh chứng lên, hoặc trả lại báo cáo.`)}
      <button type="button" class="secondary" id="reload">Tải lại</button>`;
  }
  const title = p.currentRevision && p.currentRevision !== shownRevision
    ? `Báo cáo đã thay đổi kể từ khi trang này được mở: đơn vị đã gửi bản số ${p.currentRevision}. Hãy tải lại trang.`
    : p.state ? `Báo cáo đang ở trạng thái “${stateNames[p.state] ?? p.state}”, không cho phép việc này.` : "Báo cáo đã thay đổi; hãy tải lại trang.";
  return `${problem(result, title)} <button type="button" class="secondary" id="reload">Tải lại</button>`;
}

function refused(slot, form, criteria, result, shownRevision) {
  showErrors(form, translateErrors(result.data?.errors, criteria, (c) => `items.${c.id}.value`, (f) => f === "comment" || f.endsWith(".comment") || /^items\.[^.]+$/.test(f)));
  slot.innerHTML = `<p class="message bad" id="rejected">${result.status === 409 ? conflict(result, shownRevision, criteria) : problem(result)}</p>`;
  slot.scrollIntoView({ block: "nearest" });
  const reload = document.getElementById("reload");
  if (reload) reload.onclick = () => window.dispatchEvent(new HashChangeEvent("hashchange"));
}

// ---- What the last review said, for both sides ----
export function lastReviewBox(report, timeZone) {
  const last = report.review?.lastReview;
  if (!last) return "";
  const verb = last.decision === "return" ? "Trả lại" : "Xác nhận";
  return `<fieldset id="last-review"><legend>Lần thẩm định gần nhất</legend>
    <p><strong>${verb}</strong> — ${esc(last.reviewedBy)}, ${localTime(last.reviewedAt, timeZone)}</p>
    ${last.comment ? `<p class="comment" id="last-review-comment">${esc(last.comment)}</p>` : ""}</fieldset>`;
}

/** Beside a field: the return's reason, or what the confirm set the figure to and why. */
export function besideField(report, criterion) {
  const review = report.review;
  const item = review?.lastReview?.items?.[criterion.id];
  if (!item) return "";
  if (review.state === "returned" && review.lastReview.decision === "return") {
    return `<span class="reason" data-reason="${esc(criterion.id)}">Lý do trả lại: ${esc(item.comment)}</span>`;
  }
  if (review.state === "confirmed" && review.lastReview.decision === "confirm") {
    const value = criterion.id in (review.values ?? {}) ? review.values[criterion.id] : null;
    return `<span class="reason confirmed" data-reason="${esc(criterion.id)}">Số liệu được xác nhận: ${esc(shown(value))}${item.comment ? ` — ${esc(item.comment)}` : ""}</span>`;
  }
  return "";
}

/** The state line of a report: its review state and the revision it refers to. */
export function stateLine(report) {
  return report.review ? `<p id="review-state">Thẩm định: ${stateBadge(report.review.state)} · bản số ${report.review.revision ?? report.revision}</p>` : "";
}

// ---- The history of a report ----
/** The per-criterion texts of the review or explanation an event records (written in its transaction: same revision, same instant). */
function eventDetails(event, reviews, explanations, criteria) {
  const sameInstant = (at) => Date.parse(at) === Date.parse(event.at);
  const title = (id) => criteria.find((c) => c.id === id)?.title ?? id;
  if (event.event === "explained") {
    const x = explanations.find((e) => e.revision === event.revision && sameInstant(e.explainedAt));
    return Object.entries(x?.items ?? {}).map(([id, text]) => `<li data-item="${esc(id)}">${esc(title(id))}: ${esc(text)}</li>`);
  }
  if (event.event !== "returned" && event.event !== "confirmed") return [];
  const r = reviews.find((v) => v.revision === event.revision && sameInstant(v.reviewedAt));
  return Object.entries(r?.items ?? {}).map(([id, item]) => `<li data-item="${esc(id)}">${esc(title(id))}: ${
    item.corrects ? `sửa số liệu thành ${esc(shown(item.value))}${item.comment ? ` — ${esc(item.comment)}` : ""}` : esc(item.comment ?? "")}</li>`);
}

export async function history(compactId, period, unitId, compact) {
  const list = document.getElementById("history");
  const [result, texts] = await Promise.all([api(`${reportPath(compactId, period, unitId)}/history`), api(`${reportPath(compactId, period, unitId)}/reviews`)]);
  if (!result.ok) { list.innerHTML = `<li>${problem(result)}</li>`; list.dataset.count = "0"; return; }
  const events = listOf(result.data, "events");
  const [reviews, explanations] = texts.ok ? [listOf(texts.data, "reviews"), listOf(texts.data, "explanations")] : [[], []];
  const criteria = compact.contents.flatMap((content) => content.criteria);
  list.innerHTML = events.length === 0 ? "<li>Chưa có.</li>" : events.map((e) => {
    const details = eventDetails(e, reviews, explanations, criteria);
    return `
    <li data-event="${esc(e.event)}"><span class="when">${localTime(e.at, compact.timeZone)}</span> — ${esc(e.actor)} —
      <strong>${esc(eventNames[e.event] ?? e.event)}</strong> (bản ${e.revision})${e.toState ? ` → ${stateBadge(e.toState)}` : ""}
      ${e.comment ? `<span class="comment">${esc(e.comment)}</span>` : ""}${details.length ? `<ul class="items">${details.join("")}</ul>` : ""}</li>`;
  }).join("");
  list.dataset.count = String(events.length);
}

// ---- The unit's explanation of a returned report (on its report page) ----
export function explanationForm(report, criteria) {
  if (report.review?.state !== "returned") return "";
  const items = report.review.lastReview?.items ?? {};
  const asked = criteria.filter((c) => items[c.id]);
  return `<form id="explain" novalidate><fieldset><legend>Giải trình (giữ nguyên số liệu của bản số ${report.revision})</legend>
    <p class="hint">Hoặc sửa số liệu ở trên và gửi bản mới.</p>
    ${asked.map((c) => `<div class="field wide"><label for="x-${esc(c.id)}">${esc(c.title)}</label>
      <span class="reason">Lý do trả lại: ${esc(items[c.id].comment)}</span>
      <textarea id="x-${esc(c.id)}" name="${esc(c.id)}" rows="2"></textarea><span class="error" data-for="items.${esc(c.id)}"></span></div>`).join("")}
    <div class="field wide"><label for="x-comment">Nội dung giải trình</label><textarea id="x-comment" name="comment" rows="3"></textarea>
      <span class="error" data-for="comment"></span></div>
    <span class="error" data-for="$"></span>
    <button type="submit">Gửi giải trình</button></fieldset></form><div id="explain-result"></div>`;
}

export function bindExplanation(compactId, period, unitId, report, criteria, done) {
  const form = document.getElementById("explain");
  if (!form) return;
  const slot = document.getElementById("explain-result");
  const asked = criteria.filter((c) => form.elements[c.id]);
  form.onsubmit = async (event) => {
    event.preventDefault();
    const errors = {};
    const comment = form.elements.comment.value.trim();
    const body = { revision: report.revision, items: {} };
    for (const c of asked) if (form.elements[c.id].value.trim() !== "") body.items[c.id] = form.elements[c.id].value.trim();
    if (comment !== "") body.comment = comment;
    else if (Object.keys(body.items).length === 0) errors.comment = ["Cần ghi nội dung giải trình, chung hoặc theo từng tiêu chí."];
    for (const [field, text] of [["comment", comment], ...Object.entries(body.items).map(([id, text]) => [`items.${id}`, text])]) {
      const error = textError(text, "Nội dung");
      if (error) errors[field] = [error];
    }
    showErrors(form, errors);
    if (Object.keys(errors).length > 0) { slot.innerHTML = '<p class="message bad">Vui lòng sửa các ô được đánh dấu.</p>'; return; }
    form.querySelector("button[type=submit]").disabled = true;
    await deliver(`${reportPath(compactId, period, unitId)}/explanations`, body, slot, async (answer) => {
      form.querySelector("button[type=submit]").disabled = false;
      if (!answer.ok) { refused(slot, form, criteria, answer, report.revision); return; }
      await done('<p class="message ok" id="explained">Đã gửi giải trình; báo cáo chờ thẩm định lại.</p>');
    });
  };
}

// ---- The reviewer's page ----
function correctionInput(c) {
  const id = `v-${esc(c.id)}`;
  if (c.type === "qualitative") {
    return `<select id="${id}" name="value:${esc(c.id)}"><option value="">Giữ nguyên</option><option value="true">Đạt</option><option value="false">Không đạt</option></select>`;
  }
  const bounds = c.type === "adjustment" ? `min="${c.min}" max="${c.max}"` : 'min="0"';
  return `<input id="${id}" name="value:${esc(c.id)}" type="number" step="any" inputmode="decimal" ${bounds} placeholder="Giữ nguyên">`;
}

function reviewItem(c, report, listing, timeZone) {
  const reported = report.values ?? {};
  const removable = c.type === "adjustment" && reported[c.id] !== undefined && reported[c.id] !== null;
  return `<div class="review-item" data-criterion="${esc(c.id)}">
    <div class="title">${esc(c.title)}</div>
    <div class="reported">Đơn vị báo cáo: <strong id="r-${esc(c.id)}">${esc(shown(reported[c.id]))}</strong></div>${besideField(report, c)}
    <div class="evidence">${evidence.files(listing, c, timeZone)}</div>
    <div class="value"><label>Số liệu xác nhận ${correctionInput(c)}</label>
    ${removable ? `<label class="check"><input type="checkbox" name="remove:${esc(c.id)}"> Bỏ điểm này</label>` : ""}</div>
    <label>Ghi chú, lý do <input id="c-${esc(c.id)}" name="comment:${esc(c.id)}" type="text" maxlength="4000"></label>
    <span class="error" data-for="items.${esc(c.id)}.value"></span><span class="error" data-for="items.${esc(c.id)}.comment"></span>
    <span class="error" data-for="items.${esc(c.id)}"></span></div>`;
}

/** The review body from the form, with the server's rules checked first (docs/review.md, "Bodies"). */
function reviewBody(form, criteria, report, decision) {
  const reported = report.values ?? {};
  const errors = {};
  const items = {};
  for (const c of criteria) {
    const text = form.elements[`value:${c.id}`].value.trim();
    const remove = form.elements[`remove:${c.id}`]?.checked ?? false;
    const comment = form.elements[`comment:${c.id}`].value.trim();
    const item = {};
    if (decision === "return" && (text !== "" || remove)) {
      errors[`items.${c.id}.value`] = ["Khi trả lại không sửa số liệu; chỉ ghi lý do."];
    } else if (remove) {
      item.value = null;
    } else if (text !== "") {
      const error = c.type === "qualitative" ? null : valueError(c, text);
      if (error) errors[`items.${c.id}.value`] = [error];
      else item.value = c.type === "qualitative" ? text === "true" : Number(text);
    }
    const corrects = "value" in item && (item.value === null || (reported[c.id] ?? null) === null || Number(item.value) !== Number(reported[c.id]));
    if (corrects && comment === "") errors[`items.${c.id}.comment`] = ["Cần ghi lý do khi sửa số liệu."];
    const textProblem = textError(comment, "Ghi chú");
    if (textProblem) errors[`items.${c.id}.comment`] = [textProblem];
    if (comment !== "") item.comment = comment;
    if (Object.keys(item).length > 0) items[c.id] = item;
  }
  const comment = form.elements.comment.value.trim();
  const commentProblem = decision === "return" && comment === "" ? "Cần ghi lý do trả lại." : textError(comment, "Nhận xét");
  if (commentProblem) errors.comment = [commentProblem];
  if (decision === "return" && Object.keys(items).length === 0) errors.$ = ["Khi trả lại, cần ghi lý do ở ít nhất một tiêu chí."];
  return { body: { revision: report.revision, decision, comment, items }, errors };
}

export async function reviewPage(view, compactId, period, unitId) {
  const title = `Thẩm định báo cáo tháng ${monthName(period)} — ${unitId}`;
  const path = reportPath(compactId, period, unitId);
  const [compact, current, queueAnswer, listing] = await Promise.all([
    api(`compacts/${compactId}`), api(path), api(`compacts/${compactId}/reviews/${period}`), evidence.load(compactId, period, unitId)]);
  if (!compact.ok) { view.innerHTML = refusal(title, compact); return; }
  if (!current.ok) {
    view.innerHTML = current.status === 404
      ? `<h1>${esc(title)}</h1><p class="message" id="no-report">Đơn vị chưa gửi báo cáo tháng này.</p><p><a href="#/reviews/${compactId}/${period}">Danh sách thẩm định tháng này</a></p>`
      : refusal(title, current, current.status === 403 ? reviewHint : null);
    return;
  }
  const row = queueAnswer.ok ? listOf(queueAnswer.data, "rows").find((r) => r.unitId === unitId) : null;
  if (!row) {
    view.innerHTML = refusal(title, queueAnswer.ok ? { status: 403, data: {} } : queueAnswer, reviewHint);
    return;
  }
  const c = compact.data;
  const report = current.data;
  const criteria = c.contents.flatMap((content) => content.criteria.filter(assignedTo(unitId)));
  const state = report.review?.state;
  view.innerHTML = `<h1>Thẩm định báo cáo tháng ${monthName(period)} — ${esc(row.unitName ?? unitId)}</h1>
    <p>${esc(c.title)} · <a href="#/reviews/${compactId}/${period}">Danh sách thẩm định tháng này</a> · <a href="#/report/${compactId}/${period}/${unitId}">Trang báo cáo của đơn vị</a></p>
    ${stateLine(report)}
    <p>Bản số ${report.revision}, nhận lúc ${localTime(report.receivedAt, c.timeZone)} — ${esc(report.submittedBy)}${report.late ? ' <span class="late">nộp muộn</span>' : ""}</p>
    <div id="review-result"></div>
    ${state === "confirmed" ? '<p class="message ok" id="already-confirmed">Bản này đã được xác nhận; chỉ bản mới của đơn vị mới mở lại việc thẩm định.</p>' : ""}
    ${state === "returned" ? '<p class="message" id="awaiting">Đã trả lại; chờ đơn vị giải trình hoặc gửi bản mới.</p>' : ""}
    ${lastReviewBox(report, c.timeZone)}
    ${report.note ? `<fieldset><legend>Ghi chú của đơn vị</legend><p class="comment">${esc(report.note)}</p></fieldset>` : ""}
    ${listing.missing.length === 0 ? "" : `<p class="message bad" id="missing-evidence">Thiếu minh chứng bắt buộc: ${listing.missing.map((id) => esc(criteria.find((k) => k.id === id)?.title ?? id)).join("; ")}.</p>`}
    ${state === "confirmed" ? confirmedTable(criteria, report, listing, c.timeZone) : `<form id="review" novalidate>
      <p class="hint">Để trống “Số liệu xác nhận” là giữ nguyên số liệu đơn vị báo cáo; khi sửa, ghi lý do.</p>
      ${c.contents.map((content) => {
        const own = content.criteria.filter(assignedTo(unitId));
        return own.length === 0 ? "" : `<fieldset><legend>${esc(content.title)}</legend>${own.map((k) => reviewItem(k, report, listing, c.timeZone)).join("")}</fieldset>`;
      }).join("")}
      <fieldset><legend>Nhận xét chung</legend><textarea id="review-comment" name="comment" maxlength="4000"></textarea>
        <span class="error" data-for="comment"></span></fieldset>
      <span class="error" data-for="items"></span><span class="error" data-for="$"></span>
      ${state === "returned" ? '<p class="hint" id="admin-only">Báo cáo đang chờ đơn vị giải trình; chỉ thư ký cụm có thể xác nhận thay.</p>' : ""}
      <div class="actions"><button type="button" id="confirm">Xác nhận</button>${state === "returned" ? "" : '<button type="button" class="secondary" id="return">Trả lại</button>'}</div>
    </form>`}
    <h2>Lịch sử</h2><ol class="history" id="history"></ol>`;
  if (state !== "confirmed") bindReview(view, compactId, period, unitId, criteria, report);
  await history(compactId, period, unitId, c);
}

/** A confirmed report: each figure as reported and as confirmed, with the reviewer's comment. */
function confirmedTable(criteria, report, listing, timeZone) {
  const items = report.review.lastReview?.items ?? {};
  const effective = report.review.values ?? report.values ?? {};
  return `<table id="confirmed" class="stack"><thead><tr><th>Tiêu chí</th><th>Đơn vị báo cáo</th><th>Được xác nhận</th><th>Ghi chú</th></tr></thead>
    <tbody>${criteria.map((k) => `<tr data-criterion="${esc(k.id)}" class="${shown(report.values?.[k.id]) === shown(effective[k.id]) ? "" : "corrected"}">
      <td data-label="Tiêu chí">${esc(k.title)}${evidence.files(listing, k, timeZone)}</td><td data-label="Đơn vị báo cáo">${esc(shown(report.values?.[k.id]))}</td>
      <td data-label="Được xác nhận">${esc(shown(effective[k.id]))}</td><td data-label="Ghi chú">${esc(items[k.id]?.comment ?? "")}</td></tr>`).join("")}</tbody></table>`;
}

function bindReview(view, compactId, period, unitId, criteria, report) {
  const path = reportPath(compactId, period, unitId);
  const form = document.getElementById("review");
  const slot = document.getElementById("review-result");
  const buttons = form.querySelectorAll(".actions button");
  const decide = async (decision) => {
    const { body, errors } = reviewBody(form, criteria, report, decision);
    showErrors(form, errors);
    if (Object.keys(errors).length > 0) { slot.innerHTML = '<p class="message bad" id="rejected">Vui lòng sửa các ô được đánh dấu.</p>'; return; } // each beside its field
    buttons.forEach((b) => { b.disabled = true; });
    await deliver(`${path}/reviews`, body, slot, async (answer) => {
      buttons.forEach((b) => { b.disabled = false; });
      if (!answer.ok) { refused(slot, form, criteria, answer, report.revision); return; }
      const done = decision === "confirm" ? `Đã xác nhận bản số ${answer.data.revision}.` : `Đã trả lại bản số ${answer.data.revision} cho đơn vị.`;
      await reviewPage(view, compactId, period, unitId);
      const top = document.getElementById("review-result");
      top.innerHTML = `<p class="message ok" id="reviewed">${esc(done)}</p>`;
      top.scrollIntoView({ block: "nearest" });
    });
  };
  document.getElementById("confirm").onclick = () => decide("confirm");
  const returnButton = document.getElementById("return");
  if (returnButton) returnButton.onclick = () => decide("return");
}

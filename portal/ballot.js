// Secret ballots (bỏ phiếu kín, docs/ballots.md): a compact's ballots with the secretariat's opening form, and a ballot's page
// (#/ballot/{compactId}/{ballotId}, the page the ballot mails link to): a unit's reporter casts the unit's one ballot; everyone
// sees how many units have voted (the roll, never who chose whom) and, after the close, the result and the minutes (.docx);
// the secretariat closes it.
import { api, caller, downloader, esc, fmt, localInput, localTime, problem, showErrors, textError, unitNames, zonedInstant } from "./common.js";

const percent = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 4 });
const refusal = (title, result) => `<h1>${esc(title)}</h1><p class="message bad" id="refused">${problem(result)}</p>`;

/** Who is looking (the secretariat, or a unit's user and its unit), and the members' names. */
async function viewer(compactId) {
  const [who, names] = await Promise.all([caller(), unitNames(compactId)]);
  return { ...who, names };
}

const statusBadge = (b) => (b.closed
  ? '<span class="badge closed" data-status="closed">Đã kết thúc</span>' : '<span class="badge open" data-status="open">Đang bỏ phiếu</span>');
const roll = (b) => `${b.voted.length}/${b.electorate.length} đơn vị`;

// ---- A compact's ballots, and the secretariat's opening form ----
export async function ballotsPage(view, compactId) {
  const [compact, list] = await Promise.all([api(`compacts/${compactId}`), api(`compacts/${compactId}/ballots`)]);
  if (!compact.ok || !list.ok) { view.innerHTML = refusal("Bỏ phiếu kín", compact.ok ? list : compact); return; }
  const c = compact.data;
  const who = await viewer(compactId);
  const name = (id) => who.names[id] ?? id;
  const ballots = list.data.ballots;
  view.innerHTML = `<h1>Bỏ phiếu kín</h1>
    <p>${esc(c.title)} · ${esc(c.cluster)} · <a href="#/year/${esc(compactId)}">Kết quả năm ${c.year}</a></p>
    ${ballots.length === 0 ? '<p id="no-ballots">Giao ước chưa có cuộc bỏ phiếu nào.</p>' : `
    <table id="ballots" class="stack"><thead><tr><th>Nội dung</th><th>Trạng thái</th><th>Hạn bỏ phiếu</th><th class="num">Đã bỏ phiếu</th><th>Trúng cử</th></tr></thead>
    <tbody>${ballots.map((b) => `<tr data-ballot="${esc(b.ballotId)}">
      <td data-label="Nội dung"><a href="#/ballot/${esc(compactId)}/${esc(b.ballotId)}">${esc(b.title)}</a></td>
      <td data-label="Trạng thái">${statusBadge(b)}</td>
      <td data-label="Hạn bỏ phiếu">${localTime(b.closesAt, c.timeZone)}</td>
      <td data-label="Đã bỏ phiếu" class="num">${roll(b)}</td>
      <td data-label="Trúng cử">${b.result ? esc(b.result.elected.map(name).join(", ") || "Không có") : "—"}</td></tr>`).join("")}</tbody></table>`}
    ${who.admin ? openForm(c, name, ballots.length) : ""}`;
  if (who.admin) bindOpenForm(compactId, c);
}

const kinds = (c) => [
  ["lead", "Suy tôn đơn vị dẫn đầu cụm", `Suy tôn đơn vị dẫn đầu ${c.cluster} năm ${c.year}`],
  ["flag", "Bình xét đề nghị tặng Cờ thi đua", `Bình xét đơn vị đề nghị tặng Cờ thi đua năm ${c.year}`],
  ["merit", "Bình xét đề nghị tặng Bằng khen", `Bình xét đơn vị đề nghị tặng Bằng khen năm ${c.year}`],
  ["other", "Nội dung khác", ""],
];

function openForm(c, name, count) {
  const closes = localInput(Date.now() + 7 * 24 * 3600 * 1000, c.timeZone).slice(0, 11) + "17:00";
  const error = (field) => `<span class="error" data-for="${field}"></span>`;
  return `<form id="open-ballot" novalidate><fieldset><legend>Mở cuộc bỏ phiếu mới (thư ký)</legend>
    <div class="field wide"><label for="b-kind">Loại</label><select id="b-kind">${kinds(c).map(([v, label]) => `<option value="${v}">${esc(label)}</option>`).join("")}</select></div>
    <div class="field wide"><label for="b-title">Nội dung bỏ phiếu (câu hỏi)</label>
      <input type="text" id="b-title" name="title" maxlength="300" value="${esc(kinds(c)[0][2])}">${error("title")}</div>
    <div class="field wide"><label for="b-id">Mã cuộc bỏ phiếu</label>
      <input type="text" id="b-id" name="ballotId" maxlength="64" value="bo-phieu-${c.year}-${count + 1}">
      <span class="hint">Chữ thường không dấu, số và dấu gạch ngang (a-z, 0-9, -); dùng trong đường dẫn, không đổi được.</span>${error("ballotId")}</div>
    <div class="field wide"><span class="label">Đơn vị ứng cử</span>
      <div class="choices">${c.members.map((m) => `<label><input type="checkbox" name="candidates" value="${esc(m.unitId)}" checked> ${esc(name(m.unitId))}</label>`).join("")}</div>
      <span class="hint">Tất cả đơn vị thành viên (${c.members.length}) đều bỏ phiếu; danh sách này là các đơn vị được bầu.</span>${error("candidates")}</div>
    <div class="field"><label for="b-seats">Số đơn vị được bầu</label><input type="number" id="b-seats" name="seats" min="1" step="1" value="1">${error("seats")}</div>
    <div class="field"><label for="b-threshold">Tỷ lệ phiếu phải vượt</label><input type="number" id="b-threshold" name="threshold" min="0" max="0.999999" step="0.01" value="0.5">
      <span class="hint">Trúng cử khi số phiếu lớn hơn tỷ lệ này nhân với số phiếu bầu (0,5: quá nửa); từ 0 đến dưới 1.</span>${error("threshold")}</div>
    <div class="field wide"><label for="b-closes">Hạn bỏ phiếu</label><input type="datetime-local" id="b-closes" name="closesAt" value="${closes}">
      <span class="hint">Giờ theo múi giờ của giao ước (${esc(c.timeZone)}).</span>${error("closesAt")}</div>
    <div class="field wide"><label><input type="checkbox" id="b-self" name="allowSelfVote"> Cho phép đơn vị bầu cho chính mình</label>${error("allowSelfVote")}</div>
    ${error("$")}
    <button type="submit">Mở bỏ phiếu</button></fieldset></form>
    <div id="open-result"></div>`;
}

/** The server's checks of the opening body (docs/ballots.md), in Vietnamese, so most mistakes are shown before anything is sent. */
function validateOpening(form, timeZone) {
  const errors = {};
  const f = form.elements;
  if (!/^[a-z0-9-]{1,64}$/.test(f.ballotId.value)) errors.ballotId = ["Mã gồm 1–64 ký tự a-z, 0-9 hoặc dấu gạch ngang."];
  const title = f.title.value.trim();
  const titleError = title === "" ? "Cần nhập nội dung bỏ phiếu." : textError(title, "Nội dung");
  if (titleError || title.length > 300) errors.title = [titleError ?? "Nội dung tối đa 300 ký tự."];
  const candidates = [...form.querySelectorAll("input[name=candidates]:checked")].map((i) => i.value);
  if (candidates.length === 0) errors.candidates = ["Chọn ít nhất một đơn vị ứng cử."];
  const seats = Number(f.seats.value);
  if (!Number.isInteger(seats) || seats < 1 || seats > Math.max(1, candidates.length)) {
    errors.seats = [`Số nguyên từ 1 đến số đơn vị ứng cử (${candidates.length}).`];
  }
  const threshold = f.threshold.value.trim();
  if (!/^(0(\.\d{1,6})?|\.\d{1,6})$/.test(threshold)) errors.threshold = ["Từ 0 đến dưới 1, tối đa 6 chữ số sau dấu thập phân."];
  const closesAt = zonedInstant(f.closesAt.value, timeZone);
  if (!closesAt) errors.closesAt = ["Cần chọn ngày và giờ kết thúc."];
  else if (Date.parse(closesAt) <= Date.now()) errors.closesAt = ["Hạn bỏ phiếu phải ở tương lai."];
  const body = { ballotId: f.ballotId.value, title, seats, candidates, closesAt, allowSelfVote: f.allowSelfVote.checked, threshold: Number(threshold) };
  return { errors, body };
}

// The server's field errors beside their fields: a candidate's (candidates[2]) beside the candidates, with a Vietnamese line.
const fieldNames = { ballotId: "Mã", title: "Nội dung", candidates: "Danh sách ứng cử", seats: "Số đơn vị được bầu", threshold: "Tỷ lệ", closesAt: "Hạn bỏ phiếu" };
function serverErrors(errors) {
  const shown = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const field = key.replace(/\[\d+\]$/, "");
    const said = messages.join(" ");
    shown[field] = [`Máy chủ không nhận ${fieldNames[field]?.toLowerCase() ?? "giá trị"} này.`, shown[field] ? `${shown[field][1]} ${said}` : said];
  }
  return shown;
}

function bindOpenForm(compactId, c) {
  const form = document.getElementById("open-ballot");
  const result = document.getElementById("open-result");
  const titles = Object.fromEntries(kinds(c).map(([v, , title]) => [v, title]));
  document.getElementById("b-kind").onchange = (e) => { form.elements.title.value = titles[e.target.value]; form.elements.title.focus(); };
  form.onsubmit = async (event) => {
    event.preventDefault();
    const { errors, body } = validateOpening(form, c.timeZone);
    showErrors(form, errors);
    if (Object.keys(errors).length > 0) { result.innerHTML = '<p class="message bad" id="open-invalid">Vui lòng sửa các ô được đánh dấu.</p>'; return; }
    const opened = await api(`compacts/${compactId}/ballots`, { method: "POST", body });
    if (opened.ok) { location.hash = `#/ballot/${compactId}/${opened.data.ballotId}`; return; }
    const conflict = opened.status === 409 ? { ballotId: ["Giao ước đã có cuộc bỏ phiếu mã này; hãy chọn mã khác."] } : {};
    showErrors(form, { ...serverErrors(opened.data?.errors), ...conflict });
    result.innerHTML = `<p class="message bad" id="rejected">${problem(opened)}</p>`;
  };
}

// ---- A ballot's page ----
export async function ballotPage(view, compactId, ballotId, message = "") {
  const [compact, answer] = await Promise.all([api(`compacts/${compactId}`), api(`compacts/${compactId}/ballots/${ballotId}`)]);
  if (!compact.ok || !answer.ok) { view.innerHTML = refusal("Bỏ phiếu kín", compact.ok ? answer : compact); return; }
  const c = compact.data;
  const b = answer.data;
  const who = await viewer(compactId);
  const name = (id) => who.names[id] ?? id;
  const inElectorate = who.unitId !== null && b.electorate.includes(who.unitId);
  const voted = inElectorate && b.voted.includes(who.unitId);
  const waiting = b.electorate.filter((u) => !b.voted.includes(u));
  view.innerHTML = `<h1>${esc(b.title)} ${statusBadge(b)}</h1>
    <p>${esc(c.title)} · <a href="#/ballots/${esc(compactId)}">Các cuộc bỏ phiếu</a></p>
    <dl class="facts">
      <dt>Hạn bỏ phiếu</dt><dd id="closes-at">${localTime(b.closesAt, c.timeZone)} <span class="hint">(giờ ${esc(c.timeZone)})</span></dd>
      ${b.closedAt ? `<dt>Kết thúc lúc</dt><dd id="closed-at">${localTime(b.closedAt, c.timeZone)}</dd>` : ""}
      <dt>Số đơn vị được bầu</dt><dd id="seats">${b.seats}</dd>
      <dt>Điều kiện trúng cử</dt><dd>Số phiếu lớn hơn ${percent.format(b.threshold)} số phiếu bầu${b.seats > 1 ? "; nhiều phiếu hơn trước" : ""}</dd>
      <dt>Đơn vị ứng cử</dt><dd>${b.candidates.map((u) => esc(name(u))).join(", ")}</dd>
      <dt>Tự bầu cho mình</dt><dd>${b.allowSelfVote ? "Được phép" : "Không được"}</dd>
      <dt>Đã bỏ phiếu</dt><dd id="roll" data-voted="${b.voted.length}" data-electorate="${b.electorate.length}">${roll(b)}
        <progress max="${b.electorate.length}" value="${b.voted.length}"></progress></dd>
    </dl>
    <div id="ballot-message">${message}</div>
    ${voted ? '<p class="message ok" id="voted">Đơn vị đã bỏ phiếu. Phiếu đã gửi không thể sửa.</p>' : ""}
    ${b.closed ? resultSection(b, name) : openSection(b, who, inElectorate, voted, name, waiting)}`;
  const reload = (text) => ballotPage(view, compactId, ballotId, text);
  if (!b.closed && inElectorate && !voted) bindVote(compactId, ballotId, b, reload);
  if (!b.closed && who.admin) {
    document.getElementById("close").onclick = async () => {
      const closed = await api(`compacts/${compactId}/ballots/${ballotId}/close`, { method: "POST" });
      await reload(closed.ok ? '<p class="message ok" id="closed">Đã kết thúc bỏ phiếu và kiểm phiếu.</p>'
        : `<p class="message bad" id="close-refused">${problem(closed)}</p>`);
    };
  }
  if (b.result) {
    document.getElementById("minutes").onclick = downloader(`compacts/${compactId}/ballots/${ballotId}/minutes.docx`,
      `${compactId}-${ballotId}-bien-ban-kiem-phieu.docx`, document.getElementById("download-error"));
  }
}

function openSection(b, who, inElectorate, voted, name, waiting) {
  const secret = '<p class="hint">Trước khi kết thúc, không ai (kể cả thư ký) xem được số phiếu; hệ thống chỉ lưu đơn vị nào đã bỏ phiếu.</p>';
  if (who.admin) {
    return `<fieldset id="admin-box"><legend>Thư ký</legend>
      <p id="waiting">${waiting.length === 0 ? "Mọi đơn vị đã bỏ phiếu." : `Chưa bỏ phiếu: ${waiting.map((u) => esc(name(u))).join(", ")}.`}</p>${secret}
      <button type="button" id="close">Kết thúc bỏ phiếu ngay</button></fieldset>`;
  }
  if (!inElectorate) return `<p class="message" id="not-elector">Đơn vị của bạn không có trong danh sách bỏ phiếu.</p>${secret}`;
  if (voted) return `<p>Kết quả được công bố khi bỏ phiếu kết thúc.</p>${secret}`;
  return `<form id="vote" novalidate><fieldset><legend>Phiếu bầu của ${esc(name(who.unitId))}</legend>
    <p class="hint">Chọn tối đa ${b.seats} đơn vị. Không chọn đơn vị nào là phiếu trắng. Mỗi đơn vị bỏ một phiếu; phiếu đã gửi không thể sửa.</p>
    <div class="choices">${b.candidates.map((u) => {
      const own = u === who.unitId && !b.allowSelfVote;
      return `<label><input type="checkbox" name="choice" value="${esc(u)}"${own ? " disabled" : ""}>
        <span>${esc(name(u))}${own ? ' <span class="hint">(đơn vị mình, không được tự bầu)</span>' : ""}</span></label>`;
    }).join("")}</div>
    <span class="error" data-for="choices"></span><span class="error" data-for="$"></span>
    <button type="submit">Gửi phiếu trắng</button></fieldset></form>${secret}`;
}

function bindVote(compactId, ballotId, b, reload) {
  const form = document.getElementById("vote");
  const submit = form.querySelector("button[type=submit]");
  // The button says what will be sent: a blank ballot while nothing is chosen.
  form.onchange = () => { submit.textContent = form.querySelector("input[name=choice]:checked") ? "Gửi phiếu bầu" : "Gửi phiếu trắng"; };
  form.onsubmit = async (event) => {
    event.preventDefault();
    const choices = [...form.querySelectorAll("input[name=choice]:checked")].map((i) => i.value);
    if (choices.length > b.seats) { showErrors(form, { choices: [`Chỉ được chọn tối đa ${b.seats} đơn vị.`] }); return; }
    submit.disabled = true;
    const cast = await api(`compacts/${compactId}/ballots/${ballotId}/vote`, { method: "PUT", body: { choices } });
    if (cast.ok) { await reload(`<p class="message ok" id="cast">Đã ghi nhận phiếu bầu của đơn vị${choices.length === 0 ? " (phiếu trắng)" : ""}.</p>`); return; }
    if (cast.status === 409 || cast.status === 403) {
      await reload(`<p class="message bad" id="vote-refused">${problem(cast, "Phiếu không được ghi nhận: đơn vị đã bỏ phiếu, hoặc bỏ phiếu đã kết thúc.")}</p>`);
      return;
    }
    submit.disabled = false;
    showErrors(form, Object.fromEntries(Object.entries(cast.data?.errors ?? {}).map(([, m]) => ["choices", ["Máy chủ không nhận phiếu này.", m.join(" ")]])));
    form.insertAdjacentHTML("afterend", `<p class="message bad" id="vote-refused">${problem(cast)}</p>`);
  };
}

function resultSection(b, name) {
  const r = b.result;
  if (!r) return '<p class="message" id="counting">Đã hết hạn bỏ phiếu; đang kiểm phiếu. Hãy tải lại trang sau ít phút.</p>';
  const order = b.candidates.map((u, i) => [u, r.counts[u] ?? 0, i]).sort((x, y) => y[1] - x[1] || x[2] - y[2]);
  const mark = (u) => (r.elected.includes(u) ? '<span class="badge final">Trúng cử</span>' : r.tie?.includes(u) ? '<span class="badge provisional">Bằng phiếu</span>' : "");
  const share = (n) => (r.cast === 0 ? "—" : percent.format(n / r.cast));
  const conclusion = r.elected.length > 0 ? `Trúng cử: ${r.elected.map((u) => esc(name(u))).join(", ")}.`
    : `Không đơn vị nào trúng cử${r.tie?.length ? "" : ` (không đơn vị nào có số phiếu lớn hơn ${percent.format(b.threshold)} số phiếu bầu)`}.`;
  const tie = r.tie?.length ? `<p class="message" id="tie">Bằng phiếu và bằng thứ hạng, chưa phân định: ${r.tie.map((u) => esc(name(u))).join(", ")};
    ${b.seats - r.elected.length} suất còn trống.</p>` : "";
  return `<h2>Kết quả kiểm phiếu</h2>
    <p id="tally">Số phiếu bầu: ${r.cast}/${b.electorate.length} (phiếu trắng: ${r.blank}); ${b.electorate.length - r.cast} đơn vị không bỏ phiếu.</p>
    <table id="result"><thead><tr><th>Đơn vị</th><th class="num">Số phiếu</th><th class="num">Tỷ lệ</th><th>Kết quả</th></tr></thead>
    <tbody>${order.map(([u, n]) => `<tr data-unit="${esc(u)}" data-votes="${n}">
      <td data-label="Đơn vị">${esc(name(u))}</td><td data-label="Số phiếu" class="num">${fmt.format(n)}</td>
      <td data-label="Tỷ lệ" class="num">${share(n)}</td><td data-label="Kết quả">${mark(u)}</td></tr>`).join("")}</tbody></table>
    <p class="message ok" id="elected">${conclusion}</p>${tie}
    <p class="hint" id="tie-rule">Đơn vị bằng phiếu được xếp theo thứ hạng tháng 12 của năm${r.rankRunId ? ` (lần tính ${esc(r.rankRunId)})` : " (khi kết thúc chưa có bảng xếp hạng tháng 12)"}.
      Hệ thống chỉ lưu đơn vị nào đã bỏ phiếu và số phiếu, không lưu đơn vị nào bầu cho ai.</p>
    <div class="actions"><button class="secondary" id="minutes">Tải biên bản kiểm phiếu (.docx)</button></div>
    <p class="message bad" id="download-error" hidden></p>`;
}

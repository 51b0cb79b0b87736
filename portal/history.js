// A unit's results over the years (docs/api.md, "A unit's history"): each compact the unit is a member of, newest first,
// with December's rank and score and whether they are final, and the titles the cluster's closed ballots gave it. The
// unit's own users and the secretariat may read it; the home page links it for them.
import { api, caller, esc, fmt, problem } from "./common.js";

const statusNames = { final: "Chính thức", provisional: "Tạm tính" };

/** The home page's link: the caller's own unit's history for a unit's user, every unit's for the secretariat; else nothing. */
export async function links() {
  const who = await caller();
  if (who.admin) {
    return who.units.length === 0 ? "" : `<p id="histories">Thành tích qua các năm: ${who.units.map((u) =>
      `<a href="#/history/${esc(u.unitId)}">${esc(u.name)}</a>`).join(" · ")}</p>`;
  }
  return who.unitId ? `<p><a id="my-history" href="#/history/${esc(who.unitId)}">Thành tích của đơn vị qua các năm</a></p>` : "";
}

function result(y) {
  if (y.compactStatus === "draft") {
    return '<span class="badge draft" data-status="draft" title="Chưa nhận báo cáo cho tới khi được kích hoạt">Dự thảo</span>';
  }
  return y.status
    ? `<span class="badge ${esc(y.status)}" data-status="${esc(y.status)}">${esc(statusNames[y.status] ?? y.status)}</span>`
    : '<span class="badge missing" data-status="none">Chưa có kết quả tháng 12</span>';
}

function rank(y) {
  if (y.notRanked) return "Không xếp hạng";
  return y.rank ?? "—";
}

export async function historyPage(view, unitId) {
  const [unit, history] = await Promise.all([api(`units/${unitId}`), api(`units/${unitId}/history`)]);
  if (!history.ok) {
    view.innerHTML = `<h1>Thành tích qua các năm</h1><p class="message bad" id="refused">${problem(history)}</p>`;
    return;
  }
  const years = history.data.years;
  view.innerHTML = `<h1>Thành tích qua các năm — ${esc(unit.ok ? unit.data.name : unitId)}</h1>
    ${years.length === 0 ? '<p id="no-years">Đơn vị chưa là thành viên của giao ước nào.</p>' : `
    <table id="unit-history" class="stack"><thead><tr><th class="num">Năm</th><th>Giao ước</th><th>Kết quả</th><th class="num">Hạng</th>
      <th class="num">Điểm T12</th><th>Danh hiệu được suy tôn</th></tr></thead>
    <tbody>${years.map((y) => `<tr data-compact="${esc(y.compactId)}">
      <td data-label="Năm" class="num">${y.year}</td>
      <td data-label="Giao ước">${y.compactStatus === "draft" ? esc(y.title) : `<a href="#/year/${esc(y.compactId)}">${esc(y.title)}</a>`}</td>
      <td data-label="Kết quả">${result(y)}</td>
      <td data-label="Hạng" class="num">${y.status ? rank(y) : "—"}</td>
      <td data-label="Điểm T12" class="num"${y.score === undefined || y.score === null ? "" : ` data-score="${y.score}"`}>${y.score === undefined || y.score === null ? "—" : fmt.format(y.score)}</td>
      <td data-label="Danh hiệu được suy tôn" class="titles">${y.titlesWon.length === 0 ? "—" : `<ul>${y.titlesWon.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>`}</td>
    </tr>`).join("")}</tbody></table>
    <p class="hint">Hạng và điểm (thang 100) theo bảng xếp hạng mới nhất của tháng 12; “Tạm tính”: tháng 12 chưa chốt. Danh hiệu: các cuộc bỏ phiếu kín đã kết thúc bầu đơn vị.</p>`}`;
}

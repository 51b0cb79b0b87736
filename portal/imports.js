// Excel imports (admins; docs/api.md "Excel imports"): the compact's targets and baselines through their template (the upload
// carries the compact's ETag in If-Match), and a month's paper reports. A refused workbook shows every bad cell in a table
// (sheet, row, column, reason), as the API lists them; nothing was stored then.
import * as auth from "./auth.js";
import { esc, monthSelect, problem, unitNames } from "./common.js";

const apiBase = window.COMPACTS_API ?? "/api";
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A call with the caller's credentials that keeps the response's ETag and any body (JSON, or the file). */
async function call(path, { method = "GET", file, headers = {} } = {}) {
  const all = { ...(await auth.callerHeaders()), ...headers };
  if (file) all["Content-Type"] = xlsx;
  const response = await fetch(`${apiBase}/${path}`, { method, headers: all, body: file });
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.blob();
  return { status: response.status, ok: response.ok, data, etag: response.headers.get("ETag") };
}

function save(blob, name) {
  Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name }).click();
}

// Each kind of refused cell (the answer's `code`), said in Vietnamese; the server's English reason, with its particulars,
// stays beneath in smaller type.
const cellReasons = {
  "unknown-column": "Cột không có trong mẫu: giao ước không có tiêu chí mang mã này.",
  "duplicate-column": "Cột này xuất hiện hai lần.",
  "missing-column": "Thiếu một cột của mẫu.",
  "no-rows": "Trang tính không có dòng nào dưới dòng tiêu đề.",
  "too-many-rows": "Quá nhiều dòng cho một lần nhập.",
  required: "Ô bắt buộc đang để trống.",
  "not-member": "Đơn vị này không phải thành viên của giao ước.",
  "unknown-criterion": "Giao ước không có tiêu chí định lượng mang mã này.",
  "duplicate-row": "Đã có một dòng khác cho cùng đơn vị (và tiêu chí).",
  "invalid-value": "Giá trị không hợp lệ cho cột này.",
  "invalid-time": "Thời điểm nhận bản giấy không đọc được hoặc không hợp lệ.",
  "earlier-than-previous": "Thời điểm nhận sớm hơn lần báo cáo trước của đơn vị.",
  "report-refused": "Báo cáo của đơn vị không nhận thêm bản mới lúc này.",
  "too-large": "Báo cáo quá lớn; hãy rút gọn ghi chú.",
  "baseline-without-target": "Có số liệu gốc mà thiếu chỉ tiêu: điền chỉ tiêu, hoặc để trống cả hai.",
  "baseline-not-applicable": "Tiêu chí này không tính theo % so với năm trước: để trống số liệu gốc.",
  "baseline-required": "Chỉ tiêu tính theo % cần số liệu gốc (số liệu năm trước, lớn hơn 0).",
  "no-target": "Tiêu chí sẽ không còn chỉ tiêu cho đơn vị nào.",
  "no-header": "Cột này không có tiêu đề: giá trị ở đây không thuộc cột nào.",
  "error-value": "Ô chứa giá trị lỗi (như #DIV/0!).",
  "formula-without-result": "Công thức chưa có kết quả được lưu: mở tệp bằng Excel rồi lưu lại.",
  merged: "Các ô bị gộp: bỏ gộp và điền từng ô.",
};

/** The refusal, and beneath it each bad cell the server listed. */
function refusal(result) {
  const cells = result.data?.cells ?? [];
  const table = cells.length === 0 ? "" : `
    <table class="cell-errors"><thead><tr><th>Trang tính</th><th>Dòng</th><th>Cột</th><th>Lý do</th></tr></thead><tbody>${cells.map((c) => `
      <tr data-cell="${esc(c.sheet)}!${esc(c.column)}${c.row}"><td>${esc(c.sheet)}</td><td>${c.row}</td><td>${esc(c.column)}</td><td data-code="${esc(c.code)}">${cellReasons[c.code] ? `${esc(cellReasons[c.code])}<span class="detail" lang="en">${esc(c.reason)}</span>` : `<span lang="en">${esc(c.reason)}</span>`}</td></tr>`).join("")}
    </tbody></table>`;
  const title = cells.length > 0 ? `Tệp có ${cells.length} ô không nhập được; chưa có gì được lưu. Sửa các ô dưới đây rồi tải lên lại.` : undefined;
  return `<p class="message bad">${problem(result, title)}</p>${table}`;
}

function form(id, title, hint, button) {
  return `<fieldset><legend>${esc(title)}</legend><p class="hint">${hint}</p>
    <form id="${id}"><div class="actions"><button type="button" class="secondary" id="${id}-template">Tải tệp mẫu (.xlsx)</button></div>
    <label>Tệp đã điền <input type="file" id="${id}-file" accept=".xlsx,${xlsx}" required></label>
    <div class="actions"><button type="submit" id="${id}-send">${esc(button)}</button></div></form>
    <div id="${id}-result" aria-live="polite"></div></fieldset>`;
}

/** #/imports/{compactId}/{period}: both uploads, the month's chosen by the selector. */
export async function page(view, compactId, period) {
  const compact = await call(`compacts/${compactId}`);
  if (!compact.ok) { view.innerHTML = `<p class="message bad">${problem(compact)}</p>`; return; }
  const select = monthSelect(compact.data, period, (m) => `#/imports/${compactId}/${m}`);
  view.innerHTML = `<h1>Nhập từ Excel</h1><p>${esc(compact.data.title)} · ${esc(compactId)}</p>
    ${form("targets", "Chỉ tiêu và số liệu năm trước", "Tải tệp mẫu, điền cột target và baseline (để trống cả hai: không giao tiêu chí cho đơn vị), rồi tải lên.", "Cập nhật chỉ tiêu")}
    ${form("reports", "Báo cáo giấy của tháng", `Tháng ${select.html} — mỗi đơn vị một dòng; receivedAt là thời điểm nhận bản giấy. Mỗi dòng thành một bản báo cáo mới; có ô sai thì không lưu dòng nào.`, "Nhập báo cáo")}`;
  select.bind();

  document.getElementById("targets-template").onclick = async () => {
    const file = await call(`compacts/${compactId}/targets?format=xlsx`);
    if (!file.ok) { document.getElementById("targets-result").innerHTML = refusal(file); return; }
    save(file.data, `${compactId}-targets.xlsx`);
  };
  document.getElementById("reports-template").onclick = async () => {
    const file = await call(`compacts/${compactId}/reports/${period}/import.xlsx`);
    if (!file.ok) { document.getElementById("reports-result").innerHTML = refusal(file); return; }
    save(file.data, `${compactId}-${period}-import.xlsx`);
  };

  document.getElementById("targets").onsubmit = async (event) => {
    event.preventDefault();
    const out = document.getElementById("targets-result");
    // If-Match: the compact as it is now; a change by someone else meanwhile is a 412, nothing stored.
    const current = await call(`compacts/${compactId}`);
    const sent = await call(`compacts/${compactId}/targets`, {
      method: "PUT", file: document.getElementById("targets-file").files[0], headers: current.etag ? { "If-Match": current.etag } : {},
    });
    out.innerHTML = sent.ok ? `<p class="message good" id="targets-done">Đã cập nhật chỉ tiêu.</p>` : refusal(sent);
  };
  document.getElementById("reports").onsubmit = async (event) => {
    event.preventDefault();
    const out = document.getElementById("reports-result");
    const [sent, names] = await Promise.all([
      call(`compacts/${compactId}/reports/${period}/import`, { method: "POST", file: document.getElementById("reports-file").files[0] }), unitNames(compactId)]);
    out.innerHTML = sent.ok
      ? `<p class="message good" id="reports-done">Đã nhập ${sent.data.imported} báo cáo tháng ${Number(period.slice(5))}/${period.slice(0, 4)}: ${sent.data.reports
        .map((r) => `<a href="#/report/${esc(compactId)}/${esc(period)}/${esc(r.unitId)}">${esc(names[r.unitId] ?? r.unitId)} (bản ${r.revision})</a>`).join(", ")}.</p>`
      : refusal(sent);
  };
}

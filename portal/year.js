// The year's result (docs/api.md, "The year"): December's latest run with each unit's twelve monthly scores and ranks, a
// units × months chart drawn as inline SVG (score or rank), and the year's workbook (.xlsx) and year-end report (.docx)
// fetched through the API with the caller's credentials.
import { api, downloader, esc, fmt, localTime, problem } from "./common.js";

const statusNames = { final: "Chính thức", provisional: "Tạm tính" };
// Distinct on white and told apart by dash too, so two lines never depend on colour alone.
const palette = ["#b3261e", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#c2185b", "#546e7a", "#9e9d24"];
const dashes = ["", "6 3", "2 3", "8 3 2 3", "1 4"];
const seriesStyle = (i) => ({ color: palette[i % palette.length], dash: dashes[Math.floor(i / palette.length) % dashes.length] });

export async function yearPage(view, compactId) {
  const [compact, result] = await Promise.all([api(`compacts/${compactId}`), api(`compacts/${compactId}/year`)]);
  if (!compact.ok || !result.ok) {
    const refused = compact.ok ? result : compact;
    const hint = refused.status === 404 && compact.ok
      ? `<p id="no-december">Kết quả năm có khi tháng 12 đã có bảng xếp hạng. <a href="#/standings/${esc(compactId)}/${compact.data.year}-12">Bảng xếp hạng tháng 12</a></p>` : "";
    view.innerHTML = `<h1>Kết quả năm</h1><p class="message bad" id="refused">${problem(refused)}</p>${hint}`;
    return;
  }
  const c = compact.data;
  const y = result.data;
  view.innerHTML = `
    <h1>Kết quả thi đua năm ${y.year} <span class="badge ${esc(y.status)}" id="status">${esc(statusNames[y.status] ?? y.status)}</span></h1>
    <p>${esc(c.title)} · ${esc(c.cluster)}</p>
    <p>Theo bảng xếp hạng tháng 12, tính lúc ${localTime(y.computedAt, c.timeZone)}.${y.status === "final" ? ""
      : ' <span id="provisional-note">Kết quả tạm tính: tháng 12 chưa chốt, thứ hạng còn có thể thay đổi.</span>'}
      · <a href="#/standings/${esc(compactId)}/${y.year}-12">Bảng xếp hạng tháng 12</a> · <a href="#/ballots/${esc(compactId)}">Bỏ phiếu kín</a></p>
    <div class="actions"><button class="secondary" id="xlsx">Tải bảng tổng hợp (.xlsx)</button>
      <button class="secondary" id="docx">Tải báo cáo tổng kết (.docx)</button></div>
    <p class="message bad" id="download-error" hidden></p>
    <div class="scroll"><table id="year" class="year"><thead><tr><th class="num">Hạng</th><th class="unit">Đơn vị</th><th class="num">Điểm T12</th>
      ${[...Array(12).keys()].map((m) => `<th class="num month">T${m + 1}</th>`).join("")}</tr></thead>
    <tbody>${y.rows.map((r) => `<tr class="${r.notRanked ? "not-ranked" : ""}" data-unit="${esc(r.unitId)}">
      <td class="num">${r.notRanked ? "—" : r.rank}</td><td class="unit">${esc(r.unitName)}</td>
      <td class="num" data-score="${r.notRanked ? "" : r.score}">${r.notRanked ? "Không xếp hạng" : fmt.format(r.score)}</td>
      ${r.months.map((e, m) => `<td class="num month" data-month="${m + 1}"${e ? ` data-score="${e.score}" data-rank="${e.rank}"` : ""}>${e
        ? `${fmt.format(e.score)}<span class="rank">hạng ${e.rank}</span>` : "—"}</td>`).join("")}</tr>`).join("")}</tbody></table></div>
    <p class="hint">Mỗi ô tháng: điểm (thang 100) và thứ hạng theo bảng xếp hạng mới nhất của tháng; “—”: tháng chưa có bảng xếp hạng hoặc đơn vị không được xếp hạng.</p>
    <h2>Diễn biến theo tháng</h2>
    <div class="actions" role="radiogroup" aria-label="Biểu đồ theo">
      <label><input type="radio" name="measure" value="score" checked> Điểm</label>
      <label><input type="radio" name="measure" value="rank"> Thứ hạng</label></div>
    <figure id="chart-box"></figure>`;

  const box = document.getElementById("chart-box");
  let drawnWidth = 0;
  const draw = () => {
    drawnWidth = box.clientWidth;
    box.innerHTML = chart(y.rows, document.querySelector("input[name=measure]:checked").value, drawnWidth);
  };
  for (const input of document.querySelectorAll("input[name=measure]")) input.onchange = draw;
  draw();
  // Drawn again at its new width when the screen turns or the window is resized (not when only its height changed).
  new ResizeObserver(() => { if (box.isConnected && box.clientWidth !== drawnWidth) draw(); }).observe(box);
  const error = document.getElementById("download-error");
  document.getElementById("xlsx").onclick = downloader(`compacts/${compactId}/year?format=xlsx`, `${compactId}-${y.year}-tong-hop.xlsx`, error);
  document.getElementById("docx").onclick = downloader(`compacts/${compactId}/year/report.docx`, `${compactId}-bao-cao-tong-ket.docx`, error);
}

/**
 * The units × months chart: one line per unit through its months (broken where a month has no score or rank), the months on
 * the horizontal axis, the score (0 to the highest, at least 100) or the rank (1 at the top) on the vertical one, and a legend.
 * Drawn at the width it is given, so its text stays readable on a phone.
 */
function chart(rows, measure, width) {
  const w = Math.max(300, Math.round(width || 640));
  const narrow = w < 520;
  const h = narrow ? 260 : 320;
  const pad = { left: narrow ? 34 : 44, right: 12, top: 14, bottom: 36 };
  const value = (e) => (e ? (measure === "score" ? e.score : e.rank) : null);
  const all = rows.flatMap((r) => r.months.map(value)).filter((v) => v !== null);
  const byScore = measure === "score";
  const top = byScore ? Math.max(100, ...all) : 1;
  const bottom = byScore ? Math.min(0, ...all) : Math.max(rows.length, ...all);
  const x = (m) => pad.left + (m + 0.5) * (w - pad.left - pad.right) / 12;
  const inset = 8; // the highest and lowest values' dots clear the frame and the month labels
  const yOf = (v) => pad.top + inset + (top - v) / (top - bottom || 1) * (h - pad.top - pad.bottom - 2 * inset);
  const ticks = byScore ? [0, 0.25, 0.5, 0.75, 1].map((f) => bottom + (top - bottom) * f)
    : [...Array(bottom).keys()].map((i) => i + 1).filter((r) => bottom <= 10 || r === 1 || r % Math.ceil(bottom / 8) === 0);
  const label = byScore ? "Điểm" : "Hạng";
  const series = rows.map((r, i) => {
    const { color, dash } = seriesStyle(i);
    const points = r.months.map((e, m) => (value(e) === null ? null : [x(m), yOf(value(e)), m, e]));
    // A polyline per run of consecutive months with a value; a lone month is still seen as its dot.
    const runs = [];
    for (const p of points) {
      if (p === null) runs.push([]);
      else (runs.at(-1) ?? runs[runs.push([]) - 1]).push(p);
    }
    const lines = runs.filter((run) => run.length > 1).map((run) =>
      `<polyline fill="none" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ""} points="${run.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ")}"/>`);
    const dots = points.filter(Boolean).map(([px, py, m, e]) =>
      `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${color}"><title>${esc(r.unitName)}, tháng ${m + 1}: ${fmt.format(e.score)} điểm, hạng ${e.rank}</title></circle>`);
    return `<g class="series" data-unit="${esc(r.unitId)}" data-points="${points.filter(Boolean).length}">${lines.join("")}${dots.join("")}</g>`;
  });
  const svg = `<svg id="chart" class="chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img"
      aria-label="Biểu đồ ${byScore ? "điểm" : "thứ hạng"} từng tháng của ${rows.length} đơn vị" data-measure="${measure}" font-size="${narrow ? 11 : 12}">
    ${ticks.map((t) => `<line x1="${pad.left}" x2="${w - pad.right}" y1="${yOf(t).toFixed(1)}" y2="${yOf(t).toFixed(1)}" stroke="#e0e0e0"/>
      <text x="${pad.left - 6}" y="${(yOf(t) + 4).toFixed(1)}" text-anchor="end" fill="#5f6368">${fmt.format(Math.round(t))}</text>`).join("")}
    ${[...Array(12).keys()].map((m) => `<text x="${x(m).toFixed(1)}" y="${h - pad.bottom + 16}" text-anchor="middle" fill="#5f6368">${narrow ? m + 1 : `T${m + 1}`}</text>`).join("")}
    <text x="${(pad.left + w - pad.right) / 2}" y="${h - 4}" text-anchor="middle" fill="#5f6368">Tháng</text>
    <text x="10" y="${pad.top + (h - pad.top - pad.bottom) / 2}" text-anchor="middle" fill="#5f6368" transform="rotate(-90 10 ${pad.top + (h - pad.top - pad.bottom) / 2})">${label}</text>
    ${series.join("")}</svg>`;
  const legend = `<ul class="legend" id="legend">${rows.map((r, i) => {
    const { color, dash } = seriesStyle(i);
    return `<li data-unit="${esc(r.unitId)}"><svg width="28" height="10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke="${color}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ""}/></svg>${esc(r.unitName)}</li>`;
  }).join("")}</ul>`;
  return `${svg}<figcaption>${legend}</figcaption>`;
}

// Next year's compact (docs/year-end.md): a draft badge on the compacts list, and the secretariat's "Năm sau" page that makes
// next year's compact from this one (POST …/next: its id, head and deputy) and shows each refusal beside its field. A draft
// page lists what it still lacks before it can be activated (its signing date and last year's baselines), without the form.
import { api, esc, problem, showErrors, unitNames } from "./common.js";

/** Beside a compact's title on the list: a "draft" badge for a draft, nothing for an active compact. */
export const badge = (compact) =>
  compact.status === "draft" ? ' <span class="badge draft" data-status="draft" title="Chưa nhận báo cáo cho tới khi được kích hoạt">Dự thảo</span>' : "";

/** The link under a compact on the list. */
export const link = (compact) => `<p><a href="#/next/${esc(compact.compactId)}">Giao ước năm sau (thư ký)</a></p>`;

/** What a draft lacks, as the API's `missing` list has it (signedOn, each empty percentChange baseline), by criterion title and unit name. */
function missing(compact, names) {
  const gaps = compact.signedOn ? [] : ["ngày ký (signedOn)"];
  for (const c of compact.contents.flatMap((content) => content.criteria).filter((k) => k.measure === "percentChange")) {
    for (const [unitId, t] of Object.entries(c.targets ?? {})) if (t.baseline === undefined) gaps.push(`số liệu gốc của “${c.title}” cho ${names[unitId] ?? unitId}`);
  }
  return gaps;
}

/** A proposed id for next year's compact: the year in this one's id written as the next, or "-{year+1}" added. */
const nextId = (compact) =>
  compact.compactId.includes(String(compact.year)) ? compact.compactId.replace(String(compact.year), String(compact.year + 1)) : `${compact.compactId}-${compact.year + 1}`;

const fieldNames = { compactId: "Mã giao ước mới", head: "Cụm trưởng", deputy: "Cụm phó", year: "Năm" };

export async function page(view, compactId) {
  const [result, names] = await Promise.all([api(`compacts/${compactId}`), unitNames(compactId)]);
  if (!result.ok) {
    view.innerHTML = `<h1>Giao ước năm sau</h1><p class="message bad">${problem(result)}</p>`;
    return;
  }
  const compact = result.data;
  const gaps = compact.status === "draft" ? missing(compact, names) : [];
  const options = (selected, none) => (none ? `<option value="">(không có)</option>` : "")
    + compact.members.map((m) => `<option value="${esc(m.unitId)}" ${m.unitId === selected ? "selected" : ""}>${esc(names[m.unitId] ?? m.unitId)}</option>`).join("");
  const head = compact.members.find((m) => m.role === "member")?.unitId;
  view.innerHTML = `<h1>Giao ước năm sau</h1>
    <p>${esc(compact.title)}${badge(compact)} — năm ${compact.year}</p>
    ${compact.status === "draft" ? `<div class="message" id="draft-missing"><p>Giao ước này là dự thảo: chưa nhận báo cáo.
      ${gaps.length ? `Còn thiếu: </p><ul>${gaps.map((g) => `<li>${esc(g)}</li>`).join("")}</ul>` : "Đã đủ dữ liệu; thư ký đặt trạng thái “active” để kích hoạt.</p>"}</div>` : ""}
    ${compact.status === "draft" ? "" : `<form id="next-year" novalidate><fieldset><legend>Lập giao ước năm ${compact.year + 1} từ giao ước này (thư ký)</legend>
      <p class="hint">Giữ nguyên các đơn vị, nội dung, tiêu chí và chỉ tiêu; xóa số liệu gốc (năm trước) của các chỉ tiêu tính theo %
        và ngày ký. Giao ước mới là dự thảo cho tới khi thư ký điền đủ và kích hoạt.</p>
      <div class="field"><label for="n-compactId">${fieldNames.compactId}</label> <input id="n-compactId" name="compactId" value="${esc(nextId(compact))}" required>
        <span class="error" data-for="compactId"></span></div>
      <div class="field"><label for="n-head">${fieldNames.head}</label> <select id="n-head" name="head">${options(head, false)}</select>
        <span class="error" data-for="head"></span></div>
      <div class="field"><label for="n-deputy">${fieldNames.deputy}</label> <select id="n-deputy" name="deputy">${options(null, true)}</select>
        <span class="error" data-for="deputy"></span></div>
      <span class="error" data-for="$"></span>
      <button type="submit">Lập giao ước năm sau</button></fieldset></form><div id="next-result"></div>`}`;

  const form = document.getElementById("next-year");
  if (!form) return; // a draft: next year's compact is made from an active one
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = { compactId: form.elements.compactId.value.trim(), head: form.elements.head.value };
    if (form.elements.deputy.value) body.deputy = form.elements.deputy.value;
    const errors = {};
    if (!body.compactId) errors.compactId = ["Nhập mã giao ước mới (chữ thường, số, dấu '-')."];
    if (body.deputy && body.deputy === body.head) errors.deputy = ["Cụm phó phải là đơn vị khác cụm trưởng."];
    showErrors(form, errors);
    if (Object.keys(errors).length > 0) return;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    const answer = await api(`compacts/${compactId}/next`, { method: "POST", body });
    button.disabled = false;
    const out = document.getElementById("next-result");
    if (answer.ok) {
      const created = answer.data;
      const headId = created.members.find((m) => m.role === "head").unitId;
      out.innerHTML = `<p class="message ok" id="next-created">Đã lập dự thảo <a href="#/next/${esc(created.compactId)}">${esc(created.compactId)}</a>
        (năm ${created.year}, cụm trưởng ${esc(names[headId] ?? headId)}).
        Còn thiếu trước khi kích hoạt: ${esc(missing(created, names).join("; "))}.</p>`;
      return;
    }
    showErrors(form, Object.fromEntries(Object.entries(answer.data?.errors ?? {}).map(([field, messages]) =>
      [field, [`${fieldNames[field] ?? field}: máy chủ không nhận giá trị này.`, messages.join(" ")]])));
    out.innerHTML = `<p class="message bad" id="next-refused">${problem(answer, answer.status === 409 ? "Mã giao ước này đã có; hãy chọn mã khác." : undefined)}</p>`;
  };
}

// Evidence files per criterion (minh chứng, docs/evidence.md): beside each criterion of the unit's report form an upload with
// its progress and the files already there; beside each criterion of the reviewer's page the files with their download links,
// and what is still missing.
import { api, esc, localTime, problem, upload } from "./common.js";

const accept = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx";
const kinds = {
  "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
};
const size = (bytes) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const path = (compactId, period, unitId) => `compacts/${compactId}/reports/${period}/${unitId}/evidence`;

/** The latest revision's evidence: { files by criterion, missing }; empty when there is none to show (or no report yet). */
export async function load(compactId, period, unitId) {
  const result = await api(path(compactId, period, unitId));
  const byCriterion = {};
  for (const f of result.ok ? result.data.files : []) (byCriterion[f.criterionId] ??= []).push(f);
  return { ok: result.ok, state: result.data?.state, byCriterion, missing: result.ok ? result.data.missing ?? [] : [] };
}

/** One criterion's files, newest version first, each a download link (none for a file malware scanning found malicious). */
export function files(listing, criterion, timeZone) {
  const own = [...(listing.byCriterion[criterion.id] ?? [])].reverse();
  const missing = listing.missing.includes(criterion.id)
    ? `<span class="reason" data-missing="${esc(criterion.id)}">Thiếu minh chứng (bắt buộc cho số liệu có điểm)</span>` : "";
  return `${missing}<ul class="evidence-files" data-evidence="${esc(criterion.id)}" data-count="${own.length}">${own.map((f) => `
    <li data-version="${f.version}">${f.downloadUrl && /^https?:\/\//i.test(f.downloadUrl)
      ? `<a href="${esc(f.downloadUrl)}" target="_blank" rel="noopener">Minh chứng v${f.version} (${esc(kinds[f.contentType] ?? f.contentType)}, ${size(f.size)})</a>`
      : `<span class="late">Minh chứng v${f.version} bị chặn: phát hiện mã độc</span>`}
      <span class="hint">${esc(f.uploadedBy)}, ${localTime(f.uploadedAt, timeZone)}</span></li>`).join("")}</ul>`;
}

/** Beside a field of the report form: the files, and (unless frozen) a file input with its progress bar. */
export function slot(listing, criterion, timeZone) {
  const required = criterion.evidence === "required" ? ' <span class="hint">(bắt buộc có minh chứng)</span>' : "";
  const frozen = listing.state === "confirmed";
  return `<div class="evidence" id="e-${esc(criterion.id)}"><span class="hint">Minh chứng${required}:</span>
    <div class="evidence-list">${files(listing, criterion, timeZone)}</div>
    ${!listing.ok || frozen ? "" : `<label class="upload">Tải lên tệp (PDF, ảnh, Word, Excel; tối đa 20 MB)
      <input type="file" accept="${accept}" data-upload="${esc(criterion.id)}"></label>
      <progress max="100" value="0" hidden data-progress="${esc(criterion.id)}"></progress>
      <span class="upload-result" data-upload-result="${esc(criterion.id)}"></span>`}</div>`;
}

/** Uploads a chosen file with its progress, then shows the criterion's files again. */
export function bind(compactId, period, unitId, criteria, timeZone) {
  for (const input of document.querySelectorAll("input[data-upload]")) {
    input.onchange = async () => {
      const id = input.dataset.upload;
      const file = input.files[0];
      if (!file) return;
      const bar = document.querySelector(`progress[data-progress="${CSS.escape(id)}"]`);
      const result = document.querySelector(`[data-upload-result="${CSS.escape(id)}"]`);
      if (file.size > 20 * 1048576) { result.innerHTML = '<span class="message bad">Tệp lớn hơn 20 MB.</span>'; return; }
      bar.hidden = false;
      bar.value = 0;
      bar.dataset.events = "0";
      input.disabled = true;
      result.textContent = "Đang tải lên…";
      let answer;
      try {
        answer = await upload(`${path(compactId, period, unitId)}/${id}`, file, (sent, total) => {
          bar.value = Math.round((sent / total) * 100);
          bar.dataset.events = String(Number(bar.dataset.events) + 1);
        });
      } catch (error) {
        answer = { status: 0, ok: false, data: { detail: error.message } };
      }
      input.disabled = false;
      input.value = "";
      if (!answer.ok) { result.innerHTML = `<span class="message bad" data-refused="${answer.status}">${problem(answer)}</span>`; return; }
      bar.value = 100;
      result.innerHTML = `<span class="message ok" data-uploaded="${answer.data.version}">Đã tải lên minh chứng v${answer.data.version}.</span>`;
      const listing = await load(compactId, period, unitId);
      for (const c of criteria) {
        const list = document.querySelector(`#e-${CSS.escape(c.id)} .evidence-list`);
        if (list) list.innerHTML = files(listing, c, timeZone);
      }
    };
  }
}

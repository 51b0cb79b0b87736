#!/usr/bin/env node
// Loads the demo data through the HTTP API (so it works with `func start` and the development host alike):
// the five units of Cluster 6 (Bộ Công an), their reporters, the 2024 compact and January–June reports,
// imported by an admin with their paper receipt times (some late, one missing, one revised).
// The figures are illustrative, not the provinces' real statistics.
import { readFile } from "node:fs/promises";
import { principal } from "./principal.mjs";

const api = (process.argv[2] ?? "http://localhost:7071/api").replace(/\/$/, "");
const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);

async function put(path, body, who = admin) {
  const response = await fetch(`${api}${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-ms-client-principal": who },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`PUT ${path} -> ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

const units = [
  { id: "thanh-hoa", name: "Công an tỉnh Thanh Hóa", reduction: 7.2, p06: 1.08, drugs: 1.15 },
  { id: "ninh-binh", name: "Công an tỉnh Ninh Bình", reduction: 5.6, p06: 1.02, drugs: 1.05 },
  { id: "nghe-an", name: "Công an tỉnh Nghệ An", reduction: 4.1, p06: 0.97, drugs: 1.22 },
  { id: "ha-tinh", name: "Công an tỉnh Hà Tĩnh", reduction: 8.3, p06: 1.04, drugs: 0.96 },
  { id: "quang-binh", name: "Công an tỉnh Quảng Bình", reduction: 3.2, p06: 0.93, drugs: 1.01 },
];

const compact = JSON.parse(await readFile(new URL("../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
const target = (criterion, unit) => compact.contents.flatMap((c) => c.criteria).find((c) => c.id === criterion).targets[unit];

for (const unit of units) {
  await put(`/units/${unit.id}`, { name: unit.name, emails: [`thiduakhenthuong@${unit.id}.congan.gov.vn`] });
  await put(`/users/can-bo@${unit.id}.congan.gov.vn`, { unitId: unit.id, name: `Cán bộ thi đua ${unit.name}` });
}
await put("/compacts/cum6-2024", compact);

const pad = (n) => String(n).padStart(2, "0");
// Paper receipt: the 3rd of the next month, 09:00 local; a few arrive late (after the 5th, 17:00).
const late = { "ninh-binh": [2], "quang-binh": [4], "nghe-an": [5] };
const missing = { "quang-binh": [6] };
let stored = 0;
for (let month = 1; month <= 6; month++) {
  for (const [i, unit] of units.entries()) {
    if (missing[unit.id]?.includes(month)) continue;
    const f = month / 12;
    const crimeBaseline = target("crime-reduction", unit.id).baseline;
    const values = {
      "propaganda-sessions": Math.min(12, month * 2 - (i % 2)),
      "emulation-plan": true,
      "ministry-targets": !(unit.id === "quang-binh" && month >= 4),
      "no-surprise": true,
      "crime-reduction": Math.round(crimeBaseline * f * (1 - unit.reduction / 100)),
      "project06": Math.round(target("project06", unit.id).target * f * unit.p06),
      "drug-cases": Math.round(target("drug-cases", unit.id).target * f * unit.drugs),
      "charity-houses": Math.floor(month / 2) + (unit.id === "thanh-hoa" ? 1 : 0),
      "cluster-coordination": true,
      ...(unit.id === "ha-tinh" && month === 3 ? { bonus: 1 } : {}),
      ...(unit.id === "nghe-an" && month === 5 ? { deduction: -0.5 } : {}),
    };
    const next = month === 12 ? "2025-01" : `2024-${pad(month + 1)}`;
    const day = late[unit.id]?.includes(month) ? "08" : "03";
    const receivedAt = `${next}-${day}T09:${pad(10 + i)}:00+07:00`;
    const note = `Báo cáo kết quả thực hiện giao ước thi đua tháng ${month}/2024 (lũy kế từ đầu năm).`;
    await put(`/compacts/cum6-2024/reports/2024-${pad(month)}/${unit.id}`, { values, note, receivedAt });
    stored++;
    if (unit.id === "ha-tinh" && month === 4) {
      // A correction two days later: revision 2; the month stays on time (its first revision was).
      values["drug-cases"] += 3;
      await put(`/compacts/cum6-2024/reports/2024-${pad(month)}/${unit.id}`,
        { values, note: `${note} Đính chính số vụ ma túy.`, receivedAt: `${next}-05T10:00:00+07:00` });
      stored++;
    }
  }
}
// A signed page of the compact for the cluster head (a minimal one-page PDF).
const pdf = Buffer.from([
  "%PDF-1.4", "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj", "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj",
  "4 0 obj << /Length 78 >> stream", "BT /F1 14 Tf 72 770 Td (Giao uoc thi dua 2024 - Cum thi dua so 6 - Thanh Hoa) Tj ET", "endstream endobj",
  "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj", "trailer << /Root 1 0 R >>", "%%EOF", "",
].join("\n"));
const scan = await fetch(`${api}/compacts/cum6-2024/scans/thanh-hoa`, {
  method: "PUT", headers: { "content-type": "application/pdf", "x-ms-client-principal": admin }, body: pdf,
});
if (scan.status !== 201) throw new Error(`PUT scan -> ${scan.status}: ${await scan.text()}`);

// Standings of each month, computed now by the admin (the months are long past their finalize instant, so each run is final).
for (let month = 1; month <= 6; month++) {
  const response = await fetch(`${api}/compacts/cum6-2024/standings/2024-${pad(month)}/runs`, {
    method: "POST", headers: { "x-ms-client-principal": admin },
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(`POST standings 2024-${pad(month)} -> ${response.status}: ${await response.text()}`);
  }
}
// A compact for the current year, due the day after today (local time), so that the reminder run below has mail to send:
// a one-day reminder for last month's report to the units that have not sent it, and for the month before, overdue
// notices and a summary to the cluster head. Without a SendGrid key the mails land in the outbox folder.
const local = new Date(Date.now() + 7 * 3600 * 1000); // Hà Nội time
const lastMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
const year = lastMonth.getUTCFullYear();
const current = { ...compact, title: compact.title.replace("2024", String(year)), year, signedOn: `${year}-01-15`,
  reporting: { ...compact.reporting, dueDay: Math.min(28, local.getUTCDate() + 1), finalizeAfterDays: 45 } };
await put(`/compacts/cum6-${year}`, current);
const m = lastMonth.getUTCMonth() + 1;
for (const [i, unit] of units.entries()) {
  for (let month = 1; month <= m; month++) {
    if ((month === m && i >= 2) || (month === m - 1 && i >= 3)) continue; // who has not reported yet
    const values = { "propaganda-sessions": month, "emulation-plan": true, "ministry-targets": true, "no-surprise": true,
      "crime-reduction": Math.round(target("crime-reduction", unit.id).baseline * month / 12 * 0.95), "project06": 1000 * month,
      "drug-cases": 10 * month, "charity-houses": 1, "cluster-coordination": true };
    const next = new Date(Date.UTC(year, month, 2));
    await put(`/compacts/cum6-${year}/reports/${year}-${pad(month)}/${unit.id}`,
      { values, receivedAt: `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-02T09:00:00+07:00` });
  }
}
// The run is queued, one message per compact; poll it (its Location) until every compact is done, with a deadline.
const reminders = await fetch(`${api}/reminders/runs`, { method: "POST", headers: { "x-ms-client-principal": admin } });
if (reminders.status !== 202) throw new Error(`POST reminders -> ${reminders.status}: ${await reminders.text()}`);
const runUrl = new URL(reminders.headers.get("location"), api);
const deadline = Date.now() + Number(process.env.SEED_REMINDER_SECONDS ?? 120) * 1000;
let mail = await reminders.json();
while (mail.status !== "done") {
  if (Date.now() > deadline) throw new Error(`reminder run ${mail.runId}: ${mail.done} of ${mail.planned} compacts done before the deadline (is the queue worker running?)`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const answer = await fetch(runUrl, { headers: { "x-ms-client-principal": admin } });
  if (!answer.ok) throw new Error(`GET ${runUrl} -> ${answer.status}: ${await answer.text()}`);
  mail = await answer.json();
}
console.log(`compact cum6-${year} (due on day ${current.reporting.dueDay}); reminder run ${mail.runId}: ${mail.planned} compacts, ${mail.sent} mails sent, ${mail.failed} failed`);

console.log(`demo data loaded into ${api}: ${units.length} units, ${units.length} reporters, compact cum6-2024, ${stored} report revisions and standings (2024-01..2024-06), 1 signed scan`);

#!/usr/bin/env node
// Loads the demo data through the HTTP API (so it works with `func start` and the development host alike):
// the five units of Cluster 6 (Bộ Công an), their reporters, the 2024 compact and its twelve months of reports,
// imported by an admin with their paper receipt times (some late, one missing, one revised).
// The figures are illustrative, not the provinces' real statistics.
//
// The review story (docs/review.md; the compact requires review, Ninh Bình is its deputy head): Thanh Hóa's reporter
// reviews the members' reports and Ninh Bình's reporter reviews Thanh Hóa's own. Every month but June: every report
// confirmed, so each month's last confirm writes its final run (December's is the year's result, GET …/year). June: Hà
// Tĩnh's report is returned with a reason per criterion, Hà Tĩnh explains and the head confirms; Ninh Bình's is confirmed
// with a corrected figure and its reason; Thanh Hóa's is confirmed by Ninh Bình. Nghệ An's June report is left waiting
// (submitted) on purpose: the review queue shows a report waiting, and June's standings stay provisional with
// "finalPending": "review" until someone confirms it (Quảng Bình's is missing, which does not hold the month).
//
// The year-end ballot "suy-ton-2024" (docs/ballots.md): opened by the secretariat, each unit votes once, the last vote closes
// it; Hà Tĩnh is elected with 3 of 5 ballots. Its minutes: GET /api/compacts/cum6-2024/ballots/suy-ton-2024/minutes.docx.
//
// The next year (docs/year-end.md): POST /api/compacts/cum6-2024/next makes "cum6-2025" a draft with Nghệ An as head and Hà
// Tĩnh as deputy; a report to the draft is refused (409, what is missing); the secretariat fills the crime baselines (2024's
// figures) and the signing date and sets it active with If-Match.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { principal } from "./principal.mjs";

const api = (process.argv[2] ?? "http://localhost:7071/api").replace(/\/$/, "");
const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);

async function send(method, path, body, who, headers = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-ms-client-principal": who, ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} -> ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

const put = (path, body, who = admin) => send("PUT", path, body, who);

// Reviews and explanations carry an Idempotency-Key, one per action: a request whose answer is lost on the way is sent
// again with the same key, and the server answers it from the first time instead of storing it twice.
async function post(path, body, who) {
  const key = { "idempotency-key": randomUUID() };
  try {
    return await send("POST", path, body, who, key);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error; // a network failure (fetch's TypeError), not a refusal
    return send("POST", path, body, who, key);
  }
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
const revisions = {}; // "2024-06/ha-tinh" -> the report's latest revision, which a review names
for (let month = 1; month <= 12; month++) {
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
    const report = `2024-${pad(month)}/${unit.id}`;
    revisions[report] = (await put(`/compacts/cum6-2024/reports/${report}`, { values, note, receivedAt })).revision;
    stored++;
    if (unit.id === "ha-tinh" && month === 4) {
      // A correction two days later: revision 2; the month stays on time (its first revision was).
      values["drug-cases"] += 3;
      revisions[report] = (await put(`/compacts/cum6-2024/reports/${report}`,
        { values, note: `${note} Đính chính số vụ ma túy.`, receivedAt: `${next}-05T10:00:00+07:00` })).revision;
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

// Review (thẩm định). The months are long past their finalize instant, so each confirm computes the month's standings at once:
// provisional while a report waits, final with the month's last confirm (which locks the month).
const reporterOf = (unitId) => principal(`can-bo@${unitId}.congan.gov.vn`);
const reviewerOf = (unitId) => reporterOf(unitId === "thanh-hoa" ? "ninh-binh" : "thanh-hoa"); // the deputy reviews the head
let reviews = 0;
let explanations = 0;
const review = (report, body) => {
  reviews++;
  return post(`/compacts/cum6-2024/reports/${report}/reviews`, { revision: revisions[report], ...body }, reviewerOf(report.split("/")[1]));
};
const explain = (report, body) => {
  explanations++;
  return post(`/compacts/cum6-2024/reports/${report}/explanations`, { revision: revisions[report], ...body }, reporterOf(report.split("/")[1]));
};
for (let month = 1; month <= 12; month++) {
  if (month === 6) continue; // June's story below
  for (const unit of units) {
    await review(`2024-${pad(month)}/${unit.id}`, { decision: "confirm", comment: "Đã đối chiếu với hồ sơ, tài liệu kiểm chứng của đơn vị." });
  }
}
await review("2024-06/ha-tinh", {
  decision: "return",
  comment: "Đề nghị đơn vị giải trình hai chỉ tiêu dưới đây trước khi Cụm xác nhận.",
  items: {
    project06: { comment: "Số tài khoản định danh điện tử mức 2 cao hơn số liệu Trung tâm dữ liệu quốc gia về dân cư cung cấp cho Cụm." },
    "drug-cases": { comment: "Đề nghị làm rõ các vụ ma túy chuyển từ Công an cấp huyện có được tính hai lần không." },
  },
});
await explain("2024-06/ha-tinh", {
  comment: "Đơn vị giữ nguyên số liệu và giải trình như trên; gửi kèm bảng đối chiếu.",
  items: {
    project06: "Số liệu trích xuất từ hệ thống VNeID ngày 30/6/2024, gồm cả các tài khoản kích hoạt tại điểm lưu động.",
    "drug-cases": "Các vụ do Công an cấp huyện chuyển lên chỉ được tính một lần, tại đơn vị khởi tố.",
  },
});
await review("2024-06/ninh-binh", {
  decision: "confirm",
  comment: "Đã đối chiếu; sửa số nhà tình nghĩa theo biên bản bàn giao.",
  items: { "charity-houses": { value: 2, comment: "Nhà thứ ba chưa có biên bản bàn giao; được tính khi bàn giao." } },
});
await review("2024-06/thanh-hoa", { decision: "confirm", comment: "Cụm phó đã đối chiếu với hồ sơ, tài liệu kiểm chứng của đơn vị cụm trưởng." });
await review("2024-06/ha-tinh", { decision: "confirm", comment: "Đã tiếp thu giải trình của đơn vị; xác nhận số liệu." });
// Nghệ An's June report stays submitted: June waits for review.
const standings = [];
for (let month = 1; month <= 12; month++) {
  const response = await fetch(`${api}/compacts/cum6-2024/standings/2024-${pad(month)}`, { headers: { "x-ms-client-principal": admin } });
  if (!response.ok) throw new Error(`GET standings 2024-${pad(month)} -> ${response.status}: ${await response.text()}`);
  standings.push(await response.json());
}
const june = standings[5];
if (standings.some((s) => s !== june && s.status !== "final") || june.status !== "provisional" || june.finalPending !== "review") {
  throw new Error(`standings: expected every month final but 2024-06, which waits for review, got ${standings.map((s) => `${s.period} ${s.status}`).join(", ")}`);
}
// The year-end ballot (suy tôn, bỏ phiếu kín): every unit votes once; the last vote closes it and its result is stored. The
// storage keeps who voted and the counts, never who chose whom.
await send("POST", "/compacts/cum6-2024/ballots", {
  ballotId: "suy-ton-2024", title: "Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024", seats: 1,
  candidates: ["thanh-hoa", "ha-tinh", "ninh-binh"], closesAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
  allowSelfVote: false, threshold: 0.5,
}, admin);
const votes = { "thanh-hoa": "ha-tinh", "ninh-binh": "ha-tinh", "nghe-an": "ha-tinh", "ha-tinh": "thanh-hoa", "quang-binh": "thanh-hoa" };
for (const [unitId, choice] of Object.entries(votes)) {
  const vote = await fetch(`${api}/compacts/cum6-2024/ballots/suy-ton-2024/vote`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-ms-client-principal": reporterOf(unitId) },
    body: JSON.stringify({ choices: [choice] }),
  });
  if (vote.status !== 204) throw new Error(`vote of ${unitId} -> ${vote.status}: ${await vote.text()}`);
}
const ballotAnswer = await fetch(`${api}/compacts/cum6-2024/ballots/suy-ton-2024`, { headers: { "x-ms-client-principal": admin } });
const ballot = await ballotAnswer.json();
if (!ballot.closed || JSON.stringify(ballot.result?.elected) !== JSON.stringify(["ha-tinh"])) {
  throw new Error(`ballot suy-ton-2024: expected closed with ha-tinh elected, got ${JSON.stringify(ballot)}`);
}
// Next year's compact: a draft from POST …/next, which refuses reports until the admin fills it and sets it active.
const draft = await send("POST", "/compacts/cum6-2024/next", { compactId: "cum6-2025", head: "nghe-an", deputy: "ha-tinh" }, admin);
const refused = await fetch(`${api}/compacts/cum6-2025/reports/2025-01/ha-tinh`, {
  method: "PUT", headers: { "content-type": "application/json", "x-ms-client-principal": reporterOf("ha-tinh") }, body: "{}",
});
const refusal = await refused.json();
if (refused.status !== 409 || !refusal.missing?.includes("signedOn")) {
  throw new Error(`a report to the draft cum6-2025: expected 409 naming signedOn, got ${refused.status} ${JSON.stringify(refusal)}`);
}
const read = await fetch(`${api}/compacts/cum6-2025`, { headers: { "x-ms-client-principal": admin } });
const etag = read.headers.get("etag");
const { compactId: _, ...next } = await read.json();
for (const criterion of next.contents.flatMap((c) => c.criteria).filter((c) => c.measure === "percentChange")) {
  for (const unit of units) {
    const last = target(criterion.id, unit.id); // 2024's baseline, less the reduction the unit reached in 2024
    criterion.targets[unit.id].baseline = Math.round(last.baseline * (1 - unit.reduction / 100));
  }
}
await send("PUT", "/compacts/cum6-2025", { ...next, signedOn: "2025-03-10", status: "active" }, admin, { "if-match": etag });
console.log(`compact cum6-2025: a draft from cum6-2024 (head ${draft.members.find((m) => m.role === "head").unitId}, `
  + `a report refused while ${refusal.missing.length - 1} things were missing), filled and active`);

// A compact for the current year, due the day after today (local time), so that the reminder run below has mail to send:
// a one-day reminder for last month's report to the units that have not sent it, and for the month before, overdue
// notices and a summary to the cluster head. Without a SendGrid key the mails land in the outbox folder.
const local = new Date(Date.now() + 7 * 3600 * 1000); // Hà Nội time
const lastMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
const year = lastMonth.getUTCFullYear();
// Its reports are not reviewed, so it does not require review (else its months would wait for review past their finalize instant).
const current = { ...compact, title: compact.title.replace("2024", String(year)), year, signedOn: `${year}-01-15`,
  reporting: { ...compact.reporting, dueDay: Math.min(28, local.getUTCDate() + 1), finalizeAfterDays: 45 },
  review: { ...compact.review, required: false } };
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

const basis = Object.entries(june.basis).map(([state, n]) => `${n} ${state}`).join(", ");
console.log(`demo data loaded into ${api}: ${units.length} units, ${units.length} reporters, compact cum6-2024 (deputy ninh-binh, review required), `
  + `${stored} report revisions, ${reviews} reviews and ${explanations} explanation (June: a return, an explanation, a corrected figure; `
  + `nghe-an waiting), standings final in every month but 2024-06, provisional waiting for review (${basis}), 1 signed scan, `
  + `ballot suy-ton-2024 closed (${ballot.result.cast} cast, ${ballot.result.elected.join(", ")} elected)`);

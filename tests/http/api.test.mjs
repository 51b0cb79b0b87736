// End-to-end tests of the API over HTTP against a running host with the demo data (scripts/seed-demo.mjs): the
// development host in scripts/test.sh, the real Functions host (`func start`) in the GitHub workflow. API_URL is the
// base, e.g. http://127.0.0.1:7071/api. Only reads, new report revisions and evidence uploads (new
// versions): safe to run again on the same data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { principal } from "../../scripts/principal.mjs";

const api = (process.env.API_URL ?? "http://127.0.0.1:7071/api").replace(/\/$/, "");
const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const reporter = principal("can-bo@nghe-an.congan.gov.vn");
const otherReporter = principal("can-bo@ha-tinh.congan.gov.vn");

async function call(method, path, { who, body, type = "application/json" } = {}) {
  const headers = {};
  if (who) headers["x-ms-client-principal"] = who;
  if (body !== undefined) headers["content-type"] = type;
  const response = await fetch(`${api}/${path}`, { method, headers, body: typeof body === "string" || body === undefined ? body : JSON.stringify(body) });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : null;
  return { status: response.status, type: response.headers.get("content-type") ?? "", text, json };
}

const revisions = async () => (await call("GET", "compacts/cum6-2024/reports/2024-06/nghe-an/revisions", { who: reporter })).json.revisions.length;

test("health answers healthy with tables, blobs and queues, open to anyone", async () => {
  const health = await call("GET", "health");
  assert.equal(health.status, 200, health.text);
  assert.equal(health.json.status, "healthy");
  assert.equal(health.json.queues, true);
});

test("the OpenAPI document is served and lists the report route", async () => {
  const document = await call("GET", "openapi.json");
  assert.equal(document.status, 200);
  assert.ok(document.json.paths["/compacts/{compactId}/reports/{period}/{unitId}"]);
});

test("a request without a principal is 401 problem details", async () => {
  const response = await call("GET", "compacts");
  assert.equal(response.status, 401);
  assert.match(response.type, /application\/problem\+json/);
});

test("the demo's May standings are final; June's rank every member but wait for review, as JSON and CSV", async () => {
  const may = await call("GET", "compacts/cum6-2024/standings/2024-05", { who: admin });
  assert.equal(may.status, 200, may.text);
  assert.equal(may.json.status, "final");
  assert.equal(may.json.finalPending, undefined);
  const standings = await call("GET", "compacts/cum6-2024/standings/2024-06", { who: admin });
  assert.equal(standings.status, 200, standings.text);
  assert.equal(standings.json.status, "provisional"); // the compact requires review, and Nghệ An's June report is not confirmed
  assert.equal(standings.json.finalPending, "review");
  assert.deepEqual(standings.json.basis, { confirmed: 3, submitted: 1, returned: 0, missing: 1 });
  assert.equal(standings.json.rows.length, 5);
  assert.equal(standings.json.rows[0].rank, 1);
  const states = Object.fromEntries(standings.json.rows.map((r) => [r.unitId, r.reviewState ?? null]));
  assert.deepEqual(states, { "thanh-hoa": "confirmed", "ninh-binh": "confirmed", "nghe-an": "submitted", "ha-tinh": "confirmed", "quang-binh": null });
  const csv = await call("GET", "compacts/cum6-2024/standings/2024-06?format=csv", { who: admin });
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split("\n").length, 6);
});

test("the demo's year: December's final run with each unit's twelve months (June provisional), the closed ballot and the history", async () => {
  const year = await call("GET", "compacts/cum6-2024/year", { who: admin });
  assert.equal(year.status, 200, year.text);
  assert.equal(year.json.status, "final");
  assert.equal(year.json.rows.length, 5);
  assert.deepEqual(year.json.rows.map((r) => r.rank), [1, 2, 3, 4, 5]);
  for (const row of year.json.rows) {
    assert.equal(row.months.length, 12);
    assert.ok(row.months.filter((m, i) => i !== 5).every((m) => m !== null && typeof m.score === "number"), JSON.stringify(row));
  }
  const haTinh = principal("can-bo@ha-tinh.congan.gov.vn");
  const history = await call("GET", "units/ha-tinh/history", { who: haTinh });
  assert.equal(history.status, 200, history.text);
  const y2024 = history.json.years.find((y) => y.compactId === "cum6-2024");
  assert.equal(y2024.status, "final");
  assert.equal(y2024.rank, year.json.rows.find((r) => r.unitId === "ha-tinh").rank);
  assert.equal(y2024.titlesWon.length, 1);
});

test("the demo's June review story: a return, the unit's explanation and the confirm; a corrected figure; the queues", async () => {
  const head = principal("can-bo@thanh-hoa.congan.gov.vn");
  const deputy = principal("can-bo@ninh-binh.congan.gov.vn");
  const history = await call("GET", "compacts/cum6-2024/reports/2024-06/ha-tinh/history", { who: otherReporter });
  assert.equal(history.status, 200, history.text);
  assert.deepEqual(history.json.events.map((e) => `${e.event} ${e.actor}`), [
    "submitted thu-ky@cum6.bocongan.vn", "returned can-bo@thanh-hoa.congan.gov.vn",
    "explained can-bo@ha-tinh.congan.gov.vn", "confirmed can-bo@thanh-hoa.congan.gov.vn"]);
  const returned = (await call("GET", "compacts/cum6-2024/reports/2024-06/ha-tinh/reviews", { who: head })).json.reviews[0];
  assert.equal(returned.decision, "return");
  assert.deepEqual(Object.keys(returned.items).sort(), ["drug-cases", "project06"]);

  const corrected = await call("GET", "compacts/cum6-2024/reports/2024-06/ninh-binh", { who: deputy });
  assert.equal(corrected.status, 200, corrected.text);
  assert.equal(corrected.json.review.state, "confirmed");
  assert.equal(corrected.json.values["charity-houses"], 3); // as reported
  assert.equal(corrected.json.review.values["charity-houses"], 2); // as confirmed, which the standings score
  assert.equal(corrected.json.review.lastReview.items["charity-houses"].corrects, true);
  const byDeputy = await call("GET", "compacts/cum6-2024/reports/2024-06/thanh-hoa/history", { who: deputy });
  assert.equal(byDeputy.json.events.at(-1).actor, "can-bo@ninh-binh.congan.gov.vn");

  const queue = await call("GET", "compacts/cum6-2024/reviews/2024-06", { who: head });
  assert.equal(queue.status, 200, queue.text);
  assert.deepEqual(queue.json.rows.map((r) => `${r.unitId} ${r.state}`),
    ["thanh-hoa confirmed", "ninh-binh confirmed", "nghe-an submitted", "ha-tinh confirmed", "quang-binh missing"]);
  assert.deepEqual((await call("GET", "compacts/cum6-2024/reviews/2024-06", { who: deputy })).json.rows.map((r) => r.unitId), ["thanh-hoa"]);
  assert.equal((await call("GET", "compacts/cum6-2024/reviews/2024-06", { who: reporter })).status, 403);
});

test("a reporter sends a new revision of the unit's report and reads it back", async () => {
  const current = await call("GET", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: reporter });
  assert.equal(current.status, 200, current.text);
  const before = await revisions();
  const note = `HTTP end-to-end test ${new Date().toISOString()}`;
  const put = await call("PUT", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: reporter, body: { values: current.json.values, note } });
  assert.ok(put.status === 200 || put.status === 201, put.text);
  assert.equal(await revisions(), before + 1);
  const after = await call("GET", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: reporter });
  assert.equal(after.json.note, note);
});

test("another unit's reporter is refused and broken JSON is a 400, and neither stores anything", async () => {
  const before = await revisions();
  const current = await call("GET", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: reporter });
  const refused = await call("PUT", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: otherReporter, body: { values: current.json.values } });
  const broken = await call("PUT", "compacts/cum6-2024/reports/2024-06/nghe-an", { who: reporter, body: '{"values": {' });
  assert.equal(refused.status, 403);
  assert.equal(broken.status, 400);
  assert.match(broken.type, /application\/problem\+json/);
  assert.equal(await revisions(), before);
});

test("the secretariat reads a month's mail ledger; a reporter may not", async () => {
  const ledger = await call("GET", "compacts/cum6-2024/mail/2024-06", { who: admin });
  assert.equal(ledger.status, 200, ledger.text);
  assert.ok(Array.isArray(ledger.json.mails));
  assert.equal((await call("GET", "compacts/cum6-2024/mail/2024-06", { who: reporter })).status, 403);
});

test("a reporter uploads evidence for a criterion as a multipart file; the listing links it, another member may not read it", async () => {
  const pdf = Buffer.from("%PDF-1.7\n% Bien ban ban giao nha tinh nghia\n%%EOF\n", "latin1");
  const form = new FormData();
  form.append("file", new Blob([pdf], { type: "application/octet-stream" }), "bien-ban.pdf");
  const path = "compacts/cum6-2024/reports/2024-06/nghe-an/evidence";
  const put = await fetch(`${api}/${path}/charity-houses`, { method: "PUT", headers: { "x-ms-client-principal": reporter }, body: form });
  const stored = await put.json();
  assert.equal(put.status, 201, JSON.stringify(stored));
  assert.equal(stored.contentType, "application/pdf");

  const listing = await call("GET", path, { who: admin });
  assert.equal(listing.status, 200, listing.text);
  const file = listing.json.files.find((f) => f.criterionId === "charity-houses" && f.version === stored.version);
  assert.equal(file.sha256, stored.sha256);
  const download = await fetch(file.downloadUrl);
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
  assert.equal((await call("GET", path, { who: otherReporter })).status, 403);
});

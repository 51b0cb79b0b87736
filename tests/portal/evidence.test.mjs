// Browser test of evidence files (minh chứng, docs/evidence.md): a compact of its own (the demo's, with evidence required for
// the charity houses) so the other browser tests' confirms are not held up. The reviewer sees what is missing and cannot
// confirm; the unit uploads a file on its report form and watches the progress; the reviewer sees the file beside the
// criterion, opens it, and confirms.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { principal } from "../../scripts/principal.mjs";
import { base, call, launch, pageOf, shots } from "./browser.mjs";

const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const reporterOf = (unit) => `can-bo@${unit}.congan.gov.vn`;
const reviewer = reporterOf("thanh-hoa");
const compactId = "minh-chung-2024";
const period = "2024-09";
const unit = "quang-binh";
let browser;

before(async () => {
  browser = await launch();
  const compact = JSON.parse(readFileSync(new URL("../../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
  for (const content of compact.contents) {
    for (const criterion of content.criteria) if (criterion.id === "charity-houses") criterion.evidence = "required";
  }
  await call("PUT", `compacts/${compactId}`, admin, compact, [200, 201]);
  await call("PUT", `compacts/${compactId}/reports/${period}/${unit}`, principal(reporterOf(unit)), {
    values: { "propaganda-sessions": 3, "emulation-plan": true, "ministry-targets": true, "no-surprise": true, "crime-reduction": 400,
      "project06": 40000, "drug-cases": 60, "charity-houses": 2, "cluster-coordination": true },
    note: "Đã bàn giao 2 nhà tình nghĩa.",
  }, [200, 201]); // 200: a run again on the same host (a new revision, whose evidence starts empty)
});

after(async () => browser?.close());

/** A PDF of about 3 MB: big enough that its upload reports progress. */
function pdf() {
  const bytes = Buffer.alloc(3 * 1024 * 1024, 0x20);
  bytes.write("%PDF-1.7\n% Biên bản bàn giao nhà tình nghĩa\n", "latin1");
  bytes.write("\n%%EOF\n", bytes.length - 7, "latin1");
  return bytes;
}

test("the reviewer sees missing evidence, the unit uploads it with progress, the reviewer opens it and confirms", async () => {
  const reviewPage = `${base}/#/review/${compactId}/${period}/${unit}`;
  const r = await pageOf(browser, reviewer);
  await r.goto(reviewPage);
  await r.waitForSelector("form#review");
  assert.match(await r.locator("#missing-evidence").innerText(), /Thiếu minh chứng bắt buộc: Số nhà tình nghĩa/);
  assert.equal(await r.locator('.review-item[data-criterion="charity-houses"] [data-missing="charity-houses"]').count(), 1);
  await r.click("#confirm");
  await r.waitForSelector("#rejected");
  assert.match(await r.locator("#rejected").innerText(), /thiếu minh chứng cho Số nhà tình nghĩa được ủng hộ xây dựng\./); // the title, not the id
  await r.screenshot({ path: `${shots}/evidence-missing.png`, fullPage: true });

  const own = await pageOf(browser, reporterOf(unit));
  await own.goto(`${base}/#/report/${compactId}/${period}/${unit}`);
  await own.waitForSelector('input[data-upload="charity-houses"]');
  assert.match(await own.locator("#e-charity-houses").innerText(), /bắt buộc có minh chứng/);
  const file = pdf();
  const put = own.waitForResponse((res) => res.request().method() === "PUT" && res.url().endsWith("/evidence/charity-houses"));
  await own.setInputFiles('input[data-upload="charity-houses"]', { name: "bien-ban-ban-giao.pdf", mimeType: "application/pdf", buffer: file });
  assert.equal((await put).status(), 201);
  await own.waitForSelector('[data-uploaded="1"]');
  const bar = own.locator('progress[data-progress="charity-houses"]');
  assert.equal(await bar.evaluate((b) => b.value), 100);
  assert.ok(Number(await bar.getAttribute("data-events")) >= 1, "the upload reported its progress");
  await own.waitForSelector('#e-charity-houses ul[data-count="1"]');
  assert.match(await own.locator('#e-charity-houses ul[data-evidence="charity-houses"]').innerText(), /Minh chứng v1 \(PDF, 3\.0 MB\)/);
  await own.screenshot({ path: `${shots}/evidence-uploaded.png`, fullPage: true });

  await r.reload();
  await r.waitForSelector('.review-item[data-criterion="charity-houses"] ul[data-count="1"]');
  assert.equal(await r.locator("#missing-evidence").count(), 0);
  const link = r.locator('.review-item[data-criterion="charity-houses"] ul[data-evidence="charity-houses"] a');
  const href = await link.getAttribute("href");
  const download = await r.context().request.get(href);
  assert.equal(download.status(), 200);
  assert.deepEqual(Buffer.from(await download.body()), file);
  await r.fill("#review-comment", "Đã đối chiếu biên bản bàn giao.");
  await r.click("#confirm");
  await r.waitForSelector("#reviewed");
  assert.match(await r.locator("#review-state").innerText(), /đã xác nhận/);
  assert.match(await r.locator('table#confirmed tr[data-criterion="charity-houses"]').innerText(), /Minh chứng v1/);
  await r.screenshot({ path: `${shots}/evidence-confirmed.png`, fullPage: true });
});

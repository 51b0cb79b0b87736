// Browser tests of the reference portal: headless Debian Chromium driven by playwright-core, against the development host
// with Azurite and the demo data (scripts/test.sh starts them and sets PORTAL_URL). Screenshots go to PORTAL_SCREENSHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.PORTAL_URL ?? "http://127.0.0.1:7071";
const shots = process.env.PORTAL_SCREENSHOTS ?? "artifacts/screenshots";
mkdirSync(shots, { recursive: true });
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => browser?.close());

/** The number of revisions, once the list has loaded. */
async function revisionCount(p) {
  await p.waitForSelector("#revisions[data-count]");
  return Number(await p.locator("#revisions").getAttribute("data-count"));
}

async function page(user, { admin = false, mobile = false } = {}) {
  const context = await browser.newContext(mobile ? { viewport: { width: 390, height: 844 }, isMobile: true } : { viewport: { width: 1100, height: 900 } });
  await context.addInitScript(([u, a]) => { localStorage.setItem("user", u); localStorage.setItem("admin", a ? "1" : "0"); }, [user, admin]);
  return context.newPage();
}

test("a reporter fills and submits the monthly report and sees the new revision", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn");
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  const before = await revisionCount(p);
  assert.match(await p.locator("h1").innerText(), /Báo cáo tháng 6\/2024/);
  await p.fill("#f-crime-reduction", "1234");
  await p.fill("#f-charity-houses", "4");
  await p.check("#f-ministry-targets");
  await p.fill("textarea[name=note]", "Đính chính số liệu tháng 6 từ cổng thông tin.");
  await p.click("#report button[type=submit]");
  await p.waitForSelector("#saved");
  assert.match(await p.locator("#saved").innerText(), /Đã lưu bản số \d+/);
  await p.waitForFunction((n) => document.querySelector("#revisions")?.dataset.count === String(n + 1), before);
  await p.screenshot({ path: `${shots}/report-saved.png`, fullPage: true });
});

test("a value the server would refuse is shown beside its field and nothing is sent", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn", { mobile: true });
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  const revisions = await revisionCount(p);
  await p.fill("#f-charity-houses", "-2");
  await p.fill("#f-crime-reduction", "");
  await p.click("#report button[type=submit]");
  assert.equal(await p.locator('.error[data-for="values.charity-houses"]').innerText(), "Phải là số nguyên ≥ 0.");
  assert.equal(await p.locator('.error[data-for="values.crime-reduction"]').innerText(), "Cần nhập giá trị.");
  assert.equal(await revisionCount(p), revisions);
  await p.screenshot({ path: `${shots}/report-errors-phone.png`, fullPage: true });
});

test("the server's problem details are shown when it refuses the report", async () => {
  const p = await page("can-bo@ha-tinh.congan.gov.vn"); // a reporter of another unit
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  for (const input of await p.locator("#report input[type=number][required]").all()) {
    await input.fill("1"); // a complete, valid report: only the server can refuse it
  }
  await p.click("#report button[type=submit]");
  await p.waitForSelector("#rejected");
  assert.match(await p.locator("#rejected").innerText(), /Not allowed\. Only reporters of 'nghe-an'/);
  await p.screenshot({ path: `${shots}/report-refused.png`, fullPage: true });
});

test("a field error from the server's problem details is shown beside that field", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn");
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  const revisions = await revisionCount(p);
  await p.fill("#f-crime-reduction", "1e13"); // passes the page's checks; above the server's limit for a quantity
  await p.click("#report button[type=submit]");
  await p.waitForSelector("#rejected");
  assert.equal(await p.locator('.error[data-for="values.crime-reduction"]').innerText(), "A quantitative value must be a finite number ≥ 0.");
  assert.match(await p.locator("#rejected").innerText(), /The request is not valid/);
  assert.equal(await revisionCount(p), revisions);
  await p.screenshot({ path: `${shots}/report-server-field-error.png`, fullPage: true });
});

test("the standings board shows the ranked units, the not-ranked one last, the badge, the chart and the CSV", async () => {
  const p = await page("can-bo@thanh-hoa.congan.gov.vn");
  await p.goto(`${base}/#/standings/cum6-2024/2024-05`);
  await p.waitForSelector("table#standings");
  const units = await p.locator("table#standings tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  const ranks = await p.locator("table#standings tbody tr td:first-child").allInnerTexts();
  assert.deepEqual(units.length, 5);
  assert.deepEqual(ranks, ["1", "2", "3", "4", "5"]);
  await p.goto(`${base}/#/standings/cum6-2024/2024-06`);
  await p.waitForFunction(() => document.querySelector("h1")?.innerText.includes("6/2024"));
  const june = await p.locator("table#standings tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  assert.deepEqual(june, ["thanh-hoa", "ha-tinh", "ninh-binh", "nghe-an", "quang-binh"]);
  assert.match(await p.locator("tr.not-ranked").innerText(), /Không xếp hạng/);
  assert.equal(await p.locator("#status").innerText(), "Chính thức");
  assert.equal(await p.locator("#chart .bar").count(), 4);
  const download = p.waitForEvent("download");
  await p.click("#csv");
  assert.equal((await download).suggestedFilename(), "cum6-2024-2024-06-standings.csv");
  await p.screenshot({ path: `${shots}/standings.png`, fullPage: true });
});

// Browser test of a unit's results over the years (docs/api.md, "A unit's history") on the demo: Hà Tĩnh's officer opens it
// from the home page and sees the API's years (the 2024 compact with December's rank and score and the title the demo's
// ballot gave it; 2025 without a December run yet; a draft of next year, made here, marked as such); the secretariat reaches
// every unit's; another unit's officer is refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { principal } from "../../scripts/principal.mjs";
import { base, call, launch, pageOf, shots } from "./browser.mjs";

const officer = "can-bo@ha-tinh.congan.gov.vn";
const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const draftId = `nam-sau-${Date.now().toString(36)}`;
let browser;
before(async () => {
  browser = await launch();
  await call("POST", "compacts/cum6-2024/next", admin, { compactId: draftId, head: "nghe-an", deputy: "ha-tinh" }, [201]);
});
after(async () => browser?.close());

const shown = (p) => p.locator("table#unit-history tbody tr").evaluateAll((trs) => trs.map((tr) => ({
  compactId: tr.dataset.compact,
  year: Number(tr.cells[0].innerText),
  status: tr.cells[2].querySelector(".badge").dataset.status,
  rank: tr.cells[3].innerText.trim(),
  score: tr.cells[4].dataset.score ?? null,
  titles: [...tr.cells[5].querySelectorAll("li")].map((li) => li.innerText),
  linksYear: tr.cells[1].querySelector("a")?.getAttribute("href") ?? null,
})));

const expected = (years) => years.map((y) => ({
  compactId: y.compactId,
  year: y.year,
  status: y.compactStatus === "draft" ? "draft" : y.status ?? "none",
  rank: !y.status ? "—" : y.notRanked ? "Không xếp hạng" : String(y.rank),
  score: y.score === undefined || y.score === null ? null : String(y.score),
  titles: y.titlesWon,
  linksYear: y.compactStatus === "draft" ? null : `#/year/${y.compactId}`,
}));

test("a unit's officer opens its results over the years from the home page: each year's December rank, score and titles as the API gives them, a draft marked", async () => {
  const p = await pageOf(browser, officer);
  await p.goto(`${base}/#/`);
  await p.waitForSelector("a#my-history");
  await p.screenshot({ path: `${shots}/home-officer.png` });
  // The other members are named, though an officer may read only its own unit's record (GET …/members).
  const members = (await call("GET", "compacts/cum6-2024/members", principal(officer), undefined, [200])).json.members;
  assert.deepEqual(await p.locator('a[href^="#/report/cum6-2024/2024-01/"]').allInnerTexts(), members.map((m) => m.name));
  assert.equal(members.find((m) => m.unitId === "nghe-an").name, "Công an tỉnh Nghệ An");
  await p.click("a#my-history");
  await p.waitForSelector("table#unit-history");
  const api = (await call("GET", "units/ha-tinh/history", principal(officer), undefined, [200])).json;

  const rows = await shown(p);

  assert.deepEqual(rows, expected(api.years));
  const year2024 = rows.find((r) => r.compactId === "cum6-2024");
  assert.equal(year2024.status, "final");
  assert.match(year2024.rank, /^\d+$/);
  assert.ok(year2024.titles.includes("Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024")); // the demo's closed ballot
  const year2025 = rows.find((r) => r.compactId === "cum6-2025"); // active, reported to by no one yet
  assert.deepEqual([year2025.status, year2025.rank, year2025.score], ["none", "—", null]);
  const draft = rows.find((r) => r.compactId === draftId);
  assert.deepEqual([draft.year, draft.status, draft.rank, draft.linksYear], [2025, "draft", "—", null]);
  assert.equal(await p.locator(`tr[data-compact="${draftId}"] .badge`).innerText(), "Dự thảo");
  assert.match(await p.locator("h1").innerText(), /Công an tỉnh Hà Tĩnh/);
  await p.screenshot({ path: `${shots}/history.png`, fullPage: true });

  await p.click('tr[data-compact="cum6-2024"] a');
  await p.waitForSelector("table#year");

  const phone = await pageOf(browser, officer, { mobile: true });
  await phone.goto(`${base}/#/history/ha-tinh`);
  await phone.waitForSelector("table#unit-history");
  await phone.screenshot({ path: `${shots}/history-phone.png`, fullPage: true });
  await phone.context().close();
});

test("the secretariat reaches every unit's history from the home page; another unit's officer is refused in Vietnamese", async () => {
  const secretariat = await pageOf(browser, "thu-ky@cum6.bocongan.vn", { admin: true });
  await secretariat.goto(`${base}/#/`);
  await secretariat.waitForSelector("#histories");
  assert.equal(await secretariat.locator('#histories a[href="#/history/nghe-an"]').count(), 1);
  await secretariat.click('#histories a[href="#/history/nghe-an"]');
  await secretariat.waitForSelector("table#unit-history");
  const api = (await call("GET", "units/nghe-an/history", admin, undefined, [200])).json;
  assert.deepEqual(await shown(secretariat), expected(api.years));

  const other = await pageOf(browser, "can-bo@nghe-an.congan.gov.vn");
  await other.goto(`${base}/#/`);
  await other.waitForSelector("a#my-history");
  assert.equal(await other.locator("#histories").count(), 0); // an officer has no list of every unit's
  await other.goto(`${base}/#/history/ha-tinh`);
  await other.waitForSelector("#refused");
  assert.match(await other.locator("#refused").innerText(), /^Bạn không có quyền thực hiện việc này\./);
});

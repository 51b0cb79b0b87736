// Browser test of the year's result (docs/api.md, "The year") on a compact of its own (the demo's five units, without required
// review, a fresh id), so the demo stays as seeded: reports for January to March and December (Ninh Bình sends no
// February and no December report), a run of each of those months, then the year page's table, its chart and its downloads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { principal } from "../../scripts/principal.mjs";
import { base, call, launch, pageOf, shots } from "./browser.mjs";

const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const compactId = `nam-${Date.now().toString(36)}`;
const units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];
const months = [1, 2, 3, 12];
const pad = (n) => String(n).padStart(2, "0");
let browser;
let year;

before(async () => {
  browser = await launch();
  const compact = JSON.parse(readFileSync(new URL("../../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
  const title = `${compact.title} (kết quả năm thử)`;
  await call("PUT", `compacts/${compactId}`, admin, { ...compact, title, review: { ...compact.review, required: false } }, [201]);
  await call("PUT", `compacts/${compactId}-trong`, admin, { ...compact, title }, [201]); // a compact without any run
  for (const month of months) {
    for (const [i, unit] of units.entries()) {
      if (unit === "ninh-binh" && (month === 2 || month === 12)) continue;
      const next = month === 12 ? "2025-01-02" : `2024-${pad(month + 1)}-02`;
      await call("PUT", `compacts/${compactId}/reports/2024-${pad(month)}/${unit}`, admin, {
        values: { "propaganda-sessions": month + i, "emulation-plan": true, "ministry-targets": i !== 2, "no-surprise": true,
          "crime-reduction": 150 * month * (i + 1) + 40 * ((i + month) % 3), "project06": 9000 * month * (5 - i), "drug-cases": 12 * month * (i + 2),
          "charity-houses": (i + month) % 4, "cluster-coordination": month % 2 === 0 || i % 2 === 0 },
        receivedAt: `${next}T09:00:00+07:00`,
      }, [201]);
    }
    await call("POST", `compacts/${compactId}/standings/2024-${pad(month)}/runs`, admin, undefined, [201]);
  }
  year = (await call("GET", `compacts/${compactId}/year`, admin, undefined, [200])).json;
});

after(async () => browser?.close());

test("the year page shows the API's December ranks and each unit's twelve months, a line per unit, and downloads the workbook and the report or says why it cannot", async () => {
  const p = await pageOf(browser, "can-bo@ha-tinh.congan.gov.vn");
  await p.goto(`${base}/#/`);
  await p.click(`a[href="#/year/${compactId}"]`); // the compact list links the year
  await p.waitForSelector("table#year");
  assert.equal(await p.locator("#status").innerText(), year.status === "final" ? "Chính thức" : "Tạm tính");

  const rows = await p.locator("table#year tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    unitId: tr.dataset.unit,
    rank: tr.cells[0].innerText.trim(),
    score: tr.cells[2].dataset.score,
    months: [...tr.querySelectorAll("td[data-month]")].map((td) => (td.dataset.score === undefined ? null : { score: Number(td.dataset.score), rank: Number(td.dataset.rank) })),
  })));
  assert.deepEqual(rows, year.rows.map((r) => ({
    unitId: r.unitId, rank: r.notRanked ? "—" : String(r.rank), score: r.notRanked ? "" : String(r.score),
    months: r.months.map((e) => (e ? { score: e.score, rank: e.rank } : null)),
  })));
  assert.equal(rows.length, 5);
  assert.equal(rows.at(-1).unitId, "ninh-binh"); // no December report: not ranked, last
  assert.match(await p.locator('table#year tr[data-unit="ninh-binh"]').innerText(), /Không xếp hạng/);
  const first = year.rows[0];
  assert.equal(await p.locator(`table#year tr[data-unit="${first.unitId}"] td[data-month="12"]`).innerText(),
    `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(first.months[11].score)}\nhạng ${first.months[11].rank}`);
  assert.equal(await p.locator('table#year td[data-month="6"]').first().innerText(), "—"); // a month without a run

  // The chart: one series per unit, a point for each month the unit has a score; by rank on request.
  const series = await p.locator("#chart g.series").evaluateAll((gs) => gs.map((g) => [g.dataset.unit, Number(g.dataset.points)]));
  assert.deepEqual(series, year.rows.map((r) => [r.unitId, r.months.filter(Boolean).length]));
  assert.deepEqual(await p.locator("#legend li").allInnerTexts(), year.rows.map((r) => r.unitName));
  assert.equal(await p.locator('#chart g.series[data-unit="ninh-binh"] polyline').count(), 0); // January and March only: dots, no line
  await p.screenshot({ path: `${shots}/year.png`, fullPage: true });
  await p.check('input[name=measure][value="rank"]');
  await p.waitForSelector('#chart[data-measure="rank"]');
  assert.equal(await p.locator("#chart g.series").count(), 5);
  await p.screenshot({ path: `${shots}/year-rank.png`, fullPage: true });

  for (const [button, name] of [["#xlsx", `${compactId}-2024-tong-hop.xlsx`], ["#docx", `${compactId}-bao-cao-tong-ket.docx`]]) {
    const download = p.waitForEvent("download");
    await p.click(button);
    const saved = await download;
    assert.equal(saved.suggestedFilename(), name);
    assert.equal(readFileSync(await saved.path()).subarray(0, 2).toString("latin1"), "PK"); // a zip package: the Office file the API wrote
  }
  assert.equal(await p.locator("#download-error").isHidden(), true);

  // A refusal is shown in words, nothing saved: storage not answering, as the API says it (503 problem details).
  await p.route("**/year/report.docx", (route) => route.fulfill({ status: 503, contentType: "application/problem+json; charset=utf-8",
    body: JSON.stringify({ status: 503, title: "Storage is unavailable.", detail: "Nothing changed; try again in a few seconds." }) }));
  await p.click("#docx");
  await p.waitForSelector("#download-error:not([hidden])");
  assert.match(await p.locator("#download-error").innerText(), /^Máy chủ tạm thời không phục vụ được; hãy thử lại sau ít phút\.\s+Nothing changed/);
  await p.unrouteAll();
});

test("on a phone the year's table scrolls and the chart fits the screen; the year of a compact without a December run is refused in words", async () => {
  const phone = await pageOf(browser, "can-bo@nghe-an.congan.gov.vn", { mobile: true });
  await phone.goto(`${base}/#/year/${compactId}`);
  await phone.waitForSelector("#chart");
  const width = await phone.evaluate(() => document.documentElement.clientWidth);
  const chart = await phone.locator("#chart").boundingBox();
  assert.ok(chart.width <= width, `the chart (${chart.width}px) fits the phone (${width}px)`);
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true); // only the table scrolls
  await phone.screenshot({ path: `${shots}/year-phone.png`, fullPage: true });
  await phone.setViewportSize({ width: 760, height: 844 }); // the phone turned: the chart is drawn again at the new width
  await phone.waitForFunction((before) => Number(document.querySelector("#chart")?.getAttribute("width")) > before, chart.width);

  await phone.goto(`${base}/#/year/${compactId}-trong`);
  await phone.waitForSelector("#refused");
  assert.match(await phone.locator("#refused").innerText(), /^Không tìm thấy\./);
  assert.match(await phone.locator("#no-december").innerText(), /tháng 12/);
});

test("the standings board links the year's page", async () => {
  const p = await pageOf(browser, "can-bo@thanh-hoa.congan.gov.vn");
  await p.goto(`${base}/#/standings/${compactId}/2024-03`);
  await p.waitForSelector("table#standings");
  await p.click(`a[href="#/year/${compactId}"]`);
  await p.waitForSelector("table#year");
});

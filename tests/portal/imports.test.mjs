// Browser test of the Excel imports (docs/api.md "Excel imports"): a compact of its own. The admin downloads each template
// through the API, a spreadsheet program (openpyxl) fills it; a workbook with a bad cell shows the cell in the error table and
// changes nothing; the corrected one is imported.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { principal } from "../../scripts/principal.mjs";
import { base, launch, pageOf, shots } from "./browser.mjs";

const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const compactId = "nhap-excel-2024";
const period = "2024-10";
const folder = mkdtempSync(join(tmpdir(), "imports-"));
let browser;

before(async () => {
  browser = await launch();
  const compact = JSON.parse(readFileSync(new URL("../../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
  compact.review = { required: false };
  const put = await fetch(`${base}/api/compacts/${compactId}`, {
    method: "PUT", headers: { "x-ms-client-principal": admin, "content-type": "application/json" }, body: JSON.stringify(compact),
  });
  assert.ok([200, 201].includes(put.status), await put.text());
});

after(async () => browser?.close());

async function api(path) {
  const response = await fetch(`${base}/api/${path}`, { headers: { "x-ms-client-principal": admin } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The template at `path`, filled by openpyxl: each row's cells from `fill(row)` (column id → value). */
async function filled(path, name, script) {
  const template = await api(path);
  assert.equal(template.status, 200);
  const input = join(folder, `${name}-template.xlsx`);
  const output = join(folder, `${name}.xlsx`);
  writeFileSync(input, template.bytes);
  execFileSync("/usr/bin/python3", ["-c", `
import sys, datetime, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
header = next(r for r in range(1, 30) if sheet.cell(r, 1).value in ("unitId", "criterionId"))
col = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
rows = [r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
${script}
book.save(sys.argv[2])
`, input, output]);
  return output;
}

const reportRows = (crime) => `
for r in rows:
    for key, value in {"propaganda-sessions": 2, "emulation-plan": True, "ministry-targets": True, "no-surprise": True, "crime-reduction": ${crime},
                       "project06": 120000, "drug-cases": 90, "charity-houses": 1, "cluster-coordination": True}.items():
        sheet.cell(r, col[key]).value = value
    sheet.cell(r, col["receivedAt"]).value = datetime.datetime(2024, 11, 4, 9, 30)
`;

test("a month's paper reports: a bad cell is shown and nothing is stored, the corrected workbook is imported", async () => {
  const page = await pageOf(browser, "thu-ky@cum6.bocongan.vn", { admin: true });
  await page.goto(`${base}/#/imports/${compactId}/${period}`);
  await page.waitForSelector("form#reports");

  await page.setInputFiles("#reports-file", await filled(`compacts/${compactId}/reports/${period}/import.xlsx`, "bad", reportRows('"nhiều"')));
  await page.click("#reports-send");
  await page.waitForSelector("#reports-result table.cell-errors");
  assert.equal(await page.locator('#reports-result tr[data-cell="Báo cáo!F9"]').count(), 1); // crime-reduction of the first member
  assert.match(await page.locator('#reports-result tr[data-cell="Báo cáo!F9"] td[data-code="invalid-value"]').innerText(), /^Giá trị không hợp lệ cho cột này\./);
  await page.screenshot({ path: `${shots}/imports-errors.png`, fullPage: true });
  assert.equal((await api(`compacts/${compactId}/reports/${period}/thanh-hoa`)).status, 404);

  await page.setInputFiles("#reports-file", await filled(`compacts/${compactId}/reports/${period}/import.xlsx`, "good", reportRows("1180.1")));
  await page.click("#reports-send");
  await page.waitForSelector("#reports-done");
  assert.match(await page.locator("#reports-done").innerText(), /Đã nhập 5 báo cáo[\s\S]*Công an tỉnh Thanh Hóa \(bản 1\)/);
  await page.screenshot({ path: `${shots}/imports-done.png`, fullPage: true });
  assert.equal((await api(`compacts/${compactId}/reports/${period}/thanh-hoa`)).status, 200);
});

test("the targets: a bad baseline is shown and nothing changes, the corrected workbook updates them", async () => {
  const page = await pageOf(browser, "thu-ky@cum6.bocongan.vn", { admin: true });
  await page.goto(`${base}/#/imports/${compactId}/${period}`);
  await page.waitForSelector("form#targets");
  const edit = (baseline) => `
for r in rows:
    if sheet.cell(r, col["criterionId"]).value == "crime-reduction" and sheet.cell(r, col["unitId"]).value == "nghe-an":
        sheet.cell(r, col["target"]).value = 6
        sheet.cell(r, col["baseline"]).value = ${baseline}
`;
  const before = (await api(`compacts/${compactId}/targets`)).bytes.toString();

  await page.setInputFiles("#targets-file", await filled(`compacts/${compactId}/targets?format=xlsx`, "targets-bad", edit("-5")));
  await page.click("#targets-send");
  await page.waitForSelector("#targets-result table.cell-errors");
  assert.equal(await page.locator("#targets-result tr[data-cell]").count(), 1);
  assert.match(await page.locator('#targets-result tr[data-cell] td[data-code="invalid-value"]').innerText(), /^Giá trị không hợp lệ cho cột này\./);
  assert.equal((await api(`compacts/${compactId}/targets`)).bytes.toString(), before);

  await page.setInputFiles("#targets-file", await filled(`compacts/${compactId}/targets?format=xlsx`, "targets-good", edit("3300")));
  await page.click("#targets-send");
  await page.waitForSelector("#targets-done");
  const targets = JSON.parse((await api(`compacts/${compactId}/targets`)).bytes.toString()).targets;
  assert.deepEqual(targets.find((t) => t.criterionId === "crime-reduction" && t.unitId === "nghe-an"),
    { criterionId: "crime-reduction", unitId: "nghe-an", target: 6, baseline: 3300 });
});

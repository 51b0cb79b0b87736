// Browser test of secret ballots (bỏ phiếu kín, docs/ballots.md) on a compact of its own (the demo's five units, a fresh id), so
// the demo's ballot and its compact stay as seeded: the secretariat opens a ballot with the form, each of the five units'
// reporters casts its unit's ballot on the ballot's page, a second attempt is refused as already voted, the last vote closes
// the ballot and the result shows to a reporter and the secretariat, and the minutes download as a Word document.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { principal } from "../../scripts/principal.mjs";
import { base, call, launch, pageOf, shots } from "./browser.mjs";

const adminUser = "thu-ky@cum6.bocongan.vn";
const admin = principal(adminUser, ["Compacts.Admin"]);
const reporterOf = (unit) => `can-bo@${unit}.congan.gov.vn`;
const compactId = `bo-phieu-${Date.now().toString(36)}`;
const units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];
let browser;

before(async () => {
  browser = await launch();
  const compact = JSON.parse(readFileSync(new URL("../../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
  await call("PUT", `compacts/${compactId}`, admin, { ...compact, title: `${compact.title} (bỏ phiếu thử)` }, [201]);
  // A month's standings, where a reporter's page finds the units' names (only admins list units).
  await call("POST", `compacts/${compactId}/standings/2024-01/runs`, admin, undefined, [201]);
});

after(async () => browser?.close());

/** A reporter's ballot page, with the vote form shown. */
async function votePage(unit, options, ballotId = "suy-ton") {
  const p = await pageOf(browser, reporterOf(unit), options);
  await p.goto(`${base}/#/ballot/${compactId}/${ballotId}`);
  await p.waitForSelector("form#vote");
  return p;
}

async function vote(p, choices) {
  for (const choice of choices) await p.check(`form#vote input[value="${choice}"]`);
  await p.click("form#vote button[type=submit]");
  await p.waitForSelector("#cast");
}

test("the secretariat's opening form shows each problem beside its field and opens nothing", async () => {
  const p = await pageOf(browser, adminUser, { admin: true });
  await p.goto(`${base}/#/ballots/${compactId}`);
  await p.waitForSelector("form#open-ballot");
  await p.fill("#b-title", "");
  await p.fill("#b-id", "Sai Mã!");
  await p.fill("#b-seats", "9");
  await p.fill("#b-threshold", "1");
  await p.fill("#b-closes", "2020-01-01T10:00");
  await p.click("form#open-ballot button[type=submit]");
  await p.waitForSelector("#open-invalid");
  assert.equal(await p.locator('.error[data-for="title"]').innerText(), "Cần nhập nội dung bỏ phiếu.");
  assert.equal(await p.locator('.error[data-for="ballotId"]').innerText(), "Mã gồm 1–64 ký tự a-z, 0-9 hoặc dấu gạch ngang.");
  assert.equal(await p.locator('.error[data-for="seats"]').innerText(), "Số nguyên từ 1 đến số đơn vị ứng cử (5).");
  assert.equal(await p.locator('.error[data-for="threshold"]').innerText(), "Từ 0 đến dưới 1, tối đa 6 chữ số sau dấu thập phân.");
  assert.equal(await p.locator('.error[data-for="closesAt"]').innerText(), "Hạn bỏ phiếu phải ở tương lai.");
  await p.screenshot({ path: `${shots}/ballot-open-errors.png`, fullPage: true });
  assert.equal((await call("GET", `compacts/${compactId}/ballots`, admin, undefined, [200])).json.ballots.length, 0);
});

test("five units vote on the ballot's page, a second vote is refused, and after the close everyone sees the result and the minutes", async () => {
  // The secretariat opens the ballot with the form; its closing time is read in the compact's time zone.
  const a = await pageOf(browser, adminUser, { admin: true });
  await a.goto(`${base}/#/`);
  await a.click(`a[href="#/ballots/${compactId}"]`); // the compact list links the ballots
  await a.waitForSelector("form#open-ballot");
  await a.fill("#b-id", "suy-ton");
  await a.fill("#b-title", "Suy tôn đơn vị dẫn đầu cụm năm 2024");
  await a.fill("#b-closes", "2099-12-27T17:00");
  await a.click("form#open-ballot button[type=submit]");
  await a.waitForSelector("#admin-box");
  assert.equal(new URL(a.url()).hash, `#/ballot/${compactId}/suy-ton`);
  const opened = (await call("GET", `compacts/${compactId}/ballots/suy-ton`, admin, undefined, [200])).json;
  assert.equal(opened.closesAt, "2099-12-27T10:00:00Z"); // 17:00 in Hà Nội
  assert.deepEqual(opened.candidates, units);
  assert.equal(await a.locator("#closes-at").innerText().then((t) => t.startsWith("17:00:00 27/12/2099")), true);
  assert.equal(await a.locator("#roll").getAttribute("data-voted"), "0");

  // Thanh Hóa's page is open twice; the unit votes in one, then the stale one tries again.
  const first = await votePage("thanh-hoa");
  const stale = await votePage("thanh-hoa");
  assert.equal(await first.locator('form#vote input[value="thanh-hoa"]').isDisabled(), true); // no vote for itself
  await vote(first, ["nghe-an"]);
  assert.match(await first.locator("#voted").innerText(), /^Đơn vị đã bỏ phiếu\./);
  assert.equal(await first.locator("form#vote").count(), 0);
  await first.screenshot({ path: `${shots}/ballot-voted.png`, fullPage: true });
  await stale.check('form#vote input[value="ha-tinh"]');
  await stale.click("form#vote button[type=submit]");
  await stale.waitForSelector("#vote-refused");
  assert.match(await stale.locator("#vote-refused").innerText(), /^Phiếu không được ghi nhận: đơn vị đã bỏ phiếu/);
  assert.match(await stale.locator("#voted").innerText(), /^Đơn vị đã bỏ phiếu\./);
  await first.reload(); // the voted state is the API's, not the page's memory
  await first.waitForSelector("#voted");
  assert.equal(await first.locator("form#vote").count(), 0);

  await vote(await votePage("ninh-binh"), ["nghe-an"]);
  await vote(await votePage("nghe-an"), ["ha-tinh"]);
  const phone = await votePage("ha-tinh", { mobile: true });
  await phone.check('form#vote input[value="nghe-an"]');
  assert.equal(await phone.locator("form#vote button[type=submit]").innerText(), "Gửi phiếu bầu");
  await phone.screenshot({ path: `${shots}/ballot-vote-phone.png`, fullPage: true });
  await phone.click("form#vote button[type=submit]");
  await phone.waitForSelector("#cast");

  // Four of five: the secretariat sees the roll and who has still to vote, never a count.
  await a.reload();
  await a.waitForSelector("#admin-box");
  assert.equal(await a.locator("#roll").innerText().then((t) => t.trim()), "4/5 đơn vị");
  assert.match(await a.locator("#waiting").innerText(), /^Chưa bỏ phiếu: Công an tỉnh Quảng Bình\.$/);
  assert.equal(await a.locator("#result").count(), 0);
  await a.screenshot({ path: `${shots}/ballot-admin-progress.png`, fullPage: true });

  // Quảng Bình casts a blank ballot, the last one: the ballot closes.
  const last = await votePage("quang-binh");
  assert.equal(await last.locator("form#vote button[type=submit]").innerText(), "Gửi phiếu trắng"); // nothing chosen
  await last.click("form#vote button[type=submit]");
  await last.waitForSelector("#cast");
  assert.match(await last.locator("#cast").innerText(), /phiếu trắng/);
  await last.waitForSelector("table#result");

  const closed = (await call("GET", `compacts/${compactId}/ballots/suy-ton`, admin, undefined, [200])).json;
  assert.equal(closed.closed, true);
  assert.deepEqual({ cast: closed.result.cast, blank: closed.result.blank, elected: closed.result.elected }, { cast: 5, blank: 1, elected: ["nghe-an"] });
  for (const p of [phone, a]) { // a reporter (on a phone) and the secretariat see the same result
    await p.reload();
    await p.waitForSelector("table#result");
    const rows = await p.locator("table#result tbody tr").evaluateAll((trs) => trs.map((r) => [r.dataset.unit, Number(r.dataset.votes)]));
    assert.deepEqual(Object.fromEntries(rows), Object.fromEntries(units.map((u) => [u, closed.result.counts[u] ?? 0])));
    assert.equal(rows[0][0], "nghe-an");
    assert.equal(await p.locator("#tally").innerText(), "Số phiếu bầu: 5/5 (phiếu trắng: 1); 0 đơn vị không bỏ phiếu.");
    assert.equal(await p.locator("#elected").innerText(), "Trúng cử: Công an tỉnh Nghệ An.");
    assert.match(await p.locator('table#result tr[data-unit="nghe-an"]').innerText(), /Trúng cử/);
    assert.equal(await p.locator("[data-status]").first().getAttribute("data-status"), "closed");
    assert.equal(await p.locator("#close").count(), 0);
  }
  await phone.screenshot({ path: `${shots}/ballot-result-phone.png`, fullPage: true });
  await a.screenshot({ path: `${shots}/ballot-result.png`, fullPage: true });

  // The minutes, fetched through the API with the reporter's credentials.
  const answer = phone.waitForResponse((r) => r.url().endsWith(`/ballots/suy-ton/minutes.docx`));
  const download = phone.waitForEvent("download");
  await phone.click("#minutes");
  assert.equal((await answer).headers()["content-type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const saved = await download;
  assert.equal(saved.suggestedFilename(), `${compactId}-suy-ton-bien-ban-kiem-phieu.docx`);
  assert.equal(readFileSync(await saved.path()).subarray(0, 2).toString("latin1"), "PK");

  // The list shows it closed, with whom it elected.
  await a.goto(`${base}/#/ballots/${compactId}`);
  await a.waitForSelector('table#ballots tr[data-ballot="suy-ton"]');
  assert.match(await a.locator('table#ballots tr[data-ballot="suy-ton"]').innerText(), /Đã kết thúc[\s\S]*5\/5 đơn vị[\s\S]*Công an tỉnh Nghệ An/);
});

test("a reporter cannot choose more units than seats; the secretariat closes a ballot early with the button, its minutes refused while it was open", async () => {
  await call("POST", `compacts/${compactId}/ballots`, admin, {
    ballotId: "bang-khen", title: "Bình xét đơn vị đề nghị tặng Bằng khen", seats: 2, closesAt: "2099-01-01T00:00:00+07:00",
  }, [201]);
  const r = await votePage("ha-tinh", {}, "bang-khen");
  await r.check('form#vote input[value="thanh-hoa"]');
  await r.check('form#vote input[value="nghe-an"]');
  await r.check('form#vote input[value="quang-binh"]'); // three for two seats: refused on the page, nothing sent
  await r.click("form#vote button[type=submit]");
  assert.equal(await r.locator('.error[data-for="choices"]').innerText(), "Chỉ được chọn tối đa 2 đơn vị.");
  assert.equal((await call("GET", `compacts/${compactId}/ballots/bang-khen`, admin, undefined, [200])).json.voted.length, 0);
  await r.uncheck('form#vote input[value="quang-binh"]');
  await r.click("form#vote button[type=submit]");
  await r.waitForSelector("#cast");

  const a = await pageOf(browser, adminUser, { admin: true });
  await a.goto(`${base}/#/ballot/${compactId}/bang-khen`);
  await a.waitForSelector("#close");
  const refused = await call("GET", `compacts/${compactId}/ballots/bang-khen/minutes.docx`, admin);
  assert.equal(refused.status, 409);
  await a.click("#close");
  await a.waitForSelector("#closed");
  assert.equal(await a.locator("#tally").innerText(), "Số phiếu bầu: 1/5 (phiếu trắng: 0); 4 đơn vị không bỏ phiếu.");
  // 1 vote is more than 0.5 × 1 cast: both named units are elected, two seats.
  const elected = await a.locator("#elected").innerText();
  assert.match(elected, /^Trúng cử: /);
  for (const name of ["Công an tỉnh Thanh Hóa", "Công an tỉnh Nghệ An"]) assert.ok(elected.includes(name), elected);
  await r.reload();
  await r.waitForSelector("table#result");
  assert.match(await r.locator("#voted").innerText(), /^Đơn vị đã bỏ phiếu\./);
});

test("the server's refusals of an opening are shown beside their fields, in Vietnamese with the server's words", async () => {
  const p = await pageOf(browser, adminUser, { admin: true });
  await p.goto(`${base}/#/ballots/${compactId}`);
  await p.waitForSelector("form#open-ballot");
  // A rule only the server knows: the request leaves the page valid and reaches the server with a threshold it refuses.
  await p.route(`**/api/compacts/${compactId}/ballots`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    return route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData()), threshold: 2 }) });
  });
  await p.fill("#b-id", "co-thi-dua");
  await p.click("form#open-ballot button[type=submit]");
  await p.waitForSelector("#rejected");
  const beside = await p.locator('.error[data-for="threshold"]').innerText();
  assert.match(beside, /^Máy chủ không nhận tỷ lệ này\./);
  assert.match(beside, /threshold is at least 0 and less than 1/);
  assert.match(await p.locator("#rejected").innerText(), /^Dữ liệu chưa hợp lệ\./);
  await p.unrouteAll();

  await p.fill("#b-id", "suy-ton"); // the first test's ballot
  await p.click("form#open-ballot button[type=submit]");
  await p.waitForFunction(() => document.querySelector('.error[data-for="ballotId"]')?.innerText.startsWith("Giao ước đã có"));
  assert.equal(await p.locator('.error[data-for="threshold"]').innerText(), "");
  assert.match(await p.locator("#rejected").innerText(), /^Xung đột với dữ liệu đã có\./);
  const ids = (await call("GET", `compacts/${compactId}/ballots`, admin, undefined, [200])).json.ballots.map((b) => b.ballotId);
  assert.ok(!ids.includes("co-thi-dua"), "nothing opened");
  await p.screenshot({ path: `${shots}/ballot-open-refused.png`, fullPage: true });
});

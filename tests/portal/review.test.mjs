// Browser tests of the review pages (docs/review.md): the cluster head's reporter confirms a report with a correction and
// the standings change; returns one with a reason, the unit explains, the reviewer confirms; a reporter is refused.
// Against the development host with the demo data (scripts/test.sh). The demo's year is reported and reviewed (June holds its
// review story), so these tests use a compact of their own, a copy of the demo's (the same members, Ninh Bình its deputy,
// review required: a month is final only once every report in it is confirmed), and store their reports through the API
// in 2024-11 and 2024-12.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { principal } from "../../scripts/principal.mjs";
import { base, call, launch, pageOf, shots } from "./browser.mjs";

const admin = principal("thu-ky@cum6.bocongan.vn", ["Compacts.Admin"]);
const reporterOf = (unit) => `can-bo@${unit}.congan.gov.vn`;
const reviewer = reporterOf("thanh-hoa"); // a reporter of the cluster head: reviews the other members' reports
const compact = JSON.parse(readFileSync(new URL("../../demo/cum6-2024.compact.json", import.meta.url), "utf8"));
const target = (criterion, unit) => compact.contents.flatMap((c) => c.criteria).find((c) => c.id === criterion).targets[unit];
let browser;

before(async () => {
  browser = await launch();
  await call("PUT", "compacts/tham-dinh-2024", admin, compact, [200, 201]);
});

after(async () => browser?.close());

const page = (user, options) => pageOf(browser, user, options);

/** A report stored through the API by the unit's own reporter (the server's clock stamps it). */
async function submit(period, unit, values) {
  const answer = await call("PUT", `compacts/tham-dinh-2024/reports/${period}/${unit}`, principal(reporterOf(unit)), { values, note: "Báo cáo tháng (lũy kế)." });
  assert.ok(answer.status === 201 || answer.status === 200, `PUT ${period}/${unit} -> ${answer.status}: ${answer.text}`);
  return answer.json;
}

/**
 * November's values for a unit, made so that every unit scores the same on every criterion (each quantitative figure is the
 * same share of the unit's own target, and below it): two units reporting these differ only by what a review changes.
 */
const november = (unit) => ({
  "propaganda-sessions": 5, "emulation-plan": true, "ministry-targets": true, "no-surprise": true,
  "crime-reduction": target("crime-reduction", unit).baseline, // no reduction: 0 points
  "project06": target("project06", unit).target * 11 / 12, // exactly the target to date: full points (linear)
  "drug-cases": target("drug-cases", unit).target / 2, // the same share of the target for every unit
  "charity-houses": 2, "cluster-coordination": true,
});

/** The history's events as their names (data-event), once it has loaded `count` of them. */
async function events(p, count) {
  await p.waitForFunction((n) => document.querySelector("#history")?.dataset.count === String(n), count);
  return p.locator("#history > li").evaluateAll((items) => items.map((li) => li.dataset.event));
}

test("the head's reporter confirms a report with a correction, and the standings show the changed score", async () => {
  await submit("2024-11", "thanh-hoa", november("thanh-hoa")); // the head's own report, left unreviewed: the twin
  await submit("2024-11", "ha-tinh", november("ha-tinh"));

  const p = await page(reviewer);
  await p.goto(`${base}/`);
  await p.click('a[href="#/reviews/tham-dinh-2024/2024-11"]'); // the home page's link to the month's queue
  await p.waitForSelector("table#queue");
  assert.match(await p.locator("h1").innerText(), /Thẩm định báo cáo tháng 11\/2024/);
  const rows = await p.locator("table#queue tbody tr").evaluateAll((trs) => trs.map((r) => `${r.dataset.unit} ${r.dataset.state}`));
  assert.ok(rows.includes("ha-tinh submitted") && rows.includes("thanh-hoa submitted"), rows.join(", "));
  const row = p.locator('table#queue tr[data-unit="ha-tinh"]');
  assert.match(await row.innerText(), /Công an tỉnh Hà Tĩnh[\s\S]*chờ thẩm định[\s\S]*1[\s\S]*0 ngày/);
  await p.screenshot({ path: `${shots}/review-queue.png`, fullPage: true });
  const phone = await page(reviewer, { mobile: true });
  await phone.goto(`${base}/#/reviews/tham-dinh-2024/2024-11`);
  await phone.waitForSelector("table#queue");
  await phone.screenshot({ path: `${shots}/review-queue-phone.png`, fullPage: true });
  await phone.goto(`${base}/#/review/tham-dinh-2024/2024-11/ha-tinh`);
  await phone.waitForSelector("#history[data-count]");
  await phone.screenshot({ path: `${shots}/review-page-phone.png`, fullPage: true });

  await row.locator("a").click();
  await p.waitForSelector("form#review");
  await p.waitForSelector("#history[data-count]");
  assert.equal(await p.locator("#r-ministry-targets").innerText(), "Đạt");
  const posts = [];
  p.on("request", (r) => { if (r.method() === "POST" && r.url().endsWith("/reviews")) posts.push(r.headers()["idempotency-key"]); });

  // A corrected figure needs its reason: shown beside the field, nothing sent.
  await p.selectOption("#v-ministry-targets", "false");
  await p.click("#confirm");
  assert.equal(await p.locator('.error[data-for="items.ministry-targets.comment"]').innerText(), "Cần ghi lý do khi sửa số liệu.");
  assert.equal(posts.length, 0);

  await p.fill("#c-ministry-targets", "Theo thông báo của Bộ, chỉ tiêu về tinh giản thủ tục chưa hoàn thành.");
  await p.fill("#review-comment", "Đã đối chiếu với báo cáo của Bộ Công an.");
  // The first answer is lost on its way back (the server did store the review); "Gửi lại" sends the same click again
  // with the same Idempotency-Key, and the server answers it from the first time instead of reviewing twice.
  let first = 0;
  await p.route("**/api/compacts/tham-dinh-2024/reports/2024-11/ha-tinh/reviews", async (route) => {
    first = (await route.fetch()).status();
    await route.abort("connectionreset");
  });
  await p.click("#confirm");
  await p.waitForSelector("#lost");
  assert.equal(first, 201);
  await p.unrouteAll();
  const replay = p.waitForResponse((r) => r.url().endsWith("/ha-tinh/reviews"));
  await p.click("#resend");
  assert.equal((await replay).status(), 201);
  await p.waitForSelector("#reviewed");
  assert.equal(await p.locator("#reviewed").innerText(), "Đã xác nhận bản số 1.");
  assert.equal(posts.length, 2);
  assert.match(posts[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(posts[1], posts[0]);
  assert.match(await p.locator("#review-state").innerText(), /đã xác nhận/);
  assert.match(await p.locator('table#confirmed tr[data-criterion="ministry-targets"]').innerText(),
    /Đạt\s+Không đạt\s+Theo thông báo của Bộ/); // as reported, as confirmed, why
  assert.deepEqual(await events(p, 2), ["submitted", "confirmed"]);
  const report = await call("GET", "compacts/tham-dinh-2024/reports/2024-11/ha-tinh", admin);
  assert.equal(report.json.review.state, "confirmed");
  assert.equal(report.json.review.values["ministry-targets"], false);
  await p.screenshot({ path: `${shots}/review-confirmed.png`, fullPage: true });

  // A standings run after the confirm: provisional, since the twin still waits for review.
  const run = await call("POST", "compacts/tham-dinh-2024/standings/2024-11/runs", admin);
  assert.equal(run.status, 201, run.text);
  assert.deepEqual([run.json.status, run.json.finalPending], ["provisional", "review"]);
  const standings = (await call("GET", "compacts/tham-dinh-2024/standings/2024-11", admin)).json;
  const [twin, corrected] = ["thanh-hoa", "ha-tinh"].map((u) => standings.rows.find((r) => r.unitId === u));
  assert.deepEqual([twin.criteria["ministry-targets"], corrected.criteria["ministry-targets"]], [15, 0]);

  await p.goto(`${base}/#/standings/tham-dinh-2024/2024-11`);
  await p.waitForSelector("table#standings");
  const score = async (unit) => {
    const tr = p.locator(`table#standings tr[data-unit="${unit}"]`);
    const value = Number(await tr.getAttribute("data-score"));
    assert.match(await tr.innerText(), new RegExp(new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(value).replace(/\./g, "\\.")));
    return value;
  };
  // Both reported the same; the corrected figure (15 of the 100 points each is assigned) sets them apart, besides any
  // difference in late months (none in the demo: both sent every month on time).
  const apart = Math.round((15 - twin.penalty + corrected.penalty) * 100);
  assert.equal(Math.round((await score("thanh-hoa") - await score("ha-tinh")) * 100), apart);
  assert.match(await p.locator('table#standings tr[data-unit="ha-tinh"]').innerText(), /đã xác nhận/);
  await p.screenshot({ path: `${shots}/standings-reviewed.png`, fullPage: true });
});

test("a returned report: the unit sees the reason and explains, the reviewer confirms, the history shows the four events", async () => {
  const unit = "quang-binh";
  await submit("2024-12", unit, { ...november(unit), "crime-reduction": 650 });
  const reviewPage = `${base}/#/review/tham-dinh-2024/2024-12/${unit}`;
  const reason = "Số liệu chưa khớp với thống kê của Phòng Cảnh sát hình sự; đề nghị giải trình.";

  const p = await page(reviewer);
  await p.goto(reviewPage);
  await p.waitForSelector("form#review");
  await p.fill("#c-crime-reduction", reason);
  await p.fill("#review-comment", "Đề nghị đơn vị giải trình số liệu kéo giảm tội phạm.");
  await p.click("#return");
  await p.waitForSelector("#reviewed");
  assert.equal(await p.locator("#reviewed").innerText(), "Đã trả lại bản số 1 cho đơn vị.");
  assert.match(await p.locator("#review-state").innerText(), /đã trả lại/);
  assert.deepEqual(await events(p, 2), ["submitted", "returned"]);
  assert.equal(await p.locator("#return").count(), 0); // a returned report is not returned again; only an admin confirms it now
  assert.match(await p.locator("#admin-only").innerText(), /chỉ thư ký cụm/);
  await p.screenshot({ path: `${shots}/review-returned.png`, fullPage: true });

  const own = await page(reporterOf(unit), { mobile: true });
  await own.goto(`${base}/#/report/tham-dinh-2024/2024-12/${unit}`);
  await own.waitForSelector("form#explain");
  assert.match(await own.locator("#review-state").innerText(), /đã trả lại/);
  assert.match(await own.locator("h1").innerText(), /— Công an tỉnh /); // the unit's name, not its id
  assert.equal(await own.locator('.field .reason[data-reason="crime-reduction"]').innerText(), `Lý do trả lại: ${reason}`);
  assert.equal(await own.locator("#last-review-comment").innerText(), "Đề nghị đơn vị giải trình số liệu kéo giảm tội phạm.");
  await own.fill("#x-crime-reduction", "Số liệu của đơn vị tính cả các vụ chuyển từ năm trước; đính kèm bảng đối chiếu.");
  await own.fill("#x-comment", "Đơn vị giữ nguyên số liệu và giải trình như trên.");
  await own.screenshot({ path: `${shots}/report-returned-phone.png`, fullPage: true });
  await own.click("#explain button[type=submit]");
  await own.waitForSelector("#explained");
  assert.match(await own.locator("#review-state").innerText(), /chờ thẩm định/);
  assert.equal(await own.locator("form#explain").count(), 0);
  assert.deepEqual(await events(own, 3), ["submitted", "returned", "explained"]);

  await p.reload();
  await p.waitForSelector("form#review");
  assert.match(await p.locator("#review-state").innerText(), /chờ thẩm định/);
  await p.click("#confirm");
  await p.waitForSelector("#reviewed");
  assert.deepEqual(await events(p, 4), ["submitted", "returned", "explained", "confirmed"]);
  const lines = await p.locator("#history > li").allInnerTexts();
  const said = [[reporterOf(unit), "Gửi báo cáo"], [reviewer, "Trả lại"], [reporterOf(unit), "Giải trình"], [reviewer, "Xác nhận"]];
  said.forEach(([actor, event], i) => {
    assert.ok(lines[i].includes(actor) && lines[i].includes(event) && lines[i].includes("bản 1"), lines[i]);
  });
  assert.match(lines[1], /Đề nghị đơn vị giải trình/);
  assert.match(lines[2], /Đơn vị giữ nguyên số liệu/);
  // the per-criterion texts of the return and of the explanation, under their events
  assert.ok(lines[1].includes(`Kéo giảm tội phạm`) && lines[1].includes(reason), lines[1]);
  assert.match(lines[2], /Số liệu của đơn vị tính cả các vụ chuyển từ năm trước/);
  await p.screenshot({ path: `${shots}/review-history.png`, fullPage: true });

  await own.reload();
  await own.waitForSelector("#history[data-count='4']");
  assert.match(await own.locator("#review-state").innerText(), /đã xác nhận/);
  await own.screenshot({ path: `${shots}/report-confirmed-phone.png`, fullPage: true });
});

test("a reporter is refused another unit's review page, with the API's reason, and gets no review links", async () => {
  const user = reporterOf("nghe-an");
  const refused = await call("GET", "compacts/cum6-2024/reports/2024-06/ha-tinh", principal(user));
  assert.equal(refused.status, 403);

  const p = await page(user, { mobile: true });
  await p.goto(`${base}/#/review/cum6-2024/2024-06/ha-tinh`);
  await p.waitForSelector("#refused");
  assert.match(await p.locator("#refused").innerText(), /^Bạn không có quyền thực hiện việc này\./);
  assert.equal(await p.locator("#refused .detail").innerText(), refused.json.detail);
  assert.equal(await p.locator("form#review").count(), 0);
  await p.screenshot({ path: `${shots}/review-refused-phone.png`, fullPage: true });

  await p.goto(`${base}/#/reviews/cum6-2024/2024-06`);
  await p.waitForFunction(() => document.querySelector("h1")?.innerText.includes("Thẩm định báo cáo tháng 6/2024"));
  await p.waitForSelector("#refused");
  assert.match(await p.locator("#refused").innerText(), /^Bạn không có quyền thực hiện việc này\./);

  await p.goto(`${base}/`);
  await p.waitForSelector("fieldset legend");
  // None for 2024; Nghệ An heads cum6-2025 (the demo's next year), whose queue its reporters do see.
  assert.equal(await p.locator('.review-links a[href^="#/reviews/cum6-2024/"]').count(), 0);
  assert.ok(await p.locator('.review-links a[href^="#/reviews/cum6-2025/"]').count() > 0);
});

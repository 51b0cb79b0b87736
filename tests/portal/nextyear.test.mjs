// Browser test of next year's compact (docs/year-end.md): the secretariat opens "Giao ước năm sau" under the 2024 compact,
// is refused an id that exists (the demo made cum6-2025) and one that is no id (beside the field), makes a draft, and the
// compacts list shows it with its draft badge; its page lists what it lacks before activation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { base, launch, pageOf, shots } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test("the secretariat makes next year's draft from the compact's page, each refusal shown, and the list marks it a draft", async () => {
  const p = await pageOf(browser, "thu-ky@cum6.bocongan.vn", { admin: true });
  await p.goto(`${base}/`);
  await p.click('a[href="#/next/cum6-2024"]');
  await p.waitForSelector("form#next-year");
  assert.equal(await p.inputValue("#n-compactId"), "cum6-2025");

  // The demo's cum6-2025 exists: 409, said in Vietnamese.
  await p.selectOption("#n-head", "nghe-an");
  await p.selectOption("#n-deputy", "ha-tinh");
  await p.click("form#next-year button[type=submit]");
  await p.waitForSelector("#next-refused");
  assert.match(await p.locator("#next-refused").innerText(), /^Mã giao ước này đã có/);

  // An id that is no id: the server's 400, beside the field.
  await p.fill("#n-compactId", "Cụm 6 năm sau");
  await p.click("form#next-year button[type=submit]");
  await p.waitForFunction(() => document.querySelector('.error[data-for="compactId"]')?.textContent.includes("máy chủ không nhận"));
  await p.screenshot({ path: `${shots}/next-year-refused.png`, fullPage: true });

  // The deputy the head's unit: refused before sending.
  await p.selectOption("#n-deputy", "nghe-an");
  await p.click("form#next-year button[type=submit]");
  assert.match(await p.locator('.error[data-for="deputy"]').innerText(), /Cụm phó phải là đơn vị khác cụm trưởng/);

  const id = `nam-sau-${Date.now().toString(36)}`; // its own id on every run against the same host
  await p.fill("#n-compactId", id);
  await p.selectOption("#n-deputy", "ha-tinh");
  const posted = p.waitForResponse((res) => res.request().method() === "POST" && res.url().endsWith("/compacts/cum6-2024/next"));
  await p.click("form#next-year button[type=submit]");
  assert.equal((await posted).status(), 201);
  await p.waitForSelector("#next-created");
  assert.match(await p.locator("#next-created").innerText(), new RegExp(`Đã lập dự thảo ${id} \\(năm 2025, cụm trưởng Công an tỉnh Nghệ An\\)[\\s\\S]*ngày ký`));

  await p.goto(`${base}/`);
  await p.waitForSelector(`a[href="#/next/${id}"]`);
  const legend = p.locator("fieldset legend", { has: p.locator('[data-status="draft"]') });
  assert.ok(await legend.count() >= 1, "a draft's title carries the draft badge");
  assert.equal(await p.locator('a[href="#/next/cum6-2025"]').locator("xpath=ancestor::fieldset").locator('[data-status="draft"]').count(), 0); // activated by the demo
  await p.screenshot({ path: `${shots}/next-year-list.png`, fullPage: true });

  await p.click(`a[href="#/next/${id}"]`);
  await p.waitForSelector("#draft-missing");
  assert.match(await p.locator("#draft-missing").innerText(), /Còn thiếu:[\s\S]*ngày ký[\s\S]*số liệu gốc của “Kéo giảm tội phạm về trật tự xã hội ít nhất 5% so với năm 2023” cho Công an tỉnh Thanh Hóa/);
  assert.equal(await p.locator("form#next-year").count(), 0); // next year is made from an active compact
  await p.screenshot({ path: `${shots}/next-year-draft.png`, fullPage: true });
});

// What the browser test files share: where the portal is, where screenshots go, headless Debian Chromium
// (playwright-core; CHROMIUM names another Chromium-based browser), a page signed in as a development principal, and a call
// of the API as a principal (to set up what a test needs, or check what the page did).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const base = process.env.PORTAL_URL ?? "http://127.0.0.1:7071";
export const shots = process.env.PORTAL_SCREENSHOTS ?? "artifacts/screenshots";
mkdirSync(shots, { recursive: true });

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** A new page of its own context, signed in with the "Đăng nhập thử" box's principal; mobile: a 390 px wide phone. */
export async function pageOf(browser, user, { admin = false, mobile = false } = {}) {
  const context = await browser.newContext(mobile ? { viewport: { width: 390, height: 844 }, isMobile: true } : { viewport: { width: 1100, height: 900 } });
  await context.addInitScript(([u, a]) => { localStorage.setItem("user", u); localStorage.setItem("admin", a ? "1" : "0"); }, [user, admin]);
  return context.newPage();
}

/**
 * A call of the API as `who` (an X-MS-CLIENT-PRINCIPAL value): { status, json (a JSON answer's), text }; with `expected`, a
 * status not among them fails the test with the answer.
 */
export async function call(method, path, who, body, expected) {
  const headers = { "x-ms-client-principal": who };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (expected) assert.ok(expected.includes(response.status), `${method} ${path} -> ${response.status}: ${text}`);
  return { status: response.status, json: text && (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : null, text };
}

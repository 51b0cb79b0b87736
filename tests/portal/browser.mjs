// What the browser test files share: where the portal is, where screenshots go, headless Debian Chromium
// (playwright-core; CHROMIUM names another Chromium-based browser), and a page signed in as a development principal.
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

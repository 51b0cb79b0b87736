// Browser tests of the reference portal: headless Debian Chromium driven by playwright-core, against the development host
// with Azurite and the demo data (scripts/test.sh starts them and sets PORTAL_URL). Screenshots go to PORTAL_SCREENSHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { base, launch, pageOf, shots } from "./browser.mjs";

let browser;

before(async () => {
  browser = await launch();
});

after(async () => browser?.close());

/** The number of revisions, once the list has loaded. */
async function revisionCount(p) {
  await p.waitForSelector("#revisions[data-count]");
  return Number(await p.locator("#revisions").getAttribute("data-count"));
}

const page = (user, options) => pageOf(browser, user, options);

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
  const refusal = await p.locator("#rejected").innerText();
  assert.match(refusal, /^Bạn không có quyền thực hiện việc này\./); // in Vietnamese, with the server's detail beneath
  assert.match(refusal, /Only reporters of 'nghe-an'/);
  await p.screenshot({ path: `${shots}/report-refused.png`, fullPage: true });
});

test("a value above the server's limit is refused on the page, in Vietnamese", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn");
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  await p.fill("#f-crime-reduction", "1e13"); // the server takes quantities up to 10^12
  await p.fill("#f-charity-houses", "2000000000"); // and counts up to 10^9
  await p.click("#report button[type=submit]");
  assert.equal(await p.locator('.error[data-for="values.crime-reduction"]').innerText(), "Không quá 1.000.000.000.000.");
  assert.equal(await p.locator('.error[data-for="values.charity-houses"]').innerText(), "Không quá 1.000.000.000.");
});

test("a value with more digits than the server keeps is refused on the page, not rounded", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn");
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  const revisions = await revisionCount(p);
  await p.fill("#f-crime-reduction", "1180.0999999999999"); // a JavaScript number would silently make this 1180.1
  await p.click("#report button[type=submit]");
  assert.equal(await p.locator('.error[data-for="values.crime-reduction"]').innerText(),
    "Tối đa 15 chữ số có nghĩa và 6 chữ số sau dấu thập phân.");
  assert.equal(await revisionCount(p), revisions);
});

test("a field error from the server's problem details is shown beside that field, in Vietnamese", async () => {
  const p = await page("can-bo@nghe-an.congan.gov.vn");
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector("form#report");
  const revisions = await revisionCount(p);
  // A rule only the server knows: the request leaves the page valid and reaches the server with a value it refuses.
  await p.route("**/api/compacts/cum6-2024/reports/2024-06/nghe-an", async (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    const body = JSON.parse(route.request().postData());
    body.values["crime-reduction"] = 1e13;
    return route.continue({ postData: JSON.stringify(body) });
  });
  await p.fill("#f-crime-reduction", "1180");
  await p.click("#report button[type=submit]");
  await p.waitForSelector("#rejected");
  const beside = await p.locator('.error[data-for="values.crime-reduction"]').innerText();
  assert.match(beside, /^Máy chủ không nhận giá trị này; ô này nhận số từ 0 đến 1\.000\.000\.000\.000\./);
  assert.match(beside, /A quantitative value must be a number from 0 to 10\^12\./); // the server's words, beneath
  assert.match(await p.locator("#rejected").innerText(), /^Dữ liệu chưa hợp lệ\./);
  await p.unrouteAll();
  assert.equal(await revisionCount(p), revisions);
  await p.screenshot({ path: `${shots}/report-server-field-error.png`, fullPage: true });
});

test("the standings board shows the ranked units, the not-ranked one last, the badge, the chart, and downloads the CSV and the Excel workbook", async () => {
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
  // Ninh Bình's confirmed figures (one charity house fewer than reported) rank it below Nghệ An.
  assert.deepEqual(june, ["thanh-hoa", "ha-tinh", "nghe-an", "ninh-binh", "quang-binh"]);
  assert.match(await p.locator("tr.not-ranked").innerText(), /Không xếp hạng/);
  // The demo leaves Nghệ An's June report waiting for review, so June is not final yet.
  assert.equal(await p.locator("#status").innerText(), "Tạm tính");
  assert.equal(await p.locator("#final-pending").innerText(), "Chưa chốt: còn báo cáo chưa được xác nhận.");
  assert.equal(await p.locator("#basis").innerText(), "Cơ sở: 3 đã xác nhận, 1 chờ thẩm định, 0 đã trả lại, 1 chưa gửi.");
  assert.match(await p.locator('table#standings tr[data-unit="nghe-an"]').innerText(), /chờ thẩm định/);
  assert.equal(await p.locator("#chart .bar").count(), 4);
  const download = p.waitForEvent("download");
  await p.click("#csv");
  assert.equal((await download).suggestedFilename(), "cum6-2024-2024-06-standings.csv");
  const workbook = p.waitForEvent("download");
  await p.click("#xlsx");
  const saved = await workbook;
  assert.equal(saved.suggestedFilename(), "cum6-2024-2024-06-standings.xlsx");
  const bytes = readFileSync(await saved.path());
  assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK"); // a zip package: the workbook the API wrote
  await p.screenshot({ path: `${shots}/standings.png`, fullPage: true });
});

test("the secretariat reads the month's reminder mails in the mail ledger; a reporter is refused", async () => {
  // seed-demo.mjs loads a compact of the current year due tomorrow, and its reminder run mails about last month's reports.
  const local = new Date(Date.now() + 7 * 3600 * 1000);
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const [compactId, period] = [`cum6-${last.getUTCFullYear()}`, `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`];
  const admin = Buffer.from(JSON.stringify({ auth_typ: "aad", claims: [{ typ: "preferred_username", val: "thu-ky@cum6.bocongan.gov.vn" }, { typ: "roles", val: "Compacts.Admin" }] })).toString("base64");
  const ledger = await (await fetch(`${base}/api/compacts/${compactId}/mail/${period}`, { headers: { "x-ms-client-principal": admin } })).json();
  assert.ok(ledger.mails.length > 0, "the demo's reminder run sent mail for last month");

  const p = await page("thu-ky@cum6.bocongan.gov.vn", { admin: true });
  await p.goto(`${base}/`);
  await p.click(`a[href="#/mail/${compactId}/${period}"]`);
  await p.waitForSelector("table#mail");
  const rows = await p.locator("table#mail tbody tr").evaluateAll((trs) => trs.map((r) => `${r.dataset.kind} ${r.dataset.unit} ${r.dataset.state}`));
  assert.deepEqual(rows, ledger.mails.map((m) => `${m.kind} ${m.unitId} ${m.state}`));
  const first = p.locator("table#mail tbody tr").first();
  assert.match(await first.innerText(), /(Nhắc trước hạn \d+ ngày|Báo quá hạn|Tổng hợp gửi cụm trưởng)/);
  assert.match(await first.innerText(), /Đã gửi/);
  await p.screenshot({ path: `${shots}/mail-ledger.png`, fullPage: true });

  const reporter = await page("can-bo@nghe-an.congan.gov.vn", { mobile: true });
  await reporter.goto(`${base}/#/mail/${compactId}/${period}`);
  await reporter.waitForSelector("#refused");
  assert.match(await reporter.locator("#refused").innerText(), /^Bạn không có quyền thực hiện việc này\./);
});

// ---- Signing in with Entra ID (the deployed portal) ----
// The real MSAL library runs in the page; only the identity provider is stood in for, by answering its endpoints on
// login.microsoftonline.com. In front of the API, the route plays App Service Authentication's part: it lets a
// request through only with the bearer token the provider issued, and passes the user on as X-MS-CLIENT-PRINCIPAL.
const entra = { clientId: "0b6c3f0e-7a2d-4a8e-9d0e-3c1f5a7b9d21", tenantId: "6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b" };
const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

async function entraContext(user) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const seen = { authorize: 0, token: 0, apiWithToken: 0, apiWithoutToken: 0, principalFromPage: 0, logout: 0 };
  const accessToken = `access-${Math.random().toString(36).slice(2)}`;
  const authority = `https://login.microsoftonline.com/${entra.tenantId}`;
  let nonce = "";
  await context.route(`${base}/config.js`, (route) => route.fulfill({
    contentType: "text/javascript",
    body: `window.COMPACTS_API = "/api"; window.COMPACTS_AUTH = ${JSON.stringify(entra)};`,
  }));
  await context.route("https://login.microsoftonline.com/**", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS" };
    if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    if (url.pathname.endsWith("/discovery/instance")) {
      return route.fulfill({ headers: cors, json: {
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`, "api-version": "1.1",
        metadata: [{ preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ["login.microsoftonline.com", "login.windows.net"] }],
      } });
    }
    if (url.pathname.endsWith("/.well-known/openid-configuration")) {
      return route.fulfill({ headers: cors, json: {
        issuer: `${authority}/v2.0`, authorization_endpoint: `${authority}/oauth2/v2.0/authorize`, token_endpoint: `${authority}/oauth2/v2.0/token`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`, jwks_uri: `${authority}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"], scopes_supported: ["openid", "profile", "email", "offline_access"],
      } });
    }
    if (url.pathname.endsWith("/oauth2/v2.0/authorize")) {
      seen.authorize++;
      assert.equal(url.searchParams.get("client_id"), entra.clientId);
      assert.match(url.searchParams.get("scope"), new RegExp(`api://${entra.clientId}/user_impersonation`));
      assert.equal(url.searchParams.get("redirect_uri"), `${base}/auth-redirect.html`);
      nonce = url.searchParams.get("nonce") ?? "";
      const answer = new URLSearchParams({ code: "fake-authorization-code", state: url.searchParams.get("state"), client_info: b64url({ uid: "user-oid", utid: entra.tenantId }) });
      const target = url.searchParams.get("response_mode") === "query"
        ? `${url.searchParams.get("redirect_uri")}?${answer}` : `${url.searchParams.get("redirect_uri")}#${answer}`;
      return route.fulfill({ status: 302, headers: { Location: target } });
    }
    if (url.pathname.endsWith("/oauth2/v2.0/token")) {
      seen.token++;
      const form = new URLSearchParams(request.postData() ?? "");
      assert.equal(form.get("code"), "fake-authorization-code");
      assert.ok(form.get("code_verifier"), "PKCE code verifier sent");
      const now = Math.floor(Date.now() / 1000);
      const idToken = [b64url({ alg: "RS256", typ: "JWT", kid: "test" }), b64url({
        aud: entra.clientId, iss: `${authority}/v2.0`, iat: now, nbf: now, exp: now + 3600, tid: entra.tenantId, oid: "user-oid",
        sub: "user-sub", name: "Cán bộ Nghệ An", preferred_username: user, nonce, ver: "2.0",
      }), b64url("not-checked-by-the-browser")].join(".");
      return route.fulfill({ headers: cors, json: {
        token_type: "Bearer", scope: `api://${entra.clientId}/user_impersonation openid profile offline_access`, expires_in: 3599, ext_expires_in: 3599,
        access_token: accessToken, refresh_token: "fake-refresh-token", id_token: idToken, client_info: b64url({ uid: "user-oid", utid: entra.tenantId }),
      } });
    }
    if (url.pathname.endsWith("/oauth2/v2.0/logout")) {
      seen.logout++;
      return route.fulfill({ status: 302, headers: { Location: url.searchParams.get("post_logout_redirect_uri") ?? `${base}/` } });
    }
    return route.fulfill({ status: 404, headers: cors, body: "" });
  });
  await context.route(`${base}/api/**`, (route) => {
    const headers = { ...route.request().headers() };
    if (headers["x-ms-client-principal"]) seen.principalFromPage++;
    if (headers.authorization !== `Bearer ${accessToken}`) {
      seen.apiWithoutToken++;
      return route.fulfill({ status: 401, body: "" }); // Easy Auth's Return401
    }
    seen.apiWithToken++;
    delete headers.authorization;
    const claims = [{ typ: "preferred_username", val: user }, { typ: "name", val: "Cán bộ Nghệ An" }];
    headers["x-ms-client-principal"] = Buffer.from(JSON.stringify({ auth_typ: "aad", claims, name_typ: "name", role_typ: "roles" })).toString("base64");
    return route.continue({ headers });
  });
  return { page: await context.newPage(), seen };
}

test("signed in with Entra ID, the portal calls the API with the user's token and submits as that user", async () => {
  const user = "can-bo@nghe-an.congan.gov.vn";
  const { page: p, seen } = await entraContext(user);
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector(".message.bad");
  assert.match(await p.locator(".message.bad").innerText(), /Bạn chưa đăng nhập\./);
  assert.equal(await p.locator("#signin").isVisible(), false); // no development sign-in box when deployed
  assert.equal(await p.locator("#sign-in").isVisible(), true);

  await p.click("#sign-in"); // to the identity provider, back through auth-redirect.html, then to the page it started on
  await p.waitForSelector("form#report");
  assert.equal(await p.locator("#account-name").innerText(), "Xin chào, Cán bộ Nghệ An");
  assert.equal(new URL(p.url()).hash, "#/report/cum6-2024/2024-06/nghe-an");
  const before = await revisionCount(p);
  for (const input of await p.locator("#report input[type=number][required]").all()) {
    await input.fill("3");
  }
  await p.click("#report button[type=submit]");
  await p.waitForSelector("#saved");
  await p.waitForFunction((n) => document.querySelector("#revisions")?.dataset.count === String(n + 1), before);
  assert.match(await p.locator("#revisions li").last().innerText(), new RegExp(user.replace(/\./g, "\\.")));
  await p.screenshot({ path: `${shots}/entra-signed-in.png`, fullPage: true });
  assert.deepEqual([seen.authorize, seen.token, seen.principalFromPage], [1, 1, 0]);
  assert.ok(seen.apiWithToken >= 4, `calls with the token: ${seen.apiWithToken}`);

  await p.click("#sign-out");
  await p.waitForSelector("#sign-in:not([hidden])");
  assert.equal(seen.logout, 1);
  await p.goto(`${base}/#/report/cum6-2024/2024-06/nghe-an`);
  await p.waitForSelector(".message.bad");
  assert.match(await p.locator(".message.bad").innerText(), /Bạn chưa đăng nhập\./);
});

test("the MSAL files the portal serves are the ones package.json pins", () => {
  const root = new URL("../../", import.meta.url);
  for (const [served, pinned] of [
    ["portal/vendor/msal-browser.min.js", "node_modules/@azure/msal-browser/lib/msal-browser.min.js"],
    ["portal/vendor/msal-redirect-bridge.min.js", "node_modules/@azure/msal-browser/lib/redirect-bridge/msal-redirect-bridge.min.js"],
  ]) {
    assert.ok(readFileSync(new URL(served, root)).equals(readFileSync(new URL(pinned, root))), `${served} differs from ${pinned}: copy it again`);
  }
});

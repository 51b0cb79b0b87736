// Who the portal calls the API as.
// - Deployed (config.js names the Entra ID app registration in window.COMPACTS_AUTH): the user signs in with MSAL
//   (redirect flow; vendor/ holds @azure/msal-browser, see package.json) and every API call carries
//   "Authorization: Bearer <token for the API>". App Service Authentication in front of the function app validates it
//   and passes the user on as X-MS-CLIENT-PRINCIPAL.
// - Locally (no COMPACTS_AUTH): the "Đăng nhập thử" box builds that X-MS-CLIENT-PRINCIPAL header itself, as the
//   development host has no Easy Auth in front of it.
const config = window.COMPACTS_AUTH?.clientId ? window.COMPACTS_AUTH : null;
let client = null;
let account = null;
let scopes = [];

export const usesEntra = config !== null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: () => reject(new Error(`${src} không tải được`)) });
    document.head.append(script);
  });
}

/** Completes a sign-in that is coming back from Entra ID, and remembers the signed-in account. */
export async function start() {
  if (!usesEntra) return;
  await loadScript(new URL("vendor/msal-browser.min.js", document.baseURI).href);
  const msal = window.msal;
  scopes = [config.scope ?? `api://${config.clientId}/user_impersonation`];
  client = new msal.PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId ?? "organizations"}`,
      redirectUri: new URL("auth-redirect.html", document.baseURI).href,
      postLogoutRedirectUri: new URL("./", document.baseURI).href,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await client.initialize();
  const result = await client.handleRedirectPromise();
  account = result?.account ?? client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
  if (account) client.setActiveAccount(account);
}

/** The signed-in user's display name (Entra ID), or null. */
export function signedInAs() {
  return account ? account.name || account.username : null;
}

/** The caller's user id as the API reads it (its preferred_username, A-Z lower-cased), or null when nobody is signed in. */
export function userId() {
  const name = usesEntra ? account?.username : localStorage.getItem("user");
  return name ? name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase()) : null;
}

export function signIn() {
  return client.loginRedirect({ scopes, redirectStartPage: location.href });
}

export function signOut() {
  return client.logoutRedirect({ account });
}

/** Headers that say who is calling: the bearer token (Entra ID) or the development principal. */
export async function callerHeaders() {
  if (!usesEntra) {
    const principal = developmentPrincipal();
    return principal ? { "X-MS-CLIENT-PRINCIPAL": principal } : {};
  }
  if (!account) return {};
  try {
    const token = await client.acquireTokenSilent({ scopes, account });
    return { Authorization: `Bearer ${token.accessToken}` };
  } catch (error) {
    if (error instanceof window.msal.InteractionRequiredAuthError) {
      await client.acquireTokenRedirect({ scopes, account }); // leaves the page; the call is made again on return
    }
    throw error;
  }
}

function developmentPrincipal() {
  const user = localStorage.getItem("user");
  if (!user) return null;
  const claims = [{ typ: "preferred_username", val: user }];
  if (localStorage.getItem("admin") === "1") claims.push({ typ: "roles", val: "Compacts.Admin" });
  return btoa(unescape(encodeURIComponent(JSON.stringify({ auth_typ: "aad", claims, name_typ: "name", role_typ: "roles" }))));
}

// The X-MS-CLIENT-PRINCIPAL header App Service Authentication passes on (base64 of its JSON), for scripts and tests that
// call a host without Easy Auth in front (the development host, `func start`).
export const principal = (user, roles = []) => Buffer.from(JSON.stringify({
  auth_typ: "aad",
  claims: [{ typ: "preferred_username", val: user }, ...roles.map((r) => ({ typ: "roles", val: r }))],
  name_typ: "name",
  role_typ: "roles",
})).toString("base64");

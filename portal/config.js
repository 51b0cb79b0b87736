// Where the API is, and how users sign in. Locally the development host serves the portal and the API together ("/api")
// and there is no Entra ID sign-in. When the portal is a Static Web App, azd writes this file at deployment (azure.yaml's
// prepackage hook): the function app's URL and the Entra ID app registration ({ clientId, tenantId }).
window.COMPACTS_API = window.COMPACTS_API ?? "/api";
window.COMPACTS_AUTH = window.COMPACTS_AUTH ?? null;

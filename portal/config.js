// Where the API is. Locally the development host serves the portal and the API together ("/api"); when the portal is a
// Static Web App, azd writes the function app's URL here at deployment (see azure.yaml's prepackage hook).
window.COMPACTS_API = window.COMPACTS_API ?? "/api";

using Microsoft.Extensions.Configuration;

namespace Compacts.Functions.Auth;

/// <summary>Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// In Azure: App Service Authentication must be in front. If it is not (App Service then does not set WEBSITE_AUTH_ENABLED),
    /// a client could send its own X-MS-CLIENT-PRINCIPAL, so every request is refused rather than trusted.
    /// </summary>
    public bool ExpectEasyAuth { get; set; }
}

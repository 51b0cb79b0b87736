namespace Compacts.Domain.Reminders;

/// <summary>
/// The portal pages mails link to, by the portal's hash routes: a unit's report form <c>#/report/{compactId}/{period}/{unitId}</c>,
/// the standings <c>#/standings/{compactId}/{period}</c>, the review queue <c>#/reviews/{compactId}/{period}</c> and a review
/// page <c>#/review/{compactId}/{period}/{unitId}</c> and a ballot's page <c>#/ballot/{compactId}/{ballotId}</c>, each after the portal's address.
/// </summary>
public sealed class PortalLinks
{
    private readonly Uri _portal;

    /// <param name="portal">The portal's address, absolute http(s), e.g. <c>https://thidua.example.gov.vn/</c>; a fragment it carries is replaced.</param>
    public PortalLinks(Uri portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        if (!IsPortalAddress(portal))
        {
            throw new ArgumentException($"The portal's address must be an absolute http or https URL: '{portal}'.", nameof(portal));
        }

        _portal = portal;
    }

    public Uri Portal => _portal;

    /// <summary>An absolute http or https URL (the check of the <c>PortalBaseUrl</c> setting).</summary>
    public static bool IsPortalAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsPortalAddress(uri);

    public static bool IsPortalAddress(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    public Uri Report(string compactId, Period period, string unitId) => Page("report", compactId, period.ToString(), unitId);

    public Uri Standings(string compactId, Period period) => Page("standings", compactId, period.ToString());

    public Uri ReviewQueue(string compactId, Period period) => Page("reviews", compactId, period.ToString());

    public Uri Review(string compactId, Period period, string unitId) => Page("review", compactId, period.ToString(), unitId);

    /// <summary>A ballot's page: <c>#/ballot/{compactId}/{ballotId}</c> (cast the unit's ballot; after the close, the result).</summary>
    public Uri Ballot(string compactId, string ballotId) => Page("ballot", compactId, ballotId);

    private Uri Page(params string[] route) =>
        new UriBuilder(_portal) { Fragment = "/" + string.Join('/', route.Select(Uri.EscapeDataString)) }.Uri;
}

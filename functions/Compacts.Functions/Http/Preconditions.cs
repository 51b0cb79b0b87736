using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Http;

/// <summary>
/// A PUT's <c>If-Match</c> and <c>If-None-Match</c> (RFC 9110 §13.1.1, §13.1.2), evaluated against the resource's current
/// ETag (null: it does not exist). A header that is not "*" or a list of entity tags matches nothing. ETags here are the
/// storage's weak ETags, so both headers compare weakly (the opaque tags are equal).
/// </summary>
public sealed record Preconditions(StringValues IfMatch, StringValues IfNoneMatch)
{
    public static Preconditions From(HttpRequest request) => new(request.Headers.IfMatch, request.Headers.IfNoneMatch);

    public bool Any => IfMatch.Count > 0 || IfNoneMatch.Count > 0;

    /// <summary>Whether the PUT may go ahead on a resource whose current ETag is <paramref name="currentETag"/>.</summary>
    public bool HoldFor(string? currentETag)
    {
        if (IfMatch.Count > 0 && (currentETag is null || !Matches(IfMatch, currentETag)))
        {
            return false;
        }

        return IfNoneMatch.Count == 0 || currentETag is null || !Matches(IfNoneMatch, currentETag);
    }

    private static bool Matches(StringValues header, string currentETag)
    {
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any))
            || (EntityTagHeaderValue.TryParse(currentETag, out var current) && tags.Any(t => t.Compare(current, useStrongComparison: false)));
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Compacts.Domain;

/// <summary>
/// Which time zone names a compact may carry: canonical IANA zone ids only, spelled exactly (the system's list of zones,
/// plus the fixed-offset <c>Etc/…</c> zones). Not a directory of the zone database ("Asia", "posix"), not a file that is
/// no zone ("localtime", "Factory"), not a case or path variant ("asia/ho_chi_minh", "Asia//Ho_Chi_Minh").
/// </summary>
public static class TimeZoneIds
{
    private static readonly System.Buffers.SearchValues<char> EtcNameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-");

    private static readonly Lazy<HashSet<string>> Known = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).ToHashSet(StringComparer.Ordinal));

    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (id is not { Length: > 0 and <= 64 } || !(Known.Value.Contains(id) || IsEtcZone(id)))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
            or IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The lookup is case-insensitive once a zone is cached; the id must be the zone's own spelling.
        if (!string.Equals(zone.Id, id, StringComparison.Ordinal))
        {
            zone = null;
            return false;
        }

        return true;
    }

    /// <summary><c>Etc/UTC</c>, <c>Etc/GMT-7</c>…: one name under Etc, of letters, digits, '+' and '-'.</summary>
    private static bool IsEtcZone(string id) =>
        id.StartsWith("Etc/", StringComparison.Ordinal) && id.Length > 4
        && id.AsSpan(4).IndexOfAnyExcept(EtcNameChars) < 0;
}

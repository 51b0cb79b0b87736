using System.Globalization;

namespace Compacts.Domain.Reminders;

/// <summary>
/// Instants as the mails write them: the local time in the compact's zone, then the zone in Vietnamese words —
/// <c>17:00 ngày 05/02/2024 (giờ Việt Nam)</c> in Asia/Ho_Chi_Minh (or its alias Asia/Saigon); in any other zone the
/// UTC offset at that instant, <c>(giờ UTC+09:00)</c>, never the zone's id.
/// </summary>
public static class VietnameseTime
{
    private static readonly HashSet<string> VietnamZones = new(["Asia/Ho_Chi_Minh", "Asia/Saigon"], StringComparer.Ordinal);

    /// <summary><c>HH:mm ngày dd/MM/yyyy (giờ …)</c>.</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:HH:mm} ngày {local:dd/MM/yyyy} ({ZoneWords(zone, local.Offset)})");
    }

    /// <summary><c>HH:mm dd/MM/yyyy</c> local, for a subject line.</summary>
    public static string ForSubject(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
    }

    private static string ZoneWords(TimeZoneInfo zone, TimeSpan offset) =>
        VietnamZones.Contains(zone.Id)
            ? "giờ Việt Nam"
            : string.Create(CultureInfo.InvariantCulture, $"giờ UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");
}

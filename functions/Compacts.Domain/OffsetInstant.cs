using System.Globalization;
using System.Text.RegularExpressions;

namespace Compacts.Domain;

/// <summary>An instant as clients write it: ISO 8601 with seconds optional and a UTC offset required (a bare local time is ambiguous).</summary>
public static partial class OffsetInstant
{
    public const string Example = "2024-04-03T09:12:00+07:00";

    /// <summary>The instant in UTC, or null when <paramref name="text"/> is not an ISO 8601 date-time with a UTC offset.</summary>
    public static DateTimeOffset? TryParse(string? text) =>
        text is not null && Pattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.ToUniversalTime()
            : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

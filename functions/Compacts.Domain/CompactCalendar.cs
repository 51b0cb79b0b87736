using System.Diagnostics.CodeAnalysis;

namespace Compacts.Domain;

/// <summary>Turns a compact's local reporting rules into UTC instants: due(m), the start of a period, finality.</summary>
public sealed class CompactCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly ReportingRules _rules;

    public CompactCalendar(Compact compact)
        : this(compact.TimeZone, compact.Year, compact.Reporting)
    {
    }

    /// <remarks>
    /// Lenient on purpose: a compact stored before time zones had to be canonical ids (an alias such as "Asia/Saigon") still has a
    /// calendar; only new compacts are held to <see cref="TryFindTimeZone"/>.
    /// </remarks>
    public CompactCalendar(string timeZone, int year, ReportingRules rules)
    {
        _zone = TryFindTimeZone(timeZone, out var zone) ? zone : FindStoredZone(timeZone);
        _rules = rules;
        Year = year;
    }

    public int Year { get; }

    public TimeZoneInfo Zone => _zone;

    public ReportingRules Rules => _rules;

    /// <summary>A canonical IANA zone id only (<see cref="TimeZoneIds"/>).</summary>
    public static bool TryFindTimeZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone) => TimeZoneIds.TryFind(id, out zone);

    private static TimeZoneInfo FindStoredZone(string timeZone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone), ex);
        }
    }

    public bool IsInYear(Period period) => period.Year == Year;

    /// <summary>due(m): <c>dueDay</c> of month m+1 at <c>dueTime</c>, local time.</summary>
    public DateTimeOffset DueInstant(Period period)
    {
        var next = period.Next;
        return ToUtc(new DateTime(next.Year, next.Month, _rules.DueDay) + _rules.DueTime.ToTimeSpan());
    }

    /// <summary>The first instant of the period's month in the compact's time zone.</summary>
    public DateTimeOffset PeriodStart(Period period) => ToUtc(new DateTime(period.Year, period.Month, 1));

    public DateTimeOffset FinalizeInstant(Period period) => DueInstant(period).AddDays(_rules.FinalizeAfterDays);

    /// <summary>A report is late when its first revision was received after the due instant (at the instant itself it is on time).</summary>
    public bool IsLate(Period period, DateTimeOffset firstReceivedAt) => firstReceivedAt > DueInstant(period);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The compact's local date at <paramref name="instant"/> (the date a document is dated).</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// A local time as an instant, by iCalendar's rule (RFC 5545 §3.3.5): a time inside a daylight-saving gap is read with the offset
    /// in force before the gap, and a time that occurs twice is its first occurrence.
    /// </summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        TimeSpan offset;
        if (_zone.IsInvalidTime(local))
        {
            var before = local;
            do
            {
                before = before.AddMinutes(-1);
            }
            while (_zone.IsInvalidTime(before));

            offset = _zone.GetUtcOffset(before);
        }
        else if (_zone.IsAmbiguousTime(local))
        {
            offset = _zone.GetAmbiguousTimeOffsets(local).Max(); // the larger offset is the earlier instant
        }
        else
        {
            offset = _zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}

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

    public CompactCalendar(string timeZone, int year, ReportingRules rules)
    {
        if (!TryFindTimeZone(timeZone, out var zone))
        {
            throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone));
        }

        _zone = zone;
        _rules = rules;
        Year = year;
    }

    public int Year { get; }

    public TimeZoneInfo Zone => _zone;

    public ReportingRules Rules => _rules;

    /// <summary>A canonical IANA zone id only (<see cref="TimeZoneIds"/>).</summary>
    public static bool TryFindTimeZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone) => TimeZoneIds.TryFind(id, out zone);

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

    private DateTimeOffset ToUtc(DateTime local)
    {
        // A local time skipped by a DST change does not exist; take the instant just after the gap.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = _zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}

namespace Compacts.Domain.Reminders;

/// <summary>What every mail of a compact needs besides its own facts: the compact and its id, the units' names, the portal.</summary>
public sealed record MailContext(string CompactId, Compact Compact, IReadOnlyDictionary<string, string> UnitNames, PortalLinks Portal)
{
    /// <summary>The unit's name, or its id when the directory has none.</summary>
    public string NameOf(string unitId) => UnitNames.TryGetValue(unitId, out var name) ? name : unitId;

    /// <summary>The criterion's title, or its id when the compact no longer has it.</summary>
    public string TitleOf(string criterionId) => Compact.AllCriteria().FirstOrDefault(c => c.Id == criterionId)?.Title ?? criterionId;

    public CompactCalendar Calendar { get; } = new(Compact);

    /// <summary>An instant in the compact's zone, in words (<see cref="VietnameseTime.Instant"/>).</summary>
    public string Time(DateTimeOffset instant) => VietnameseTime.Instant(instant, Calendar.Zone);

    /// <summary>An instant in the compact's zone, short, for a subject line.</summary>
    public string SubjectTime(DateTimeOffset instant) => VietnameseTime.ForSubject(instant, Calendar.Zone);

    /// <summary>"báo cáo kết quả thực hiện {compact} tháng m/yyyy".</summary>
    public string ReportOf(Period period) => $"báo cáo kết quả thực hiện {Compact.Title} tháng {period.Month}/{period.Year}";
}

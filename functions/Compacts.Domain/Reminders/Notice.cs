using System.Globalization;

namespace Compacts.Domain.Reminders;

/// <summary>A mail that is due: for a compact, month and unit (for the head's summary, the head unit).</summary>
public sealed record Notice(NoticeKind Kind, Period Period, string UnitId, int DaysBefore = 0)
{
    /// <summary>The ledger key's kind: remind3, remind1, overdue, summary, final.</summary>
    public string KindKey => Kind switch
    {
        NoticeKind.Reminder => string.Create(CultureInfo.InvariantCulture, $"remind{DaysBefore}"),
        NoticeKind.Overdue => "overdue",
        NoticeKind.HeadSummary => "summary",
        _ => "final",
    };
}

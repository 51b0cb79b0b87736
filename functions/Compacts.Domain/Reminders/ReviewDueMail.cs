namespace Compacts.Domain.Reminders;

/// <summary><c>reviewDue</c>, to the reviewers' unit: the reports of the month that have waited at least <paramref name="ReviewDays"/> × 24 h. Once per reviewer unit and month.</summary>
public sealed record ReviewDueMail(Period Period, string UnitId, int ReviewDays, IReadOnlyList<WaitingReport> Reports) : ReviewMail(Period, UnitId)
{
    public override string KindKey => "reviewDue";
}

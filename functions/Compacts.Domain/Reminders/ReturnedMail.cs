namespace Compacts.Domain.Reminders;

/// <summary>
/// <c>returned</c>, to the unit, after a return commits: the reviewer's comment, the reasons per criterion (criterion id →
/// reason), and the explanation deadline, <paramref name="ReturnedAt"/> + <paramref name="ExplainDays"/> × 24 h. Once per review.
/// </summary>
public sealed record ReturnedMail(
    Period Period, string UnitId, string ReviewId, int Revision, string Comment, IReadOnlyDictionary<string, string> Reasons,
    DateTimeOffset ReturnedAt, int ExplainDays) : ReviewMail(Period, UnitId)
{
    public override string KindKey => PerItem("returned", ReviewId);

    public DateTimeOffset ExplainBy => ReviewReminderPolicy.ExplainDeadline(ReturnedAt, ExplainDays);
}

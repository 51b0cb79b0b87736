namespace Compacts.Domain.Reminders;

/// <summary><c>explainDue</c>, to the unit: a return not answered <paramref name="ExplainDays"/> × 24 h after <paramref name="ReturnedAt"/>. Once per review.</summary>
public sealed record ExplainDueMail(Period Period, string UnitId, string ReviewId, DateTimeOffset ReturnedAt, int ExplainDays) : ReviewMail(Period, UnitId)
{
    public override string KindKey => PerItem("explainDue", ReviewId);

    public DateTimeOffset ExplainBy => ReviewReminderPolicy.ExplainDeadline(ReturnedAt, ExplainDays);
}

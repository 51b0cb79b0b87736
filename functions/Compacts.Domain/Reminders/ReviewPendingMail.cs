namespace Compacts.Domain.Reminders;

/// <summary><c>reviewPending</c>, to the head: at the finalize instant of a month whose compact requires review, the present reports not yet confirmed. Once per month.</summary>
public sealed record ReviewPendingMail(Period Period, string UnitId, IReadOnlyList<PendingReport> Reports) : ReviewMail(Period, UnitId)
{
    public override string KindKey => "reviewPending";
}

namespace Compacts.Domain.Reminders;

/// <summary>
/// A compact's review settings as the review reminders read them (docs/review.md, "Compact settings"): whether a month is final
/// only once every present report is confirmed, the days a report may wait for review and a return for its answer, and the
/// deputy unit that reviews the head's reports (none: nobody is reminded about them).
/// </summary>
public sealed record ReviewTerms(bool Required, int ReviewDays, int ExplainDays, string? DeputyUnitId)
{
    /// <summary>The defaults of a compact written before review: not required, 10 and 5 days, no deputy.</summary>
    public static readonly ReviewTerms Default = new(false, 10, 5, null);
}

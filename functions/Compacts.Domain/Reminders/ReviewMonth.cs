namespace Compacts.Domain.Reminders;

/// <summary>One month of a compact as the review reminders see it: whether a final run of it exists (then it is locked), and its present reports.</summary>
public sealed record ReviewMonth(Period Period, bool Final, IReadOnlyList<ReportReviewStatus> Reports);

namespace Compacts.Functions.Reviews;

/// <param name="State">submitted, returned, confirmed, or missing (no report).</param>
/// <param name="WaitingDays">Whole 24-hour periods since <paramref name="SubmittedAt"/> while submitted; otherwise null.</param>
public sealed record ReviewQueueRow(string UnitId, string UnitName, string State, int? Revision, DateTimeOffset? SubmittedAt, int? WaitingDays);

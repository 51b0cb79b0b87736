namespace Compacts.Domain.Reminders;

/// <summary>A report waiting for review: its unit and the whole 24-hour periods it has waited.</summary>
public sealed record WaitingReport(string UnitId, int WaitingDays);

namespace Compacts.Domain.Reminders;

/// <summary>A present report not yet confirmed: its unit and review state (<c>submitted</c> or <c>returned</c>).</summary>
public sealed record PendingReport(string UnitId, string State);

using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary>A present report not yet confirmed: its unit and review state (submitted or returned).</summary>
public sealed record PendingReport(string UnitId, ReviewState State);

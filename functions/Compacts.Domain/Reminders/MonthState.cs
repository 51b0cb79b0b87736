namespace Compacts.Domain.Reminders;

/// <summary>
/// What the policy knows about one month of a compact: who reported, whether its standings are final and, when they are, when
/// the final run was computed.
/// </summary>
public sealed record MonthState(Period Period, IReadOnlySet<string> Reported, bool StandingsFinal, DateTimeOffset? FinalComputedAt = null);

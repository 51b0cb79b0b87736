namespace Compacts.Domain.Reminders;

/// <summary>What the policy knows about one month of a compact.</summary>
public sealed record MonthState(Period Period, IReadOnlySet<string> Reported, bool StandingsFinal);

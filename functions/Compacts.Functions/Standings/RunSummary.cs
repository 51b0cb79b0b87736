namespace Compacts.Functions.Standings;

public sealed record RunSummary(string RunId, DateTimeOffset ComputedAt, RunStatus Status, string Trigger);

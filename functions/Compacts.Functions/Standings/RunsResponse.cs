namespace Compacts.Functions.Standings;

public sealed record RunsResponse(string CompactId, Period Period, IReadOnlyList<RunSummary> Runs);

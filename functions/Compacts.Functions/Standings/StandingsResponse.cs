using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

public sealed record StandingsResponse(
    string CompactId, Period Period, string RunId, DateTimeOffset ComputedAt, RunStatus Status, DateTimeOffset DueAt, DateTimeOffset FinalAt,
    IReadOnlyList<StandingRow> Rows);

using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

/// <summary>A computed standings run: written once, never edited.</summary>
public sealed record StandingsRun(
    string CompactId,
    Period Period,
    string RunId,
    DateTimeOffset ComputedAt,
    RunStatus Status,
    string Trigger,
    string InputsHash,
    IReadOnlyList<StandingRow> Rows,
    RunBasis? Basis = null);

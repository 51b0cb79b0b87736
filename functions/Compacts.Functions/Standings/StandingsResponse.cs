using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

public sealed record StandingsResponse(
    string CompactId, Period Period, string RunId, DateTimeOffset ComputedAt, RunStatus Status, DateTimeOffset DueAt, DateTimeOffset FinalAt,
    IReadOnlyList<StandingRow> Rows)
{
    /// <summary>The counts of the reports' review states when the run was computed (absent on runs written before reviews).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RunBasis? Basis { get; init; }

    /// <summary>"review" while a month that requires review is past its finalize instant but not every report is confirmed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? FinalPending { get; init; }
}

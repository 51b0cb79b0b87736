using System.Text.Json.Serialization;

namespace Compacts.Functions.Http;

/// <summary>An RFC 9457 problem-details body; a review conflict adds the report's <c>state</c> and <c>currentRevision</c> (and <c>missingEvidence</c>); a draft's refusal adds <c>missing</c>.</summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CurrentRevision { get; init; }

    /// <summary>A workbook import refused cell by cell: every cell that cannot be imported, with its sheet, row, column and reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Office.CellProblem>? Cells { get; init; }

    /// <summary>A confirm refused by the required-evidence rule: the criteria whose evidence is missing, in compact order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MissingEvidence { get; init; }

    /// <summary>A write refused on a draft compact: what the compact lacks before it accepts reports (<see cref="Compact.RefusesReports"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Missing { get; init; }
}

using System.Text.Json.Serialization;

namespace Compacts.Functions.Http;

/// <summary>An RFC 9457 problem-details body; a review conflict adds the report's <c>state</c> and <c>currentRevision</c>.</summary>
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
}

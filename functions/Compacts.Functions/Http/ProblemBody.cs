namespace Compacts.Functions.Http;

/// <summary>An RFC 9457 problem-details body.</summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null);

namespace Compacts.Functions.Reviews;

/// <summary>The wire shape of an explanation body, for the OpenAPI document.</summary>
/// <param name="Items">Per criterion the unit's explanation.</param>
public sealed record ExplanationRequestBody(int Revision, string? Comment, IReadOnlyDictionary<string, string>? Items);

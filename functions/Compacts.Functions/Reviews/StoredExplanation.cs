namespace Compacts.Functions.Reviews;

/// <summary>A unit's explanation (giải trình) of a returned revision: immutable once written.</summary>
public sealed record StoredExplanation(
    string ExplanationId,
    int Revision,
    string Comment,
    IReadOnlyDictionary<string, string> Items,
    string ExplainedBy,
    DateTimeOffset ExplainedAt);

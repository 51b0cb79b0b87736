namespace Compacts.Functions.Ballots;

/// <summary>A unit's ballot: 0 to seats distinct candidate ids; [] is a blank ballot.</summary>
public sealed record VoteRequestBody(IReadOnlyList<string?>? Choices);

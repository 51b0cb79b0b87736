namespace Compacts.Functions.Standings;

/// <summary>The pointer to a period's visible run.</summary>
public sealed record LatestRun(string RunId, RunStatus Status, string InputsHash, ETag ETag);

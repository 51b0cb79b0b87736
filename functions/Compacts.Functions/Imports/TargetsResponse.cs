namespace Compacts.Functions.Imports;

/// <summary><c>GET …/targets</c> as JSON: every quantitative criterion's targets, criterion by criterion in compact order.</summary>
public sealed record TargetsResponse(string CompactId, IReadOnlyList<TargetRow> Targets);

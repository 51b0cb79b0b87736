namespace Compacts.Functions.Ballots;

public sealed record BallotsResponse(string CompactId, IReadOnlyList<BallotResponse> Ballots);

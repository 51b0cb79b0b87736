namespace Compacts.Functions.Ballots;

/// <summary>A close: written by this call (<paramref name="Written"/>), or found written already; the ballot after it.</summary>
public sealed record CloseOutcome(bool Written, StoredBallot Ballot);

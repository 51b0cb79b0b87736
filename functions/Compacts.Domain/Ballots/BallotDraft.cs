namespace Compacts.Domain.Ballots;

/// <summary>A ballot as an admin opens it: everything optional, so that every problem is reported by the validator with its field.</summary>
public sealed record BallotDraft(
    string? BallotId,
    string? Title,
    int? Seats,
    IReadOnlyList<string?>? Candidates,
    string? ClosesAt,
    bool? AllowSelfVote,
    NumberLiteral? Threshold);

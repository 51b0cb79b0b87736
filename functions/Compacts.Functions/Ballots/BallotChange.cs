namespace Compacts.Functions.Ballots;

/// <summary>What a change makes of the stored ballot: the ballot to write (null: write nothing) and the answer.</summary>
/// <param name="writeId">The random id this attempt writes with (a vote records it beside its unit on the roll).</param>
/// <param name="tried">The id of the previous attempt, whose replace failed or went unanswered: it may have been stored all the same
/// (storage committed it and the reply was lost), so a unit on the roll with this id was put there by this very request.</param>
public delegate (StoredBallot? After, TOutcome Outcome) BallotChange<TOutcome>(StoredBallot current, string writeId, string? tried);

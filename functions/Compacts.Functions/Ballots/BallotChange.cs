namespace Compacts.Functions.Ballots;

/// <summary>What a change makes of the stored ballot: the ballot to write (null: write nothing) and the answer.</summary>
/// <param name="Uncertain">The store's earlier attempt at this change may have been stored (its reply was lost) and the ballot has since
/// changed again, so the store cannot tell whether it was: the change decides what to answer.</param>
public delegate (StoredBallot? After, TOutcome Outcome) BallotChange<TOutcome>(StoredBallot current, bool uncertain);

namespace Compacts.Functions.Ballots;

/// <summary>What a change makes of the stored ballot: the ballot to write (null: write nothing) and the answer.</summary>
public delegate (StoredBallot? After, TOutcome Outcome) BallotChange<TOutcome>(StoredBallot current);

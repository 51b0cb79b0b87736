using Compacts.Domain.Ballots;
using Compacts.Functions.Compacts;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Ballots;

/// <summary>
/// Opening, voting, closing and reading ballots. A close is written once: by the vote of the electorate's last unit, by an admin, by
/// the timer at closesAt, or by the first read of a ballot whose close is owed (so the result is there from closesAt on, whatever
/// the timer's delay). Nothing here logs, throws or answers anything derived from a unit's choices.
/// </summary>
public sealed partial class BallotService(
    BallotStore store, CompactStore compacts, StandingsStore standings, BallotMails mails, TimeProvider time, ILogger<BallotService> logger)
{
    /// <summary>The ballot opened, or null with the problems (<paramref name="exists"/>: an existing id, 409).</summary>
    public async Task<(StoredBallot? Opened, ValidationErrors Errors, bool Exists)> OpenAsync(
        string compactId, Compact compact, BallotDraft draft, string openedBy, CancellationToken cancellationToken)
    {
        var (ballot, errors) = BallotValidator.Validate(draft, compact, time.GetUtcNow(), openedBy);
        if (ballot is null)
        {
            return (null, errors, false);
        }

        if (!await store.AddAsync(compactId, ballot, cancellationToken))
        {
            return (null, errors, true);
        }

        LogOpened(logger, compactId, ballot.BallotId, ballot.Electorate.Count, ballot.ClosesAt);
        var opened = new StoredBallot(compactId, ballot, BallotTally.Empty(ballot), null, null, null);
        await mails.AfterOpenAsync(compact, opened, cancellationToken);
        return (opened, errors, false);
    }

    /// <summary>
    /// Counts <paramref name="unitId"/>'s ballot: checked against the ballot as stored, in the one replace that stores it. Null: no such ballot.
    /// </summary>
    public async Task<VoteOutcome?> VoteAsync(
        string compactId, Compact compact, string ballotId, string unitId, VoteChoices choices, CancellationToken cancellationToken)
    {
        var receipt = BallotStore.RandomId(); // this request's, on the roll beside its unit: random, so it says nothing of the choices
        var (found, outcome) = await store.ChangeAsync<VoteOutcome>(compactId, ballotId, current =>
        {
            if (current.Tally.HasVoted(unitId))
            {
                // On the roll with our receipt: an attempt of ours was stored and its reply lost.
                return (null, current.VoteIds.GetValueOrDefault(unitId) != receipt ? VoteOutcome.AlreadyVoted
                    : current.Tally.EveryoneVoted(current.Ballot) ? VoteOutcome.CountedLast : VoteOutcome.Counted);
            }

            if (current.IsClosed(time.GetUtcNow()))
            {
                return (null, VoteOutcome.Closed);
            }

            var tally = current.Tally.With(current.Ballot, unitId, choices);
            var after = current with { Tally = tally, VoteIds = new Dictionary<string, string>(current.VoteIds.ToDictionary(), StringComparer.Ordinal) { [unitId] = receipt } };
            return (after, tally.EveryoneVoted(current.Ballot) ? VoteOutcome.CountedLast : VoteOutcome.Counted);
        }, cancellationToken);
        if (!found)
        {
            return null;
        }

        if (outcome == VoteOutcome.CountedLast)
        {
            try
            {
                await CloseAsync(compactId, compact, ballotId, "all-voted", cancellationToken);
            }
            catch (Exception ex) when (StorageFailures.IsTransient(ex))
            {
                // The vote is stored; its answer stays 204. The close is owed: the next read or the timer writes it.
                LogCloseDeferred(logger, compactId, ballotId, ex.GetType().Name);
            }
        }

        return outcome;
    }

    /// <summary>Closes the ballot now (computing its result once) unless it is closed; null: no such ballot.</summary>
    public async Task<CloseOutcome?> CloseAsync(string compactId, Compact compact, string ballotId, string closedBy, CancellationToken cancellationToken)
    {
        var (ranks, runId) = await DecemberRanksAsync(compactId, compact.Year, cancellationToken);
        var (found, outcome) = await store.ChangeAsync<CloseOutcome>(compactId, ballotId, current =>
        {
            if (current.Closed)
            {
                return (null, new CloseOutcome(false, current));
            }

            var closed = current with
            {
                ClosedAt = time.GetUtcNow(),
                ClosedBy = closedBy,
                Result = BallotCount.Compute(current.Ballot, current.Tally, ranks, runId),
            };
            return (closed, new CloseOutcome(true, closed));
        }, cancellationToken);
        if (!found)
        {
            return null;
        }

        if (outcome!.Written)
        {
            var result = outcome.Ballot.Result!;
            LogClosed(logger, compactId, ballotId, closedBy, result.Cast, outcome.Ballot.Ballot.Electorate.Count, result.Elected.Count);
            await mails.AfterCloseAsync(compact, outcome.Ballot, cancellationToken);
        }

        return outcome;
    }

    /// <summary>The ballot as stored, as it is (the route's checks read it before the body).</summary>
    public Task<StoredBallot?> PeekAsync(string compactId, string ballotId, CancellationToken cancellationToken) =>
        store.GetAsync(compactId, ballotId, cancellationToken);

    /// <summary>The ballot read, or closed first when its close is owed (past closesAt, or everyone voted).</summary>
    public async Task<StoredBallot> UpToDateAsync(Compact compact, StoredBallot stored, CancellationToken cancellationToken) =>
        stored.CloseOwed(time.GetUtcNow())
            ? (await CloseAsync(stored.CompactId, compact, stored.Ballot.BallotId, "timer", cancellationToken))?.Ballot ?? stored
            : stored;

    /// <summary>The compact's ballots by id, each closed first when its close is owed.</summary>
    public async Task<IReadOnlyList<StoredBallot>> ListAsync(string compactId, Compact compact, CancellationToken cancellationToken)
    {
        var ballots = new List<StoredBallot>();
        foreach (var stored in await store.ListAsync(compactId, cancellationToken))
        {
            ballots.Add(await UpToDateAsync(compact, stored, cancellationToken));
        }

        return ballots;
    }

    /// <summary>
    /// The timer's work: every open ballot whose close is owed is closed; every ballot open or closed within <see cref="MailDays"/> days
    /// gets the mails it owes and has not sent (the day-before reminder, a send that failed after its commit).
    /// </summary>
    public async Task<int> RunTimerAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var stored in await store.ListForTimerAsync(time.GetUtcNow().AddDays(-MailDays), cancellationToken))
        {
            if ((await compacts.GetAsync(stored.CompactId, cancellationToken))?.Compact is not { } compact)
            {
                continue;
            }

            if (stored.CloseOwed(time.GetUtcNow()))
            {
                closed += (await CloseAsync(stored.CompactId, compact, stored.Ballot.BallotId, "timer", cancellationToken))?.Written == true ? 1 : 0;
            }
            else
            {
                await mails.SendOwedAsync(compact, stored, cancellationToken);
            }
        }

        return closed;
    }

    /// <summary>How long after its close the timer still sends a ballot's result mails that failed.</summary>
    public const int MailDays = 2;

    /// <summary>Each ranked unit's rank in the latest run of December of the compact's year, and that run's id; nulls when there is none.</summary>
    private async Task<(IReadOnlyDictionary<string, int>? Ranks, string? RunId)> DecemberRanksAsync(string compactId, int year, CancellationToken cancellationToken)
    {
        if (await standings.GetLatestRunAsync(compactId, new Period(year, 12), cancellationToken) is not { } run)
        {
            return (null, null);
        }

        return (run.Rows.Where(r => r.Rank is not null).ToDictionary(r => r.UnitId, r => r.Rank!.Value, StringComparer.Ordinal), run.RunId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ballot {CompactId}/{BallotId}: every unit voted, but storage did not answer the close ({Failure}); the timer or the next read closes it")]
    private static partial void LogCloseDeferred(ILogger logger, string compactId, string ballotId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ballot {CompactId}/{BallotId} opened: {Electorate} units vote until {ClosesAt:o}")]
    private static partial void LogOpened(ILogger logger, string compactId, string ballotId, int electorate, DateTimeOffset closesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ballot {CompactId}/{BallotId} closed ({ClosedBy}): {Cast} of {Electorate} cast, {Elected} elected")]
    private static partial void LogClosed(ILogger logger, string compactId, string ballotId, string closedBy, int cast, int electorate, int elected);
}

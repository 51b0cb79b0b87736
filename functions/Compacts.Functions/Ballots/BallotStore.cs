using Compacts.Domain.Ballots;

namespace Compacts.Functions.Ballots;

/// <summary>
/// Ballots: table <c>ballots</c>, PartitionKey compactId, RowKey ballotId; ONE entity per ballot holding its definition, the roll (the
/// units that voted, sorted, each with the random receipt of the request that added it), the blank ballots and the counts (a JSON list of whole numbers in candidate order), and after the close
/// its result. There is no row per voter, no idempotency record, nothing else written by a vote, so the table's own Timestamp and ETag
/// are those of the whole ballot's last change and join no unit to a choice. Every change is a read and a replace with If-Match on the
/// entity's ETag: of two racing votes one is stored and the other reads the ballot again (412) and retries on the new counts, so no
/// vote is lost or counted twice. <c>WriteId</c>, the random id of the last change, tells a change whose reply was lost that it was stored;
/// a vote's receipt on the roll tells its request the same when other changes have followed. The two are drawn apart, so nothing
/// stored says which unit voted last.
/// </summary>
public sealed class BallotStore(Tables tables)
{
    private const int MaxAttempts = 400;

    public async Task<StoredBallot?> GetAsync(string compactId, string ballotId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.BallotsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(compactId, ballotId, cancellationToken: cancellationToken);
        return response.HasValue ? Read(response.Value!) : null;
    }

    /// <summary>The compact's ballots, by id.</summary>
    public async Task<IReadOnlyList<StoredBallot>> ListAsync(string compactId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.BallotsName);
        var ballots = new List<StoredBallot>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == compactId, cancellationToken: cancellationToken))
        {
            ballots.Add(Read(entity));
        }

        return ballots;
    }

    /// <summary>Every ballot not closed yet or closed since <paramref name="closedSince"/>, of every compact (the timer's query; such ballots are few).</summary>
    public async Task<IReadOnlyList<StoredBallot>> ListForTimerAsync(DateTimeOffset closedSince, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.BallotsName);
        var ballots = new List<StoredBallot>();
        var filter = TableClient.CreateQueryFilter($"Closed eq {false} or ClosedAt ge {closedSince}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            ballots.Add(Read(entity));
        }

        return ballots;
    }

    /// <summary>Adds the ballot with an empty tally; false when the compact has a ballot of that id already.</summary>
    public async Task<bool> AddAsync(string compactId, Ballot ballot, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.BallotsName);
        var writeId = RandomId();
        try
        {
            await table.AddEntityAsync(Write(new StoredBallot(compactId, ballot, BallotTally.Empty(ballot), null, null, null), writeId), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Ours, when the reply to our insert was lost and the SDK sent it again.
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(compactId, ballot.BallotId, cancellationToken: cancellationToken);
            return existing.HasValue && existing.Value!.GetString("WriteId") == writeId;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the ballot as stored until it is stored or the change declines; null when there is no such ballot.
    /// </summary>
    public async Task<(bool Found, TOutcome? Outcome)> ChangeAsync<TOutcome>(
        string compactId, string ballotId, BallotChange<TOutcome> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.BallotsName);
        string? tried = null; // the WriteId of our last replace whose outcome we did not see
        TOutcome? triedOutcome = default;
        for (var attempt = 1; ; attempt++)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(compactId, ballotId, cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return (false, default);
            }

            var entity = response.Value!;
            if (tried is not null && entity.GetString("WriteId") == tried)
            {
                return (true, triedOutcome); // stored: its reply was lost
            }

            var (after, outcome) = change(Read(entity));
            if (after is null)
            {
                return (true, outcome);
            }

            var writeId = RandomId();
            try
            {
                await table.UpdateEntityAsync(Write(after, writeId), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return (true, outcome);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another change came first, or ours was stored and its reply lost (the SDK's resend then fails the If-Match).
                (tried, triedOutcome) = (writeId, outcome);
            }
            catch (Exception ex) when (StorageFailures.IsTransient(ex))
            {
                (tried, triedOutcome) = (writeId, outcome); // stored or not: the next read tells, unless another change follows it
            }

            if (attempt >= MaxAttempts)
            {
                throw new TimeoutException($"Ballot {compactId}/{ballotId}: too many concurrent changes.");
            }

            // A real wait, growing with the contention met so far, so that hundreds of simultaneous voters spread out.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (Math.Min(attempt, 20) * 5))), cancellationToken);
        }
    }

    /// <summary>24 random hex digits: write ids and vote receipts.</summary>
    public static string RandomId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private static TableEntity Write(StoredBallot stored, string writeId)
    {
        var (ballot, tally) = (stored.Ballot, stored.Tally);
        return new TableEntity(stored.CompactId, ballot.BallotId)
        {
            ["Title"] = ballot.Title,
            ["Seats"] = ballot.Seats,
            ["Candidates"] = JsonSerializer.Serialize(ballot.Candidates, StorageJson.Options),
            ["ClosesAt"] = ballot.ClosesAt,
            ["AllowSelfVote"] = ballot.AllowSelfVote,
            ["Threshold"] = ballot.Threshold.ToString(CultureInfo.InvariantCulture), // a decimal property reads back as 0
            ["Electorate"] = JsonSerializer.Serialize(ballot.Electorate, StorageJson.Options),
            ["OpenedAt"] = ballot.OpenedAt,
            ["OpenedBy"] = ballot.OpenedBy,
            ["Roll"] = JsonSerializer.Serialize(new SortedDictionary<string, string>(stored.VoteIds.ToDictionary(), StringComparer.Ordinal), StorageJson.Options),
            ["Blank"] = tally.Blank,
            ["Counts"] = JsonSerializer.Serialize(tally.Counts, StorageJson.Options),
            ["Closed"] = stored.Closed,
            ["ClosedAt"] = stored.ClosedAt,
            ["ClosedBy"] = stored.ClosedBy,
            ["Result"] = stored.Result is null ? null : JsonSerializer.Serialize(stored.Result, StorageJson.Options),
            ["WriteId"] = writeId,
        };
    }

    private static StoredBallot Read(TableEntity entity)
    {
        var ballot = new Ballot(
            entity.RowKey,
            entity.GetString("Title") ?? "",
            entity.GetInt32("Seats") ?? 1,
            Strings(entity, "Candidates"),
            entity.GetDateTimeOffset("ClosesAt")!.Value,
            entity.GetBoolean("AllowSelfVote") ?? false,
            decimal.Parse(entity.GetString("Threshold") ?? "0.5", NumberStyles.Number, CultureInfo.InvariantCulture),
            Strings(entity, "Electorate"),
            entity.GetDateTimeOffset("OpenedAt")!.Value,
            entity.GetString("OpenedBy") ?? "");
        var roll = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Roll") ?? "{}", StorageJson.Options)!;
        var tally = new BallotTally(
            [.. roll.Keys.Order(StringComparer.Ordinal)],
            entity.GetInt32("Blank") ?? 0,
            JsonSerializer.Deserialize<int[]>(entity.GetString("Counts") ?? "[]", StorageJson.Options)!);
        var result = entity.GetString("Result") is { } json ? JsonSerializer.Deserialize<BallotResult>(json, StorageJson.Options) : null;
        return new StoredBallot(entity.PartitionKey, ballot, tally, entity.GetDateTimeOffset("ClosedAt"), entity.GetString("ClosedBy"), result)
        {
            VoteIds = roll,
        };
    }

    private static string[] Strings(TableEntity entity, string property) =>
        JsonSerializer.Deserialize<string[]>(entity.GetString(property) ?? "[]", StorageJson.Options)!;
}

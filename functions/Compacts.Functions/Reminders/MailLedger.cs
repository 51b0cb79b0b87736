namespace Compacts.Functions.Reminders;

/// <summary>
/// The mail ledger: table <c>mail</c>, PartitionKey <c>{compactId}_{period}</c>, RowKey <c>{kind}_{unitId}</c>. A mail is recorded
/// as <c>sending</c> before it is sent (insert, or a takeover of a failed or expired claim with the row's ETag, so two runs never
/// both hold it), then marked <c>sent</c> or <c>failed</c>. A failed mail is tried again by a later run.
/// </summary>
public sealed class MailLedger(Tables tables, TimeProvider time, IOptions<ReminderOptions> options)
{
    public async Task<Claim> ClaimAsync(LedgerKey key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        var now = time.GetUtcNow();
        var claimId = Guid.NewGuid().ToString("N"); // tells our own claim (a lost reply, resent by the SDK) from another run's
        try
        {
            var added = await table.AddEntityAsync(Entity(key, "sending", now, 1, claimId), cancellationToken);
            return new Claim.Granted(added.Headers.ETag!.Value, 1);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken)).Value;
            var state = existing.GetString("State");
            var attempts = existing.GetInt32("Attempts") ?? 1;
            if (existing.GetString("ClaimId") == claimId)
            {
                return new Claim.Granted(existing.ETag, attempts); // our insert committed; its reply was lost
            }

            var claimedAt = existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
            if (state == "sent")
            {
                return new Claim.AlreadySent();
            }

            if (attempts >= options.Value.MaxAttempts)
            {
                return new Claim.NotNow($"given up after {attempts} attempts");
            }

            if (state == "sending" && claimedAt.AddMinutes(options.Value.ClaimMinutes) > now)
            {
                return new Claim.NotNow("another run is sending it");
            }

            try
            {
                var updated = await table.UpdateEntityAsync(Entity(key, "sending", now, attempts + 1, claimId), existing.ETag, TableUpdateMode.Merge, cancellationToken);
                return new Claim.Granted(updated.Headers.ETag!.Value, attempts + 1);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 412)
            {
                var current = (await table.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken)).Value;
                return current.GetString("ClaimId") == claimId && current.GetString("State") == "sending"
                    ? new Claim.Granted(current.ETag, attempts + 1) // our takeover committed; its reply was lost
                    : new Claim.NotNow("another run took it");
            }
        }
    }

    public async Task MarkSentAsync(LedgerKey key, ETag claim, string? messageId, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(key.PartitionKey, key.RowKey)
            {
                ["State"] = "sent",
                ["SentAt"] = time.GetUtcNow(),
                ["MessageId"] = messageId,
                ["Recipients"] = string.Join(',', recipients),
            }, claim, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // The update may have committed with its reply lost (the SDK's resend then meets the new ETag): fine if the row says sent.
            if ((await GetAsync(key, cancellationToken))?.GetString("State") != "sent")
            {
                throw;
            }
        }
    }

    public async Task MarkFailedAsync(LedgerKey key, ETag claim, string error, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        await table.UpdateEntityAsync(new TableEntity(key.PartitionKey, key.RowKey)
        {
            ["State"] = "failed",
            ["LastError"] = error.Length > 1000 ? error[..1000] : error,
            ["FailedAt"] = time.GetUtcNow(),
        }, claim, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<TableEntity?> GetAsync(LedgerKey key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every mail of a compact's month (one partition), by kind then unit.</summary>
    public async Task<IReadOnlyList<MailRecord>> ListAsync(string compactId, Period period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        var partition = TableKeys.MonthPartition(compactId, period);
        var records = new List<MailRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            records.Add(new MailRecord(
                entity.GetString("Kind") ?? "",
                entity.GetString("UnitId") ?? "",
                entity.GetString("State") ?? "",
                entity.GetInt32("Attempts") ?? 1,
                entity.GetDateTimeOffset("ClaimedAt"),
                entity.GetDateTimeOffset("SentAt"),
                entity.GetDateTimeOffset("FailedAt"),
                entity.GetString("MessageId"),
                entity.GetString("Recipients") is { Length: > 0 } recipients ? recipients.Split(',') : null,
                entity.GetString("LastError")));
        }

        return records;
    }

    private static TableEntity Entity(LedgerKey key, string state, DateTimeOffset now, int attempts, string claimId) => new(key.PartitionKey, key.RowKey)
    {
        ["ClaimId"] = claimId,
        ["State"] = state,
        ["ClaimedAt"] = now,
        ["Attempts"] = attempts,
        ["Kind"] = key.Kind,
        ["UnitId"] = key.UnitId,
    };
}

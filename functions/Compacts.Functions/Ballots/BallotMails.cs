namespace Compacts.Functions.Ballots;

/// <summary>The ballot mails through the ledger, each once: opened (to each unit), a day before the close (to units that have not voted), the result (to all).</summary>
#pragma warning disable CA1822 // the mails come in a later step
public sealed class BallotMails
{
    public Task AfterOpenAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemindAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterCloseAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace Compacts.Functions.Reminders;

/// <summary>One row of the ledger as the API shows it.</summary>
public sealed record MailRecord(
    string Kind, string UnitId, string State, int Attempts, DateTimeOffset? ClaimedAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt,
    string? MessageId, IReadOnlyList<string>? Recipients, string? LastError);

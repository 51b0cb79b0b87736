namespace Compacts.Functions.Reports;

/// <summary>What a caller asks to store as the next revision.</summary>
/// <param name="ReceivedAtGiven">True when the caller set <paramref name="ReceivedAt"/> (an admin's paper import); false when it
/// is the server's clock, which is then never earlier than the previous revision's (another instance's clock may run ahead).</param>
public sealed record RevisionDraft(
    IReadOnlyDictionary<string, ReportValue> Values,
    string? Note,
    DateTimeOffset ReceivedAt,
    string SubmittedBy,
    bool ReceivedAtGiven = false);

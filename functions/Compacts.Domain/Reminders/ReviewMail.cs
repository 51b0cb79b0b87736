namespace Compacts.Domain.Reminders;

/// <summary>
/// A mail of the review chain (docs/review.md, "Mail"): its month, the unit it goes to, and its ledger kind. The ledger sends
/// one mail per month, kind and unit; a kind that is "per review" or "per event" carries that id (<c>returned-{reviewId}</c>).
/// Compose one with <see cref="MailComposer.Compose(ReviewMail, MailContext)"/>.
/// </summary>
public abstract record ReviewMail(Period Period, string UnitId)
{
    /// <summary>The ledger key's kind: <c>returned-{reviewId}</c>, <c>answered-{answerId}</c>, <c>corrected-{reviewId}</c>, <c>reviewDue</c>, <c>explainDue-{reviewId}</c>, <c>reviewPending</c>.</summary>
    public abstract string KindKey { get; }

    /// <summary><c>{kind}-{id}</c>: the id must be usable in a table key (no <c>/ \ # ?</c>, no control characters, not empty).</summary>
    protected static string PerItem(string kind, string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 200 || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{id}' cannot be part of a ledger key.", nameof(id));
        }

        return $"{kind}-{id}";
    }
}

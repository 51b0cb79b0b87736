using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

public abstract record SubmitOutcome
{
    /// <summary>Stored; <paramref name="ETag"/> is null when a later revision is already current.</summary>
    public sealed record Stored(ReportRevision Revision, string? ETag, ReviewEvent? Event = null) : SubmitOutcome;

    public sealed record Replayed(ReportRevision Revision, string? ETag) : SubmitOutcome;

    /// <summary>Refused by the report rules before anything was read or stored: the errors by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SubmitOutcome;

    public sealed record KeyReusedWithOtherRequest : SubmitOutcome;

    public sealed record PreconditionFailed : SubmitOutcome;

    /// <summary>The review rules refuse a new revision now (a confirmed report of a locked month, or a month being finalized).</summary>
    public sealed record Refused(ReviewState? State, int Revision, string Detail) : SubmitOutcome;

    /// <summary>The given receivedAt is earlier than the current revision's (SCORING.md: receivedAt never goes back).</summary>
    public sealed record ReceivedBeforePrevious(DateTimeOffset Previous) : SubmitOutcome;

    /// <summary>Azure Table storage would refuse the revision (see <see cref="TableLimits"/>); nothing was stored.</summary>
    public sealed record TooLarge(string Problem) : SubmitOutcome;

    /// <summary>Other writers took every revision number tried; this request's write is known not to be stored.</summary>
    public sealed record TooMuchContention : SubmitOutcome;
}

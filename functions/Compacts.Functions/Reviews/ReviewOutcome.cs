using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

public abstract record ReviewOutcome
{
    /// <summary>Committed: the record, the event written with it, the report it was written on and its status before and after.</summary>
    public sealed record Written(object Record, ReviewEvent Event, ReportRevision Report, ReviewStatus Before, ReviewStatus After) : ReviewOutcome;

    /// <summary>The same Idempotency-Key and request were seen before: the record then written.</summary>
    public sealed record Replayed(object Record) : ReviewOutcome;

    public sealed record NoReport : ReviewOutcome;

    public sealed record Stopped(ReviewStep Step) : ReviewOutcome;

    public sealed record KeyReusedWithOtherRequest : ReviewOutcome;

    /// <summary>Azure Table storage would refuse the rows (a review of very long comments on a very long report); nothing was stored.</summary>
    public sealed record TooLarge(string Problem) : ReviewOutcome;

    public sealed record TooMuchContention : ReviewOutcome;
}

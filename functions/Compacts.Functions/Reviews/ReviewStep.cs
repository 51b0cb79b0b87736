using Compacts.Domain.Review;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

/// <summary>What the review rules make of a review or explanation against the report as it is now.</summary>
public abstract record ReviewStep
{
    /// <summary>409: the state or the revision does not allow it, or (a confirm) the criteria in <paramref name="MissingEvidence"/> lack evidence.</summary>
    public sealed record Refuse(ReviewState State, int CurrentRevision, string Detail, IReadOnlyList<string>? MissingEvidence = null) : ReviewStep;

    /// <summary>400: the body does not fit the compact or the reviewed values.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : ReviewStep;

    /// <summary>
    /// Write <paramref name="Record"/> (a <see cref="StoredReview"/> or <see cref="StoredExplanation"/>) under <paramref name="RowKey"/>,
    /// move the report by <paramref name="Transition"/>, with <paramref name="Review"/> as its last review when it is one and
    /// <paramref name="Confirmed"/> as the values that count when it confirms.
    /// </summary>
    public sealed record Write(
        Transition Transition, int Revision, string? Comment, object Record, string RowKey, StoredReview? Review,
        IReadOnlyDictionary<string, ReportValue>? Confirmed, DateTimeOffset At, string Actor) : ReviewStep;
}

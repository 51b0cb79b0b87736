using System.Globalization;
using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary>
/// The mail an event of the review chain owes (docs/review.md, "Mail"): <c>returned</c> for a return, <c>corrected</c> for a
/// confirm that changed figures, <c>answered</c> for an explanation or for the first revision after a return. The same mail (so
/// the same ledger key) whether it is built right after the change commits or again by the daily run after a failed send.
/// </summary>
public static class ReviewEventMails
{
    /// <summary>A review of <paramref name="reported"/> (the reviewed revision's values): returned, corrected, or none (a plain confirm).</summary>
    public static ReviewMail? OfReview(
        Compact compact, Period period, string unitId, string reviewId, int revision, ReviewDecision decision, string comment,
        IReadOnlyDictionary<string, ReviewItem> items, DateTimeOffset reviewedAt, IReadOnlyDictionary<string, ReportValue> reported)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(items);
        if (decision == ReviewDecision.Return)
        {
            var reasons = items.Where(i => !string.IsNullOrWhiteSpace(i.Value.Comment))
                .ToDictionary(i => i.Key, i => i.Value.Comment!, StringComparer.Ordinal);
            return new ReturnedMail(period, unitId, reviewId, revision, comment, reasons, reviewedAt, compact.Review.ExplainDays);
        }

        var corrections = EffectiveValues.Corrections(reported, items);
        return corrections.Count == 0 ? null : new CorrectedMail(period, unitId, reviewId, revision, comment, corrections);
    }

    /// <summary>The unit's explanation of a returned revision, to its reviewers (none for the head's report without a deputy).</summary>
    public static ReviewMail? OfExplanation(
        Compact compact, Period period, string unitId, string explanationId, int revision, string? comment, IReadOnlyDictionary<string, string> items) =>
        ReviewReminderPolicy.ReviewersUnit(compact, unitId) is { } reviewers
            ? new AnsweredMail(period, reviewers, unitId, explanationId, AnswerKind.Explanation, revision, comment, items)
            : null;

    /// <summary>
    /// A revision that answers a return (the first after it), to the reviewers. Its answer id is <c>r{revision}</c>: later
    /// revisions answer nothing, since the report is back in review.
    /// </summary>
    public static ReviewMail? OfRevision(Compact compact, Period period, string unitId, int revision) =>
        ReviewReminderPolicy.ReviewersUnit(compact, unitId) is { } reviewers
            ? new AnsweredMail(period, reviewers, unitId, AnswerId(revision), AnswerKind.NewRevision, revision, null, null)
            : null;

    public static string AnswerId(int revision) => string.Create(CultureInfo.InvariantCulture, $"r{revision}");
}

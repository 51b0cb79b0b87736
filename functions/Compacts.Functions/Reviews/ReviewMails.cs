using Compacts.Domain.Reminders;
using Compacts.Domain.Review;
using Compacts.Functions.Compacts;
using Compacts.Functions.Reminders;
using Compacts.Functions.Reports;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Reviews;

/// <summary>
/// When the review mails go (docs/review.md, "Mail"): the event mails right after their change commits
/// (<see cref="AfterReviewAsync"/>, <see cref="AfterRevisionAsync"/>), and the daily run of a compact (<see cref="RunCompactAsync"/>):
/// the timed mails the policy owes, and again the event mails of each report's latest step, so a send that failed (or a process
/// that stopped between the commit and the send) is made good. The ledger sends each once.
/// </summary>
public sealed partial class ReviewMails(
    CompactStore compacts, ReviewStore reviews, ReportStore reports, StandingsStore standings, ReviewMailer mailer, TimeProvider time,
    ILogger<ReviewMails> logger)
{
    public async Task AfterReviewAsync(ReviewScope scope, ReviewOutcome.Written written, CancellationToken cancellationToken)
    {
        var mail = written.Record switch
        {
            StoredReview review => OfReview(scope.Compact, scope.Period, scope.UnitId, review, written.Report.Values),
            StoredExplanation explanation => OfExplanation(scope.Compact, scope.Period, scope.UnitId, explanation),
            _ => null,
        };
        await SendAfterCommitAsync(scope.CompactId, scope.Compact, mail, cancellationToken);
    }

    /// <summary>A new revision answers a return when it moved its report out of <c>returned</c>.</summary>
    public async Task AfterRevisionAsync(string compactId, Compact compact, Period period, string unitId, SubmitOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is SubmitOutcome.Stored { Event: { FromState: ReviewState.Returned } answer })
        {
            await SendAfterCommitAsync(compactId, compact, ReviewEventMails.OfRevision(compact, period, unitId, answer.Revision), cancellationToken);
        }
    }

    /// <summary>The daily run over the compact's months in play (<see cref="ReviewReminderPolicy.MonthsInPlay(Compact, DateTimeOffset)"/>); nothing when it no longer exists.</summary>
    public async Task<ReminderRunSummary> RunCompactAsync(string compactId, CancellationToken cancellationToken) =>
        await compacts.GetAsync(compactId, cancellationToken) is { } stored
            ? await RunCompactAsync(compactId, stored.Compact, cancellationToken)
            : ReminderRunSummary.None;

    private async Task<ReminderRunSummary> RunCompactAsync(string compactId, Compact compact, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var periods = ReviewReminderPolicy.MonthsInPlay(compact, now).ToList();
        if (periods.Count == 0)
        {
            return ReminderRunSummary.None;
        }

        var pointers = (await reports.GetPointersAsync(compactId, periods[0], periods[^1], cancellationToken))
            .Where(p => compact.IsMember(p.Current.UnitId))
            .ToLookup(p => p.Current.Period);
        var events = new List<ReviewMail>();
        foreach (var pointer in pointers.SelectMany(g => g))
        {
            if (await LatestEventMailAsync(compactId, compact, pointer, cancellationToken) is { } mail)
            {
                events.Add(mail);
            }
        }

        var summary = await mailer.SendAllAsync(compactId, compact, events, cancellationToken);
        return summary.Add(await mailer.SendOwedAsync(compactId, compact, now, async (period, token) =>
        {
            return new ReviewMonth(period, await standings.IsFinalAsync(compactId, period, token), [.. pointers[period].Select(Status)]);
        }, cancellationToken));
    }

    /// <summary>The event mail of the report's latest review step: its return, its corrected confirm, or the answer to its return.</summary>
    private async Task<ReviewMail?> LatestEventMailAsync(string compactId, Compact compact, ReportPointer pointer, CancellationToken cancellationToken)
    {
        var (report, status) = (pointer.Current, pointer.Review);
        if (status.LastReview is not { } review)
        {
            return null;
        }

        if (status.State != ReviewState.Submitted)
        {
            // returned, or confirmed: the last review is of the current revision (a new revision would have made it submitted)
            return review.Revision == report.Revision ? OfReview(compact, report.Period, report.UnitId, review, report.Values) : null;
        }

        if (review.Decision != ReviewDecision.Return)
        {
            return null; // reopened after a confirm: no answer is owed
        }

        if (review.Revision < report.Revision)
        {
            return ReviewEventMails.OfRevision(compact, report.Period, report.UnitId, review.Revision + 1);
        }

        var explanation = (await reviews.ListExplanationsAsync(compactId, report.Period, report.UnitId, cancellationToken))
            .LastOrDefault(e => e.Revision == report.Revision);
        return explanation is null ? null : OfExplanation(compact, report.Period, report.UnitId, explanation);
    }

    /// <summary>The change has committed: a storage failure here must not turn its answer into an error (the daily run sends the mail).</summary>
    private async Task SendAfterCommitAsync(string compactId, Compact compact, ReviewMail? mail, CancellationToken cancellationToken)
    {
        if (mail is null)
        {
            return;
        }

        try
        {
            await mailer.SendAsync(compactId, compact, mail, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMailDeferred(logger, compactId, mail.Period, mail.KindKey, mail.UnitId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review mail {CompactId} {Period} {Kind} to {UnitId} not sent now; the daily run sends it")]
    private static partial void LogMailDeferred(ILogger logger, string compactId, Period period, string kind, string unitId, Exception exception);

    private static ReportReviewStatus Status(ReportPointer pointer) => new(
        pointer.Current.UnitId,
        pointer.Review.State,
        pointer.Review.SubmittedAt,
        pointer.Review is { State: ReviewState.Returned, LastReview: { } review } ? review.ReviewId : null,
        pointer.Review is { State: ReviewState.Returned, LastReview: { } returned } ? returned.ReviewedAt : null);

    private static ReviewMail? OfReview(Compact compact, Period period, string unitId, StoredReview review, IReadOnlyDictionary<string, ReportValue> reported) =>
        ReviewEventMails.OfReview(compact, period, unitId, review.ReviewId, review.Revision, review.Decision, review.Comment, review.Items, review.ReviewedAt, reported);

    private static ReviewMail? OfExplanation(Compact compact, Period period, string unitId, StoredExplanation explanation) =>
        ReviewEventMails.OfExplanation(compact, period, unitId, explanation.ExplanationId, explanation.Revision, explanation.Comment, explanation.Items);
}

using Compacts.Domain.Evidence;
using Compacts.Domain.Review;
using Compacts.Functions.Evidence;
using Compacts.Functions.Reports;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Reviews;

/// <summary>
/// Reviews (confirm / return) and explanations of a report's latest revision: the body checked against the compact and the
/// reviewed values, the state table applied (a confirm also needs the evidence its scoring values require), the change written
/// with its history event; then the month's standings are brought up to date (the confirm that completes a <c>required</c> month
/// past its finalize instant writes its final run), and its mail sent.
/// </summary>
public sealed partial class ReviewService(
    ReviewStore store, StandingsStore standings, StandingsService standingsService, WorkQueue<StandingsWork> standingsQueue,
    EvidenceStore evidenceFiles, ReviewMails mails, TimeProvider time, ILogger<ReviewService> logger)
{
    public async Task<ReviewOutcome> ReviewAsync(ReviewScope scope, ReviewInput input, IdempotencyToken? token, CancellationToken cancellationToken)
    {
        var final = await MonthIsFinalAsync(scope, cancellationToken);
        // With malware scanning, a file found malicious is no evidence: read the verdicts of the revision the confirm names (it is
        // refused unless that is still the latest) before the write, as they live in blob tags outside the report's partition.
        var malicious = input is { Decision: "confirm", Revision: > 0 and var named }
            ? await evidenceFiles.MaliciousAsync(scope.CompactId, scope.Period, scope.UnitId, named, RequiredCriteria(scope), cancellationToken)
            : NoneMalicious;
        var outcome = await store.WriteAsync(scope.CompactId, scope.Period, scope.UnitId, "rv", token, (report, status, evidence) =>
        {
            var (body, errors) = ReviewValidator.Validate(scope.Compact, scope.UnitId, input, report.Values);
            if (body is null || !errors.IsEmpty)
            {
                return new ReviewStep.Invalid(errors.ToDictionary());
            }

            if (body.Revision != report.Revision)
            {
                return NotLatest(status, report, body.Revision);
            }

            var transition = ReviewRules.OnReview(status.State, body.Decision, status.Locked || final, scope.Caller.IsAdmin);
            if (!transition.Allowed)
            {
                return new ReviewStep.Refuse(status.State, report.Revision, transition.Refusal!);
            }

            var confirmed = body.Decision == ReviewDecision.Confirm ? EffectiveValues.Of(report.Values, body.Items) : null;
            if (confirmed is not null
                && RequiredEvidence.Missing(scope.Compact, scope.Period, scope.UnitId, confirmed, evidence.CriteriaWithUsableFiles(malicious)) is { Count: > 0 } missing)
            {
                var blocked = missing.Any(evidence.Criteria.Contains)
                    ? " Files that malware scanning found malicious do not count."
                    : "";
                return new ReviewStep.Refuse(status.State, report.Revision,
                    $"Revision {report.Revision} lacks the evidence its scoring values require for: {string.Join(", ", missing)}.{blocked} The unit uploads it, or the review returns the report.",
                    missing);
            }

            var now = time.GetUtcNow();
            var review = new StoredReview(TableRows.NewId(now), body.Revision, body.Decision, body.Comment, body.Items, scope.Caller.UserId, now);
            return new ReviewStep.Write(transition, body.Revision, body.Comment, review, ReviewRows.ReviewKey(scope.UnitId, review.ReviewId), review,
                confirmed, now, scope.Caller.UserId);
        }, cancellationToken);
        await AfterAsync(scope, outcome, cancellationToken);
        return outcome;
    }

    public async Task<ReviewOutcome> ExplainAsync(ReviewScope scope, ExplanationInput input, IdempotencyToken? token, CancellationToken cancellationToken)
    {
        var final = await MonthIsFinalAsync(scope, cancellationToken);
        var outcome = await store.WriteAsync(scope.CompactId, scope.Period, scope.UnitId, "ex", token, (report, status, _) =>
        {
            var (body, errors) = ReviewValidator.ValidateExplanation(scope.Compact, scope.UnitId, input);
            if (body is null || !errors.IsEmpty)
            {
                return new ReviewStep.Invalid(errors.ToDictionary());
            }

            if (body.Revision != report.Revision)
            {
                return NotLatest(status, report, body.Revision);
            }

            var transition = ReviewRules.OnExplanation(status.State, status.Locked || final);
            if (!transition.Allowed)
            {
                return new ReviewStep.Refuse(status.State, report.Revision, transition.Refusal!);
            }

            var now = time.GetUtcNow();
            var explanation = new StoredExplanation(TableRows.NewId(now), body.Revision, body.Comment, body.Items, scope.Caller.UserId, now);
            return new ReviewStep.Write(transition, body.Revision, body.Comment, explanation,
                ReviewRows.ExplanationKey(scope.UnitId, explanation.ExplanationId), null, null, now, scope.Caller.UserId);
        }, cancellationToken);
        await AfterAsync(scope, outcome, cancellationToken);
        return outcome;
    }

    private static readonly IReadOnlySet<(string, int)> NoneMalicious = new HashSet<(string, int)>();

    private static HashSet<string> RequiredCriteria(ReviewScope scope) =>
        scope.Compact.CriteriaAssignedTo(scope.UnitId).Where(c => c.Evidence == EvidenceRule.Required).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

    private static ReviewStep.Refuse NotLatest(ReviewStatus status, ReportRevision report, int named) =>
        new(status.State, report.Revision, $"Revision {named} is not the report's latest; the latest is revision {report.Revision}. Read the report again.");

    /// <summary>A final run written before reviews existed locked nothing: such a month is final all the same.</summary>
    private async Task<bool> MonthIsFinalAsync(ReviewScope scope, CancellationToken cancellationToken) =>
        await standings.IsFinalAsync(scope.CompactId, scope.Period, cancellationToken);

    private async Task AfterAsync(ReviewScope scope, ReviewOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is not ReviewOutcome.Written written)
        {
            return;
        }

        LogWritten(logger, scope.CompactId, scope.Period, scope.UnitId, written.Event.Event, written.Event.Revision, scope.Caller.UserId);
        var now = time.GetUtcNow();
        if (scope.Compact.Review.Required && written.After.State == ReviewState.Confirmed && now >= scope.Calendar.FinalizeInstant(scope.Period))
        {
            await standingsService.ComputeAsync(scope.CompactId, scope.Period, "review", force: false, cancellationToken);
        }
        else if (now >= scope.Calendar.DueInstant(scope.Period) && now < scope.Calendar.FinalizeInstant(scope.Period))
        {
            // A provisional month shows the change in its next run. Past its finalize instant a run would be final, and a return or
            // explanation must not finalize (and so lock) a month before the unit could answer; the planner and admins decide that.
            await standingsQueue.EnqueueAsync(new StandingsWork(scope.CompactId, scope.Period.ToString()), cancellationToken);
        }

        await mails.AfterReviewAsync(scope, written, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {CompactId} {Period} {UnitId}: {Event} of revision {Revision} by {Actor}")]
    private static partial void LogWritten(ILogger logger, string compactId, Period period, string unitId, ReviewEventKind @event, int revision, string actor);
}

using Compacts.Domain.Review;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

/// <summary>Review of monthly reports: reviews and explanations of the latest revision, their lists, the history and the queue.</summary>
public sealed class ReviewsFunctions(CompactScopes scopes, ReviewService service, ReviewStore store, ReportStore reports, Units.UnitStore units, TimeProvider time)
{
    public const int MaxBodyBytes = 64 * 1024;

    [Function(nameof(PostReview))]
    public async Task<IActionResult> PostReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/reports/{period}/{unitId}/reviews")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => ReviewAccess.MayReview(scope.Caller, scope.Compact, unitId), Refusals.Review(unitId))
            .AcceptingReports();
        return await opened.ThenAsync(scope => WriteAsync(req, scope, unitId, ReviewRequest.ParseReview,
            (review, input, token) => service.ReviewAsync(review, input, token, cancellationToken), cancellationToken));
    }

    [Function(nameof(PostExplanation))]
    public async Task<IActionResult> PostExplanation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/reports/{period}/{unitId}/explanations")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => ReviewAccess.MayExplain(scope.Caller, scope.Compact, unitId), $"Only reporters of '{unitId}' (or an admin) may explain its report.")
            .AcceptingReports();
        return await opened.ThenAsync(scope => WriteAsync(req, scope, unitId, ReviewRequest.ParseExplanation,
            (review, input, token) => service.ExplainAsync(review, input, token, cancellationToken), cancellationToken));
    }

    [Function(nameof(GetReviews))]
    public async Task<IActionResult> GetReviews(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}/reviews")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async scope => Responses.Ok(new ReviewsResponse(compactId, scope.Period, unitId,
            await store.ListReviewsAsync(compactId, scope.Period, unitId, cancellationToken),
            await store.ListExplanationsAsync(compactId, scope.Period, unitId, cancellationToken))));
    }

    [Function(nameof(GetReportHistory))]
    public async Task<IActionResult> GetReportHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}/history")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async scope => Responses.Ok(
            new HistoryResponse(compactId, scope.Period, unitId, await store.HistoryAsync(compactId, scope.Period, unitId, cancellationToken))));
    }

    [Function(nameof(GetReviewQueue))]
    public async Task<IActionResult> GetReviewQueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reviews/{period}")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken))
            .Require(scope => ReviewAccess.QueueUnits(scope.Caller, scope.Compact) is not null,
                "Only the cluster head's users, the deputy's users (for the head's report) and admins see the review queue.");
        return await opened.ThenAsync(async scope =>
        {
            var now = time.GetUtcNow();
            var pointers = (await reports.GetPointersAsync(compactId, scope.Period, scope.Period, cancellationToken))
                .ToDictionary(p => p.Current.UnitId, StringComparer.Ordinal);
            var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
            var rows = ReviewAccess.QueueUnits(scope.Caller, scope.Compact)!.Select(unitId => pointers.TryGetValue(unitId, out var pointer)
                ? new ReviewQueueRow(unitId, names.GetValueOrDefault(unitId, unitId), ReviewRules.Name(pointer.Review.State), pointer.Current.Revision,
                    pointer.Review.SubmittedAt,
                    pointer.Review.State == ReviewState.Submitted && pointer.Review.SubmittedAt is { } at ? ReviewClock.WaitingDays(at, now) : null)
                : new ReviewQueueRow(unitId, names.GetValueOrDefault(unitId, unitId), "missing", null, null, null)).ToList();
            return Responses.Ok(new ReviewQueueResponse(compactId, scope.Period, scope.Compact.Review, rows));
        });
    }

    /// <summary>The shared path of a review and an explanation: the key, the body, the service, the answer.</summary>
    private static async Task<IActionResult> WriteAsync<TInput>(
        HttpRequest req, CompactScope scope, string unitId, Func<byte[], Checked<TInput>> parse,
        Func<ReviewScope, TInput, IdempotencyToken?, Task<ReviewOutcome>> write, CancellationToken cancellationToken)
        where TInput : class
    {
        var key = IdempotencyHeader.Read(req);
        if (key.Failed)
        {
            return key.Problem;
        }

        var read = await RequestBody.ReadAsync(req, MaxBodyBytes, allowForms: false, cancellationToken);
        if (read.Failed)
        {
            return read.Problem;
        }

        var body = read.Value;
        var input = parse(body.Bytes);
        if (input.Failed)
        {
            return input.Problem;
        }

        var token = key.Value.Length == 0
            ? null
            : new IdempotencyToken(key.Value, ReportReceipt.RequestHash(scope.Caller.UserId, body.MediaType, body.Sha256()));
        var outcome = await write(new ReviewScope(scope.Caller, scope.CompactId, scope.Compact, scope.Calendar, scope.Period, unitId), input.Value, token);
        var location = $"/api/compacts/{scope.CompactId}/reports/{scope.Period}/{unitId}/history";
        return outcome switch
        {
            ReviewOutcome.Written written => Responses.Created(written.Record, location: location),
            ReviewOutcome.Replayed replayed => Responses.Created(replayed.Record, location: location).WithHeader("Idempotent-Replayed", "true"),
            ReviewOutcome.NoReport => Responses.NotFound($"Unit '{unitId}' has no report for {scope.Period} yet."),
            ReviewOutcome.Stopped { Step: ReviewStep.Invalid invalid } => Responses.Validation(invalid.Errors),
            ReviewOutcome.Stopped { Step: ReviewStep.Refuse refuse } =>
                Responses.Conflict(refuse.Detail, ReviewRules.Name(refuse.State), refuse.CurrentRevision, refuse.MissingEvidence),
            ReviewOutcome.KeyReusedWithOtherRequest => Responses.Problem(422, "Idempotency-Key reused.",
                "This Idempotency-Key was already used with a different request; use a new key for a new request. Nothing was stored."),
            ReviewOutcome.TooLarge => Responses.Problem(413, "The request is too large to store.",
                "Its comments exceed what one stored review may hold beside the report; shorten them. Nothing was stored."),
            _ => Responses.Unavailable("Too many simultaneous changes of this report; retry shortly. Nothing was stored."),
        };
    }

    private async Task<Checked<CompactScope>> OpenReadableAsync(
        HttpRequest req, string compactId, string period, string unitId, CancellationToken cancellationToken) =>
        (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => ReviewAccess.MayRead(scope.Caller, scope.Compact, unitId),
                "Only the unit's reporters, its reviewers and admins may read this report.");
}

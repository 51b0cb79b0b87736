using Compacts.Functions.Reports;

namespace Compacts.Functions.Reports;

/// <summary>Monthly progress reports: every accepted PUT is a new revision; nothing is ever lost.</summary>
public sealed class ReportsFunctions(
    CompactScopes scopes, ReportStore reports, ReportService service, Standings.StandingsStore standings, Reviews.ReviewMails reviewMails)
{
    public const int MaxBodyBytes = 64 * 1024;

    [Function(nameof(PutReport))]
    public async Task<IActionResult> PutReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}/reports/{period}/{unitId}")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => Access.CanSubmitReport(scope.Caller, scope.Compact, unitId), $"Only reporters of '{unitId}' (or an admin) may submit its report.")
            .AcceptingReports();
        return await opened.ThenAsync(async scope =>
        {
            var key = IdempotencyHeader.Read(req);
            if (key.Failed)
            {
                return key.Problem;
            }

            var idempotencyKey = key.Value;

            var read = await RequestBody.ReadAsync(req, MaxBodyBytes, allowForms: true, cancellationToken);
            if (read.Failed)
            {
                return read.Problem;
            }

            var body = read.Value;
            var parsed = await ReportRequest.ParseAsync(body, cancellationToken);
            if (parsed.Failed)
            {
                return parsed.Problem;
            }

            var request = parsed.Value;

            var outcome = await service.SubmitAsync(
                new ReportSubmission(scope.Caller, compactId, scope.Compact, scope.Calendar, scope.Period, unitId, request.Values, request.FromForm,
                    request.Note, request.ReceivedAt, () => IfMatchForStoreAsync(req, compactId, scope.Period, unitId, cancellationToken), idempotencyKey, body.MediaType, body.Sha256(),
                    ct => standings.IsFinalAsync(compactId, scope.Period, ct)),
                cancellationToken);
            await reviewMails.AfterRevisionAsync(compactId, scope.Compact, scope.Period, unitId, outcome, cancellationToken);

            return outcome switch
            {
                SubmitOutcome.Invalid invalid => Responses.Validation(invalid.Errors),
                SubmitOutcome.Stored stored => Stored(stored.Revision, stored.ETag),
                SubmitOutcome.Replayed replayed => Stored(replayed.Revision, replayed.ETag).WithHeader("Idempotent-Replayed", "true"),
                SubmitOutcome.PreconditionFailed => Responses.PreconditionFailed(
                    "The report does not meet If-Match/If-None-Match (a newer revision, none yet, or one exists); GET it again and resubmit. Nothing was stored."),
                SubmitOutcome.ReceivedBeforePrevious previous => Responses.Validation("receivedAt",
                    $"receivedAt may not be earlier than the previous revision's ({previous.Previous.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})."),
                SubmitOutcome.Refused refused => Responses.Conflict(refused.Detail,
                    refused.State is { } state ? Domain.Review.ReviewRules.Name(state) : "missing", refused.Revision),
                SubmitOutcome.TooLarge => Responses.Problem(413, "The report is too large to store.",
                    "Its values and note exceed what one stored revision may hold; shorten the note. Nothing was stored."),
                SubmitOutcome.KeyReusedWithOtherRequest => Responses.Problem(422, "Idempotency-Key reused.",
                    "This Idempotency-Key was already used with a different request; use a new key for a new submission. Nothing was stored."),
                _ => Responses.Unavailable("Too many simultaneous submissions of this report; retry shortly. Nothing was stored."),
            };
        });
    }

    [Function(nameof(GetReport))]
    public async Task<IActionResult> GetReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            return await reports.GetCurrentAsync(compactId, scope.Period, unitId, cancellationToken) is { } current
                ? Responses.Ok(ReportResponse.From(current.Revision, current.Review), current.ETag)
                : Responses.NotFound($"Unit '{unitId}' has no report for {scope.Period} yet.");
        });
    }

    [Function(nameof(GetReportRevisions))]
    public async Task<IActionResult> GetReportRevisions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}/revisions")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            var revisions = await reports.GetRevisionsAsync(compactId, scope.Period, unitId, cancellationToken);
            return Responses.Ok(new RevisionsResponse(compactId, scope.Period, unitId, revisions));
        });
    }

    [Function(nameof(GetPeriodReports))]
    public async Task<IActionResult> GetPeriodReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken))
            .Require(scope => Access.CanReadPeriodReports(scope.Caller, scope.Compact), "Only the cluster head's reporters and admins may read every member's report.");
        return await opened.ThenAsync(async scope =>
        {
            var current = (await reports.GetPeriodAsync(compactId, scope.Period, cancellationToken))
                .Where(r => scope.Compact.IsMember(r.UnitId))
                .ToDictionary(r => r.UnitId, StringComparer.Ordinal);
            var inMemberOrder = scope.Compact.Members.Where(m => current.ContainsKey(m.UnitId)).Select(m => current[m.UnitId]).ToList();
            var missing = scope.Compact.Members.Where(m => !current.ContainsKey(m.UnitId)).Select(m => m.UnitId).ToList();
            return Responses.Ok(new PeriodReportsResponse(compactId, scope.Period, scope.Calendar.DueInstant(scope.Period), inMemberOrder, missing));
        });
    }

    private async Task<Checked<CompactScope>> OpenReadableAsync(
        HttpRequest req, string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken);
        return opened.Failed || Access.CanReadReport(opened.Value.Caller, opened.Value.Compact, unitId)
            ? opened
            : new(Responses.Forbidden("Only the unit's reporters, its reviewers (the cluster head's reporters; the deputy's for the head's report) and admins may read this report."));
    }

    /// <summary>
    /// If-Match/If-None-Match evaluated against the report's current ETag, as the ETag the store's write must still find: the
    /// current one when they hold, one that matches nothing when they do not (the store then answers 412, after an idempotent
    /// replay of the same request if there is one).
    /// </summary>
    private async Task<string?> IfMatchForStoreAsync(HttpRequest req, string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var conditions = Preconditions.From(req);
        if (!conditions.Any)
        {
            return null;
        }

        var current = (await reports.GetCurrentAsync(compactId, period, unitId, cancellationToken))?.ETag;
        return conditions.HoldFor(current) ? current : "\"no-such-etag\"";
    }

    private static ApiResult Stored(ReportRevision revision, string? etag) =>
        revision.Revision == 1
            ? Responses.Created(revision, etag, $"/api/compacts/{revision.CompactId}/reports/{revision.Period}/{revision.UnitId}")
            : Responses.Ok(revision, etag);
}

using Compacts.Domain.Evidence;
using Compacts.Domain.Review;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Evidence;

/// <summary>Evidence files per criterion of a report's latest revision: every upload a new version; downloads are short-lived read-only URLs.</summary>
public sealed class EvidenceFunctions(CompactScopes scopes, EvidenceStore store, IOptions<EvidenceOptions> options)
{
    [Function(nameof(PutEvidence))]
    public async Task<IActionResult> PutEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}")] HttpRequest req,
        string compactId, string period, string unitId, string criterionId, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(req, compactId, period, unitId, criterionId, cancellationToken);
        return await opened.ThenAsync(scope => FileUpload.ReceiveAsync(req, FileFormat.EvidenceTypes, options.Value.MaxFileBytes, async file =>
        {
            var outcome = await store.UploadAsync(compactId, scope.Period, unitId, criterionId, file, scope.Caller.UserId, cancellationToken);
            var location = $"/api/compacts/{compactId}/reports/{scope.Period}/{unitId}/evidence";
            return outcome switch
            {
                UploadOutcome.Stored stored => Responses.Created(EvidenceResponse.From(compactId, scope.Period, unitId, stored.File), location: location),
                UploadOutcome.NoReport => NoReport(unitId, scope.Period),
                UploadOutcome.Refused refused => Responses.Conflict(refused.Detail, ReviewRules.Name(refused.State), refused.CurrentRevision),
                UploadOutcome.OverLimit over => Responses.Problem(413, "The report's evidence is at its limit.", over.Detail),
                UploadOutcome.NotTheType type => FileUpload.Mismatch(type.Declared, type.Actual, FileFormat.EvidenceTypes),
                _ => Responses.Unavailable("Too many simultaneous uploads for this report; retry shortly. Nothing was stored."),
            };
        }, cancellationToken));
    }

    [Function(nameof(GetEvidence))]
    public async Task<IActionResult> GetEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}/evidence")] HttpRequest req,
        string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => ReviewAccess.MayRead(scope.Caller, scope.Compact, unitId),
                "Only the unit's reporters, its reviewers and admins may read this report's evidence.");
        return await opened.ThenAsync(async scope =>
        {
            var (pointer, setRow) = await store.ReadReportAsync(compactId, scope.Period, unitId, cancellationToken);
            if (pointer is null)
            {
                return NoReport(unitId, scope.Period);
            }

            var latest = ReportStore.ToRevision(pointer, compactId, scope.Period, unitId);
            var status = ReviewRows.ReadStatus(pointer);
            var revision = latest.Revision;
            if (req.Query.TryGetValue("revision", out var asked))
            {
                if (asked.Count != 1 || !int.TryParse(asked[0], NumberStyles.None, CultureInfo.InvariantCulture, out revision) || revision < 1 || revision > latest.Revision)
                {
                    return Responses.Validation("revision", $"revision is a whole number from 1 to the report's latest, {latest.Revision}.");
                }
            }

            var set = EvidenceRows.ReadSet(setRow, revision);
            var files = await store.ListAsync(compactId, scope.Period, unitId, revision, cancellationToken);
            var listed = new List<EvidenceResponse>();
            foreach (var file in files)
            {
                var (url, expires, scanResult) = await store.DownloadAsync(compactId, scope.Period, unitId, file, cancellationToken);
                listed.Add(EvidenceResponse.From(compactId, scope.Period, unitId, file) with { DownloadUrl = url, DownloadExpiresAt = expires, ScanResult = scanResult });
            }

            var missing = revision == latest.Revision
                ? RequiredEvidence.Missing(scope.Compact, scope.Period, unitId, status.State == ReviewState.Confirmed ? status.ConfirmedValues ?? latest.Values : latest.Values,
                    files.Select(f => f.CriterionId).ToHashSet(StringComparer.Ordinal))
                : null;
            return Responses.Ok(new EvidenceListResponse(compactId, scope.Period, unitId, revision, ReviewRules.Name(status.State),
                files.Count, files.Sum(f => f.Size), missing, listed));
        });
    }

    /// <summary>The scope checks, the uploader's permission (403), the criterion's id (400) and that the unit is assigned it (404).</summary>
    private async Task<Checked<CompactScope>> OpenAsync(
        HttpRequest req, string compactId, string period, string unitId, string criterionId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => Access.CanSubmitReport(scope.Caller, scope.Compact, unitId), $"Only reporters of '{unitId}' (or an admin) may upload its evidence.");
        if (opened.Failed)
        {
            return opened;
        }

        if (RouteValues.CheckIds(("criterionId", criterionId)) is { } badId)
        {
            return new(badId);
        }

        return opened.Value.Compact.CriteriaAssignedTo(unitId).Any(c => c.Id == criterionId)
            ? opened
            : new(Responses.NotFound($"The compact assigns '{unitId}' no criterion '{criterionId}'."));
    }

    private static ApiResult NoReport(string unitId, Period period) =>
        Responses.NotFound($"Unit '{unitId}' has no report for {period} yet; submit the report, then its evidence.");
}

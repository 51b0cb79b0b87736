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
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async read =>
        {
            var (scope, latest, status, revision) = read;
            var files = await store.ListAsync(compactId, scope.Period, unitId, revision, cancellationToken);
            // At most MaxFiles at once: with malware scanning each reads its blob's tags, so they go together.
            var listed = await Task.WhenAll(files.Select(async file =>
            {
                var (url, expires, scanResult) = await store.DownloadAsync(compactId, scope.Period, unitId, file, cancellationToken);
                return EvidenceResponse.From(compactId, scope.Period, unitId, file) with { DownloadUrl = url, DownloadExpiresAt = expires, ScanResult = scanResult };
            }));

            var missing = revision == latest.Revision
                ? RequiredEvidence.Missing(scope.Compact, scope.Period, unitId, status.State == ReviewState.Confirmed ? status.ConfirmedValues ?? latest.Values : latest.Values,
                    listed.Where(f => f.ScanResult != EvidenceStore.Malicious).Select(f => f.CriterionId).ToHashSet(StringComparer.Ordinal))
                : null;
            return Responses.Ok(new EvidenceListResponse(compactId, scope.Period, unitId, revision, ReviewRules.Name(status.State),
                files.Count, files.Sum(f => f.Size), missing, listed));
        });
    }

    /// <summary>The scope checks, the uploader's permission (403), the criterion's id (400) and that the unit is assigned it (404).</summary>
    [Function(nameof(GetEvidenceFile))]
    public async Task<IActionResult> GetEvidenceFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}/{version}")] HttpRequest req,
        string compactId, string period, string unitId, string criterionId, string version, CancellationToken cancellationToken)
    {
        var opened = await OpenReadableAsync(req, compactId, period, unitId, cancellationToken);
        return await opened.ThenAsync(async read =>
        {
            if (RouteValues.CheckIds(("criterionId", criterionId)) is { } badId)
            {
                return badId;
            }

            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || version.Length > 6)
            {
                return Responses.Validation("version", "version is a whole number from 1.");
            }

            var file = await store.GetAsync(compactId, read.Scope.Period, unitId, read.Revision, criterionId, number, cancellationToken);
            if (file is null)
            {
                return Responses.NotFound($"Revision {read.Revision} has no version {number} of evidence for '{criterionId}'.");
            }

            var (url, expires, scanResult) = await store.DownloadAsync(compactId, read.Scope.Period, unitId, file, cancellationToken);
            return url is null
                ? Responses.Problem(409, "The file is blocked: malware scanning found it malicious.",
                    $"Microsoft Defender for Storage tagged this file '{scanResult}'; it is not served. Upload a clean file as a new version.")
                : Responses.Ok(EvidenceResponse.From(compactId, read.Scope.Period, unitId, file) with { DownloadUrl = url, DownloadExpiresAt = expires, ScanResult = scanResult });
        });
    }

    /// <summary>
    /// The reading routes' checks: the scope, who may read (the unit's users, its reviewers, admins), the report (404) and the revision
    /// asked for (<c>?revision=</c>, 1 to the latest; the latest when absent).
    /// </summary>
    private async Task<Checked<Read>> OpenReadableAsync(
        HttpRequest req, string compactId, string period, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => ReviewAccess.MayRead(scope.Caller, scope.Compact, unitId),
                "Only the unit's reporters, its reviewers and admins may read this report's evidence.");
        if (opened.Failed)
        {
            return new(opened.Problem);
        }

        var scope = opened.Value;
        var (pointer, _) = await store.ReadReportAsync(compactId, scope.Period, unitId, cancellationToken);
        if (pointer is null)
        {
            return new(NoReport(unitId, scope.Period));
        }

        var latest = ReportStore.ToRevision(pointer, compactId, scope.Period, unitId);
        var revision = latest.Revision;
        if (req.Query.TryGetValue("revision", out var asked)
            && (asked.Count != 1 || !int.TryParse(asked[0], NumberStyles.None, CultureInfo.InvariantCulture, out revision) || revision < 1 || revision > latest.Revision))
        {
            return new(Responses.Validation("revision", $"revision is a whole number from 1 to the report's latest, {latest.Revision}."));
        }

        return new(new Read(scope, latest, ReviewRows.ReadStatus(pointer), revision));
    }

    private async Task<Checked<CompactScope>> OpenAsync(
        HttpRequest req, string compactId, string period, string unitId, string criterionId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId, cancellationToken))
            .Require(scope => Access.CanSubmitReport(scope.Caller, scope.Compact, unitId), $"Only reporters of '{unitId}' (or an admin) may upload its evidence.")
            .AcceptingReports();
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

    /// <summary>A checked read of a report's evidence: the scope, the latest revision and its review status, and the revision asked for.</summary>
    private sealed record Read(CompactScope Scope, ReportRevision Latest, ReviewStatus Status, int Revision);

    private static ApiResult NoReport(string unitId, Period period) =>
        Responses.NotFound($"Unit '{unitId}' has no report for {period} yet; submit the report, then its evidence.");
}

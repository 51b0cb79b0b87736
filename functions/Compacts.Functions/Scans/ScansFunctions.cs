namespace Compacts.Functions.Scans;

/// <summary>Signed scans of the compact: every upload is a new version; downloads are short-lived read-only URLs.</summary>
public sealed class ScansFunctions(CompactScopes scopes, ScanStore scans, IOptions<ScanOptions> options)
{
    [Function(nameof(PutScan))]
    public async Task<IActionResult> PutScan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}/scans/{unitId}")] HttpRequest req,
        string compactId, string unitId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period: null, unitId, cancellationToken))
            .Require(scope => Access.CanSubmitReport(scope.Caller, scope.Compact, unitId), $"Only reporters of '{unitId}' (or an admin) may upload its signed scan.");
        return await opened.ThenAsync(scope => FileUpload.ReceiveAsync(req, FileFormat.ScanTypes, options.Value.MaxBytes, async file =>
        {
            using var body = file.Body(options.Value.MaxBytes);
            var version = await scans.UploadAsync(compactId, unitId, file.Detected, body, scope.Caller.UserId, cancellationToken);
            return Responses.Created(ScanResponse.From(version), location: $"/api/compacts/{compactId}/scans/{unitId}");
        }, cancellationToken));
    }

    [Function(nameof(GetScans))]
    public async Task<IActionResult> GetScans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/scans/{unitId}")] HttpRequest req,
        string compactId, string unitId, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period: null, unitId, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            var versions = new List<ScanResponse>();
            foreach (var version in (await scans.ListAsync(compactId, unitId, cancellationToken)).OrderByDescending(v => v.Version))
            {
                var (url, expires) = await scans.DownloadUrlAsync(version, cancellationToken);
                versions.Add(ScanResponse.From(version, url, expires));
            }

            return Responses.Ok(new UnitScansResponse(compactId, unitId, versions));
        });
    }

    [Function(nameof(GetCompactScans))]
    public async Task<IActionResult> GetCompactScans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/scans")] HttpRequest req,
        string compactId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken))
            .Require(scope => Access.CanReadPeriodReports(scope.Caller, scope.Compact), "Only the cluster head's reporters and admins may see which members have a scan.");
        return await opened.ThenAsync(async scope =>
        {
            var byUnit = (await scans.ListAsync(compactId, null, cancellationToken)).GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.ToList());
            var scanned = scope.Compact.Members.Where(m => byUnit.ContainsKey(m.UnitId))
                .Select(m => new MemberScan(m.UnitId, byUnit[m.UnitId].Count, ScanResponse.From(byUnit[m.UnitId].MaxBy(v => v.Version)!)))
                .ToList();
            var missing = scope.Compact.Members.Where(m => !byUnit.ContainsKey(m.UnitId)).Select(m => m.UnitId).ToList();
            return Responses.Ok(new CompactScansResponse(compactId, scanned, missing));
        });
    }
}

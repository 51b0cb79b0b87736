using Compacts.Functions.Compacts;
using Compacts.Functions.Office;
using Compacts.Functions.Units;

namespace Compacts.Functions.Imports;

/// <summary>
/// Excel imports (admins): a compact's targets and baselines (<c>GET</c>/<c>PUT …/targets</c>), and a month's paper reports
/// (<c>POST …/reports/{period}/import</c>, its template <c>GET …/reports/{period}/import.xlsx</c>). Uploads are the raw body
/// (the .xlsx media type) or a multipart field <c>file</c>: at most <see cref="MaxBytes"/> as sent, <see cref="XlsxReader.MaxUncompressedBytes"/>
/// unpacked, <see cref="MaxRows"/> rows.
/// </summary>
public sealed class ImportsFunctions(
    CompactScopes scopes, CompactStore compacts, UnitStore units, ReportImportService reportImports, Standings.StandingsStore standings,
    Reviews.ReviewMails reviewMails, TimeProvider time)
{
    public const long MaxBytes = 5L * 1024 * 1024;
    public const int MaxRows = 1000;

    private static readonly IReadOnlySet<string> Xlsx = new HashSet<string>(StringComparer.Ordinal) { FileFormat.Xlsx };

    [Function(nameof(GetTargets))]
    public async Task<IActionResult> GetTargets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/targets")] HttpRequest req, string compactId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, null, null, cancellationToken)).Require(s => s.Caller.IsAdmin, "Only admins manage targets.");
        return await opened.ThenAsync(async scope =>
        {
            var format = req.Query["format"].ToString();
            var xlsx = format == "xlsx" || (format.Length == 0 && req.Headers.Accept.ToString().Contains(XlsxWriter.MediaType, StringComparison.OrdinalIgnoreCase));
            if (format.Length > 0 && format is not ("json" or "xlsx"))
            {
                return Responses.Validation("format", "format is 'json' or 'xlsx'.");
            }

            if (await compacts.GetAsync(compactId, cancellationToken, fresh: true) is not { } stored)
            {
                return Responses.NotFound($"There is no compact '{compactId}'.");
            }

            if (xlsx)
            {
                var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
                return new ApiResult(200, ImportTemplates.Targets(stored.Compact, names, scope.Calendar.LocalDate(time.GetUtcNow())), XlsxWriter.MediaType)
                    .WithHeader("ETag", stored.ETag)
                    .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-targets.xlsx\"");
            }

            var rows = stored.Compact.AllCriteria().Where(c => c.Type == CriterionType.Quantitative)
                .SelectMany(c => stored.Compact.Members.Where(m => c.Targets?.ContainsKey(m.UnitId) ?? false)
                    .Select(m => new TargetRow(c.Id, m.UnitId, c.Targets![m.UnitId].Target, c.Targets[m.UnitId].Baseline)))
                .ToList();
            return Responses.Ok(new TargetsResponse(compactId, rows), stored.ETag);
        });
    }

    [Function(nameof(PutTargets))]
    public async Task<IActionResult> PutTargets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}/targets")] HttpRequest req, string compactId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, null, null, cancellationToken)).Require(s => s.Caller.IsAdmin, "Only admins manage targets.");
        return await opened.ThenAsync(async scope =>
        {
            var conditions = Preconditions.From(req);
            if (conditions.IfMatch.Count == 0)
            {
                return Responses.Problem(428, "If-Match is required.",
                    "Send the compact's ETag (from GET …/targets or GET the compact) in If-Match, so that the workbook replaces the targets it was made from. Nothing was stored.");
            }

            return await ReceiveAsync(req, TargetsImport.CriterionColumn, async table =>
            {
                // The targets replace those of the compact as it is now (its other fields untouched), guarded by its ETag.
                var current = await compacts.GetAsync(compactId, cancellationToken, fresh: true);
                var (updated, problems) = TargetsImport.Apply(current?.Compact ?? scope.Compact, table);
                if (updated is null)
                {
                    return Responses.Cells(problems, "Correct the cells listed and upload the workbook again. Nothing was stored.");
                }

                if (current is null || !conditions.HoldFor(current.ETag))
                {
                    return Responses.PreconditionFailed($"Compact '{compactId}' has changed since the ETag in If-Match; download the targets again. Nothing was stored.");
                }

                var (outcome, etag) = await compacts.PutAsync(compactId, updated, current.ETag, false, cancellationToken);
                return outcome switch
                {
                    PutOutcome.Replaced => Responses.Ok(CompactResponse.From(compactId, updated), etag),
                    PutOutcome.TooLarge => Responses.Problem(413, "The compact would be too large to store.", "Nothing was stored."),
                    _ => Responses.PreconditionFailed($"Compact '{compactId}' has changed meanwhile; download the targets again. Nothing was stored."),
                };
            }, cancellationToken);
        });
    }

    [Function(nameof(GetReportImportTemplate))]
    public async Task<IActionResult> GetReportImportTemplate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/reports/{period}/import.xlsx")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, null, cancellationToken)).Require(s => s.Caller.IsAdmin, "Only admins import reports.");
        return opened.Then(scope =>
            new ApiResult(200, ImportTemplates.Reports(scope.Compact, scope.Period, scope.Calendar.LocalDate(time.GetUtcNow())), XlsxWriter.MediaType)
                .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-{scope.Period}-import.xlsx\""));
    }

    [Function(nameof(PostReportImport))]
    public async Task<IActionResult> PostReportImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/reports/{period}/import")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, null, cancellationToken)).Require(s => s.Caller.IsAdmin, "Only admins import reports.")
            .AcceptingReports();
        return await opened.ThenAsync(scope => ReceiveAsync(req, ReportImportService.UnitColumn, async table =>
        {
            var result = await reportImports.ImportAsync(new ImportTarget(scope.Caller, scope.CompactId, scope.Compact, scope.Calendar, scope.Period), table, ct => standings.IsFinalAsync(compactId, scope.Period, ct), cancellationToken);
            if (result.Contended)
            {
                return Responses.Unavailable("The month's reports kept changing while the import was written; retry shortly. Nothing was stored.");
            }

            if (result.Stored is not { } stored)
            {
                return result.Status == 413
                    ? Responses.Problem(413, "Too many reports in one import.", result.Problems[0].Reason + " Nothing was stored.")
                    : Responses.Cells(result.Problems, result.Status == 409
                        ? "The review rules refuse a new revision of the reports listed now. Nothing was stored."
                        : "Correct the cells listed and upload the workbook again. Nothing was stored.", result.Status);
            }

            foreach (var revision in stored)
            {
                await reviewMails.AfterRevisionAsync(compactId, scope.Compact, scope.Period, revision.Revision.UnitId, revision, cancellationToken);
            }

            return Responses.Ok(new ReportImportResponse(compactId, scope.Period, stored.Count, [.. stored.Select(s => s.Revision)]));
        }, cancellationToken));
    }

    /// <summary>
    /// The uploaded workbook's first sheet (<see cref="XlsxReader"/>): 413 over the upload's or the workbook's limits, 415 for a file
    /// that is no Excel workbook (by its bytes), 400 for one that cannot be read or has no header row.
    /// </summary>
    private static Task<IActionResult> ReceiveAsync(HttpRequest req, string headerName, Func<SheetTable, Task<IActionResult>> use, CancellationToken cancellationToken) =>
        FileUpload.ReceiveAsync(req, Xlsx, MaxBytes, async file =>
        {
            using var buffer = new MemoryStream();
            await using (var body = file.Body(MaxBytes))
            {
                await body.CopyToAsync(buffer, cancellationToken);
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var tail = bytes[Math.Max(0, bytes.Length - OoxmlPackage.MaxTail)..];
            if (OoxmlPackage.Directory(tail, bytes.Length) is not { } directory)
            {
                return Responses.Problem(400, "The workbook cannot be read.", "The file is no complete ZIP package (an .xlsx is one). Nothing was stored.");
            }

            if (OoxmlPackage.Kind(bytes.Slice((int)directory.Offset, directory.Length)) != FileFormat.Xlsx)
            {
                return Responses.Problem(415, "Not an Excel (.xlsx) workbook.", "The file is a ZIP package but no Excel workbook (a Word document, or another archive). Nothing was stored.");
            }

            buffer.Position = 0;
            SheetTable table;
            try
            {
                table = XlsxReader.Read(buffer, headerName, MaxRows);
            }
            catch (WorkbookRefusedException ex)
            {
                return Responses.Problem(ex.Status, ex.Status == 413 ? "The workbook is too large." : "The workbook cannot be read.", ex.Message);
            }

            return await use(table);
        }, cancellationToken);
}

using Compacts.Functions.Scans;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

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
        return await opened.ThenAsync(async scope =>
        {
            var max = options.Value.MaxBytes;
            if (req.ContentLength > max + (64 * 1024))
            {
                return RequestBody.TooLarge(max);
            }

            try
            {
                var (content, declared, badRequest) = await OpenContentAsync(req, cancellationToken);
                if (content is null)
                {
                    return badRequest!;
                }

                var head = new byte[ScanFormat.SniffLength];
                var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                if (headLength == 0)
                {
                    return Responses.Problem(400, "The scan is empty.", "Send the scanned file's bytes. Nothing was stored.");
                }

                var detected = ScanFormat.Detect(head.AsSpan(0, headLength));
                if (detected is null)
                {
                    return Responses.Problem(415, "Not a PDF, JPEG, PNG or TIFF file.", "The file's own bytes are not of an accepted type. Nothing was stored.");
                }

                if (declared is not null && declared != detected)
                {
                    return Responses.Problem(415, "The declared type does not match the file.",
                        $"The body is declared as {declared} but its bytes are {detected}. Nothing was stored.");
                }

                using var body = new HashingLimitedStream(head[..headLength], content, max);
                var version = await scans.UploadAsync(compactId, unitId, detected, body, scope.Caller.UserId, cancellationToken);
                return Responses.Created(ScanResponse.From(version), location: $"/api/compacts/{compactId}/scans/{unitId}");
            }
            catch (BodyTooLargeException)
            {
                return RequestBody.TooLarge(max);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
            {
                return Responses.Problem(400, "The upload ended early or is malformed.", "Nothing was stored.");
            }
        });
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

    /// <summary>The file's bytes: the raw body, or the part named <c>file</c> of a multipart form, read as a stream.</summary>
    private static async Task<(Stream? Content, string? Declared, ApiResult? Problem)> OpenContentAsync(HttpRequest req, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(req.ContentType, out var media))
        {
            return (null, null, UnsupportedType());
        }

        var type = media.MediaType.Value?.ToLowerInvariant() ?? "";
        if (ScanFormat.Extensions.ContainsKey(type))
        {
            return (req.Body, type, null);
        }

        if (type != "multipart/form-data")
        {
            return (null, null, UnsupportedType());
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return (null, null, Responses.Problem(400, "Malformed multipart body.", "The multipart/form-data content type needs a boundary."));
        }

        var reader = new MultipartReader(boundary, req.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        if (section is null
            || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !(disposition.IsFormDisposition() || disposition.IsFileDisposition())
            || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
        {
            return (null, null, Responses.Validation("file", "Send one form field named 'file' holding the scan."));
        }

        var partType = MediaTypeHeaderValue.TryParse(section.ContentType, out var part) ? part.MediaType.Value?.ToLowerInvariant() : null;
        return (section.Body, partType is not null && ScanFormat.Extensions.ContainsKey(partType) ? partType : null, null);
    }

    private static ApiResult UnsupportedType() => Responses.Problem(415, "Unsupported media type.",
        "Send the scan as application/pdf, image/jpeg, image/png or image/tiff, or as multipart/form-data with a field 'file'.");
}

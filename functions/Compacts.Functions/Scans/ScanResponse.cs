using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Scans;

public sealed record ScanResponse(
    string CompactId, string UnitId, int Version, string Sha256, long Size, string ContentType, string UploadedBy, DateTimeOffset UploadedAt,
    Uri? DownloadUrl = null, DateTimeOffset? DownloadExpiresAt = null)
{
    public static ScanResponse From(ScanVersion v, Uri? url = null, DateTimeOffset? expires = null) =>
        new(v.CompactId, v.UnitId, v.Version, v.Sha256, v.Size, v.ContentType, v.UploadedBy, v.UploadedAt, url, expires);
}

namespace Compacts.Functions.Evidence;

/// <summary>
/// One evidence file as the API shows it; a listing adds a read-only <c>downloadUrl</c> and its expiry, and with malware scanning the
/// scan's result (a file found malicious has no URL).
/// </summary>
public sealed record EvidenceResponse(
    string CompactId, Period Period, string UnitId, string CriterionId, int Revision, int Version, string Sha256, long Size, string ContentType,
    string UploadedBy, DateTimeOffset UploadedAt, Uri? DownloadUrl = null, DateTimeOffset? DownloadExpiresAt = null, string? ScanResult = null)
{
    public static EvidenceResponse From(string compactId, Period period, string unitId, EvidenceFile f) =>
        new(compactId, period, unitId, f.CriterionId, f.Revision, f.Version, f.Sha256, f.Size, f.ContentType, f.UploadedBy, f.UploadedAt);
}

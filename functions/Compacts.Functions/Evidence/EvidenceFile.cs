namespace Compacts.Functions.Evidence;

/// <summary>One stored evidence file: a version of a criterion's evidence for one revision of a report. Never overwritten.</summary>
public sealed record EvidenceFile(
    string CriterionId, int Revision, int Version, string Sha256, long Size, string ContentType, string UploadedBy, DateTimeOffset UploadedAt,
    string BlobName);

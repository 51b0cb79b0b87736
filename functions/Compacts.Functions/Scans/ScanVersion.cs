using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Compacts.Functions.Scans;

public sealed record ScanVersion(
    string CompactId, string UnitId, int Version, string Sha256, long Size, string ContentType, string UploadedBy, DateTimeOffset UploadedAt);

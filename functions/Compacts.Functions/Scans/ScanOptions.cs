using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Compacts.Functions.Scans;

/// <summary>Section <c>Scans</c>.</summary>
public sealed class ScanOptions
{
    public const string SectionName = "Scans";

    public string Container { get; set; } = "scans";

    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Lifetime of a download URL; at most 15.</summary>
    public int DownloadMinutes { get; set; } = 10;
}

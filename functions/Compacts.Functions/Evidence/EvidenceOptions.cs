namespace Compacts.Functions.Evidence;

/// <summary>Section <c>Evidence</c>: where evidence files live and how much of it one report's revision may hold.</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    public string Container { get; set; } = "evidence";

    /// <summary>One file: 20 MiB.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>All files of one revision of a report: 100 MiB.</summary>
    public long MaxReportBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Files (every version counted) of one revision of a report.</summary>
    public int MaxFiles { get; set; } = 50;

    /// <summary>Lifetime of a download URL; at most 15.</summary>
    public int DownloadMinutes { get; set; } = 10;

    /// <summary>
    /// Microsoft Defender for Storage scans the container: a file whose blob index tag says it is malicious gets no download URL.
    /// </summary>
    public bool MalwareScanning { get; set; }
}

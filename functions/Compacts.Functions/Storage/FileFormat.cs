namespace Compacts.Functions.Storage;

/// <summary>
/// The file types uploads accept, recognised from their own bytes (magic numbers), never from names or declared types. A ZIP's first
/// bytes only say "ZIP": whether it is a Word (.docx) or Excel (.xlsx) document is read from its central directory once it is stored
/// (<see cref="OoxmlPackage"/>).
/// </summary>
public static class FileFormat
{
    public const int SniffLength = 8;

    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Tiff = "image/tiff";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What <see cref="Detect"/> says of a ZIP: a candidate for <see cref="Docx"/> or <see cref="Xlsx"/>, never a stored type.</summary>
    public const string Zip = "application/zip";

    public static readonly IReadOnlyDictionary<string, string> Extensions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Pdf] = "pdf",
        [Jpeg] = "jpg",
        [Png] = "png",
        [Tiff] = "tif",
        [Docx] = "docx",
        [Xlsx] = "xlsx",
    };

    /// <summary>Signed scans: PDF and the scanner's images.</summary>
    public static readonly IReadOnlySet<string> ScanTypes = new HashSet<string>(StringComparer.Ordinal) { Pdf, Jpeg, Png, Tiff };

    /// <summary>Evidence files: the scan types and Word and Excel documents.</summary>
    public static readonly IReadOnlySet<string> EvidenceTypes = new HashSet<string>(StringComparer.Ordinal) { Pdf, Jpeg, Png, Tiff, Docx, Xlsx };

    public static bool IsOoxml(string? type) => type is Docx or Xlsx;

    public static string? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => Pdf, // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => Tiff, // little- and big-endian
        [0x50, 0x4B, 0x03, 0x04, ..] => Zip, // PK, a local file header
        _ => null,
    };
}

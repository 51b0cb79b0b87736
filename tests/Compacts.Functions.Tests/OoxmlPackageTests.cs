using System.IO.Compression;

namespace Compacts.Functions.Tests;

/// <summary>Word and Excel told from other ZIPs by the central directory alone, read from the end of the file.</summary>
public sealed class OoxmlPackageTests
{
    private static string? Kind(byte[] file)
    {
        var tail = file.AsSpan(Math.Max(0, file.Length - OoxmlPackage.MaxTail));
        return OoxmlPackage.Directory(tail, file.Length) is { } directory
            ? OoxmlPackage.Kind(file.AsSpan((int)directory.Offset, directory.Length))
            : null;
    }

    [Fact]
    public void Word_and_Excel_packages_are_told_apart_and_a_ZIP_without_the_parts_is_neither()
    {
        Assert.Equal(FileFormat.Docx, Kind(EvidenceCalls.Word()));
        Assert.Equal(FileFormat.Xlsx, Kind(EvidenceCalls.Excel()));
        Assert.Null(Kind(EvidenceCalls.Zip("readme.txt")));
        Assert.Null(Kind(EvidenceCalls.Zip("[Content_Types].xml", "word/document.xml", "xl/workbook.xml")));
        Assert.Null(Kind(EvidenceCalls.Zip("word/document.xml")));
    }

    [Fact]
    public void An_archive_comment_is_skipped_and_a_file_cut_short_is_no_package()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.Comment = "Biên bản bàn giao nhà tình nghĩa PK\u0005\u0006";
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }

        var commented = buffer.ToArray();

        Assert.Equal(FileFormat.Docx, Kind(commented));
        Assert.Null(Kind(commented[..^30]));
        Assert.Null(Kind(EvidenceCalls.Word()[..100]));
        Assert.Equal(FileFormat.Zip, FileFormat.Detect(commented));
    }
}

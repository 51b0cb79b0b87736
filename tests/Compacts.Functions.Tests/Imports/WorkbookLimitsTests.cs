using System.IO.Compression;

namespace Compacts.Functions.Tests.Imports;

/// <summary>
/// What an upload may be: 5 MiB as sent, 50 MiB unpacked (the ZIP's directory and the inflated bytes both counted), 1,000 rows
/// (413 above each); a file that is no workbook 415 (or 400 when it is a broken ZIP). Nothing is stored by any of them.
/// </summary>
public sealed class WorkbookLimitsTests : SeededAppTests
{
    private const int MiB = 1024 * 1024;

    private async Task<TestResponse> RefusedAsync(byte[] workbook, int status, string contentType = ImportCalls.Xlsx)
    {
        var before = await App.DumpAsync();
        var response = await App.ImportReports(ImportCalls.Upload("POST", workbook, contentType: contentType), "2024-03");
        Assert.True(response.Status == status, response.ToString());
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(before, await App.DumpAsync());
        return response;
    }

    private static byte[] Noise(int bytes)
    {
        var noise = new byte[bytes];
        new Random(7).NextBytes(noise);
        return noise;
    }

    [Fact]
    public async Task A_workbook_just_under_5_MiB_is_read_and_one_just_over_is_413()
    {
        var small = ImportCalls.Reports().Build().Length;
        var under = ImportCalls.Reports().Extra("xl/media/image1.png", Noise((5 * MiB) - small - 4096)).Build();
        var over = ImportCalls.Reports().Extra("xl/media/image1.png", Noise((5 * MiB) - small + 4096)).Build();
        Assert.InRange(under.Length, (5 * MiB) - 8192, 5 * MiB);
        Assert.InRange(over.Length, (5 * MiB) + 1, (5 * MiB) + 8192);

        var read = await App.ImportReports(under, "2024-03");

        Assert.True(read.Status == 200, read.ToString());
        await RefusedAsync(over, 413);
    }

    [Fact]
    public async Task A_workbook_unpacking_to_just_under_50_MiB_is_read_and_just_over_is_413()
    {
        var under = ImportCalls.Reports().Extra("xl/media/blank.bmp", new byte[49 * MiB], CompressionLevel.Optimal).Build();
        var over = ImportCalls.Reports().Extra("xl/media/blank.bmp", new byte[(50 * MiB) + 1], CompressionLevel.Optimal).Build();

        var read = await App.ImportReports(under, "2024-03");

        Assert.True(read.Status == 200, read.ToString());
        Assert.Contains("50 MB", (await RefusedAsync(over, 413)).Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_bomb_whose_directory_understates_its_sheet_is_refused_while_inflating()
    {
        // 60 MiB of spaces inside the sheet's XML deflate to about 60 KB; the directory claims 4 KB.
        var sheet = ImportCalls.Reports().RawRows(rows => rows.Append(' ', 60 * MiB));
        var bomb = TestWorkbook.WithDeclaredSize(sheet.Build(), "xl/worksheets/sheet1.xml", 4096);
        Assert.True(bomb.Length < MiB);

        await RefusedAsync(bomb, 413);
    }

    [Fact]
    public async Task A_zip_bomb_that_declares_its_size_is_refused_from_the_directory()
    {
        var sheet = ImportCalls.Reports().RawRows(rows => rows.Append(' ', 60 * MiB));
        await RefusedAsync(sheet.Build(), 413);
    }

    [Fact]
    public async Task A_sheet_of_1000001_rows_is_413_without_reading_it_whole()
    {
        var book = ImportCalls.Header().RawRows(rows =>
        {
            for (var i = 0; i < 1_000_001; i++)
            {
                rows.Append("<row><c><v>1</v></c></row>");
            }
        });

        var response = await RefusedAsync(book.Build(), 413);

        Assert.Contains("1000 rows", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_thousand_rows_are_read_and_1001_are_413()
    {
        TestWorkbook Rows(int n) => ImportCalls.Header().RawRows(rows =>
        {
            for (var i = 0; i < n; i++)
            {
                rows.Append("<row><c t=\"inlineStr\"><is><t>nghe-an</t></is></c></row>");
            }
        });

        var thousand = await RefusedAsync(Rows(1000).Build(), 413); // read, then more reports than one import holds
        Assert.Contains("At most 100 reports", thousand.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var over = await RefusedAsync(Rows(1001).Build(), 413);
        Assert.Contains("more than 1000 rows", over.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string, int> NotWorkbooks => new()
    {
        { "a PDF declared as a workbook", "%PDF-1.7\n1 0 obj\n"u8.ToArray(), ImportCalls.Xlsx, 415 },
        { "text declared as a workbook", "unitId,note\nnghe-an,x\n"u8.ToArray(), ImportCalls.Xlsx, 415 },
        { "a workbook sent as CSV", ImportCalls.Reports().Build(), "text/csv", 415 },
        { "a Word document", EvidenceCalls.Word(), ImportCalls.Xlsx, 415 },
        { "a ZIP of other files", Zip(("readme.txt", "hello")), ImportCalls.Xlsx, 415 },
        { "a ZIP's first bytes and nothing more", "PK\u0003\u0004 broken"u8.ToArray(), ImportCalls.Xlsx, 400 },
        { "an empty body", [], ImportCalls.Xlsx, 400 },
        { "a workbook with a broken sheet", BrokenSheet(), ImportCalls.Xlsx, 400 },
    };

    [Theory]
    [MemberData(nameof(NotWorkbooks))]
    public async Task A_file_that_is_no_readable_workbook_is_refused_clearly(string because, byte[] body, string contentType, int status)
    {
        var response = await RefusedAsync(body, status, contentType);
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("detail").GetString()), because);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return stream.ToArray();
    }

    private static byte[] BrokenSheet() => ImportCalls.Header().RawRows(rows => rows.Append("<row><c><v>1</v></row>")).Build();
}

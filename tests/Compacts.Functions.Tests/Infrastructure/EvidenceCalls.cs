using System.IO.Compression;
using Compacts.Functions.Evidence;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>The evidence routes called the way the Functions host calls them, and files to upload.</summary>
public static class EvidenceCalls
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<TestResponse> PutEvidence(
        this TestApp app, TestRequest request, string criterionId, string unitId = "nghe-an", string period = ReviewCalls.Period, Stream? body = null) =>
        app.SendAsync<EvidenceFunctions>(request, (f, req, ct) =>
        {
            if (body is not null)
            {
                req.Body = body;
            }

            return f.PutEvidence(req, TestApp.CompactId, period, unitId, criterionId, ct);
        });

    public static Task<TestResponse> GetEvidence(this TestApp app, string? principal, string unitId = "nghe-an", string period = ReviewCalls.Period, int? revision = null) =>
        app.SendAsync<EvidenceFunctions>(TestRequest.Get(principal), (f, req, ct) =>
        {
            if (revision is not null)
            {
                req.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?revision={revision}");
            }

            return f.GetEvidence(req, TestApp.CompactId, period, unitId, ct);
        });

    public static Task<TestResponse> GetEvidenceFile(
        this TestApp app, string? principal, string criterionId, string version, string unitId = "nghe-an", int? revision = null) =>
        app.SendAsync<EvidenceFunctions>(TestRequest.Get(principal), (f, req, ct) =>
        {
            if (revision is not null)
            {
                req.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?revision={revision}");
            }

            return f.GetEvidenceFile(req, TestApp.CompactId, ReviewCalls.Period, unitId, criterionId, version, ct);
        });

    /// <summary>A PDF of about 70 KB.</summary>
    public static byte[] Pdf() => ScansTests.Sample("%PDF-1.7\n"u8);

    /// <summary>A ZIP holding <paramref name="parts"/> (each a little XML), as Office writes a package.</summary>
    public static byte[] Zip(params string[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x>Minh chứng</x>");
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Word() => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml");

    public static byte[] Excel() => Zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml");

    /// <summary>The demo compact with <paramref name="criteria"/> asking for evidence, written by an admin.</summary>
    public static async Task RequireEvidenceAsync(this TestApp app, params string[] criteria)
    {
        var draft = TestApp.DemoCompactDraft();
        draft = draft with
        {
            Contents = [.. draft.Contents!.Select(c => c! with
            {
                Criteria = [.. c.Criteria!.Select(k => k is not null && criteria.Contains(k.Id) ? k with { Evidence = "required" } : k)],
            })],
        };
        var response = await app.PutCompact(TestRequest.PutJson(Principals.Admin, draft));
        Assert.True(response.Status is 200 or 201, response.ToString());
    }

    /// <summary>The listed files as (criterionId, version).</summary>
    public static List<(string Criterion, int Version)> Files(this TestResponse listing) =>
        listing.Json.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("criterionId").GetString()!, f.GetProperty("version").GetInt32())).ToList();
}

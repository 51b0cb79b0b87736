using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Compacts.Functions.Evidence;

namespace Compacts.Functions.Tests;

/// <summary>Evidence files per criterion (#19) through the HTTP functions, on Azurite: types, limits, versions, freezing, the rule.</summary>
public sealed class EvidenceTests() : ReviewAppTests(DateTimeOffset.UtcNow) // download URLs are checked by Azurite against the real clock
{
    private const string Criterion = "crime-reduction";
    private const int FileLimit = 20 * 1024 * 1024;
    private static readonly HttpClient Download = new();

    private BlobContainerClient Container => App.Get<BlobServiceClient>().GetBlobContainerClient($"{App.Prefix}-evidence");

    private Task<TestResponse> Put(byte[] bytes, string contentType, string criterionId = Criterion, string? principal = null) =>
        App.PutEvidence(TestRequest.Put(principal ?? Reporter, bytes, contentType), criterionId);

    /// <summary>Blobs in the container and evidence rows in the reports table.</summary>
    private async Task<(int Blobs, int Rows)> Stored()
    {
        var blobs = 0;
        if (await Container.ExistsAsync())
        {
            await foreach (var _ in Container.GetBlobsAsync())
            {
                blobs++;
            }
        }

        return (blobs, (await App.DumpAsync()).Count(r => r.Contains("|evf_", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string> Types => new()
    {
        { "application/pdf", "pdf" },
        { "image/jpeg", "jpeg" },
        { "image/png", "png" },
        { "image/tiff", "tiff" },
        { EvidenceCalls.Docx, "docx" },
        { EvidenceCalls.Xlsx, "xlsx" },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => EvidenceCalls.Pdf(),
        "jpeg" => ScansTests.Sample([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
        "png" => ScansTests.Sample([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
        "tiff" => ScansTests.Sample([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]),
        "docx" => EvidenceCalls.Word(),
        _ => EvidenceCalls.Excel(),
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Each_accepted_type_is_stored_with_its_SHA256_and_downloads_byte_for_byte(string contentType, string kind)
    {
        await SubmitAsync();
        var bytes = Sample(kind);

        var put = await Put(bytes, contentType);

        Assert.Equal(201, put.Status);
        Assert.Equal(contentType, put.Json.GetProperty("contentType").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), put.Json.GetProperty("sha256").GetString());
        Assert.Equal(Principals.ReporterId(Unit), put.Json.GetProperty("uploadedBy").GetString());
        Assert.Equal((1, 1), (put.Json.GetProperty("revision").GetInt32(), put.Json.GetProperty("version").GetInt32()));
        var listed = (await App.GetEvidence(Head)).Json.GetProperty("files")[0];
        Assert.True(listed.GetProperty("downloadExpiresAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddMinutes(15));
        using var response = await Download.GetAsync(new Uri(listed.GetProperty("downloadUrl").GetString()!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Word_and_Excel_are_told_by_their_parts_whatever_the_name_or_an_untyped_part_says()
    {
        await SubmitAsync();

        var word = await App.PutEvidence(TestRequest.Multipart(Reporter, "file", "bang-tinh.xlsx", "application/octet-stream", EvidenceCalls.Word()), Criterion);
        var excel = await App.PutEvidence(TestRequest.Multipart(Reporter, "file", "quyet-dinh.docx", "application/octet-stream", EvidenceCalls.Excel()), Criterion);

        Assert.Equal(EvidenceCalls.Docx, word.Json.GetProperty("contentType").GetString());
        Assert.Equal(EvidenceCalls.Xlsx, excel.Json.GetProperty("contentType").GetString());
        Assert.Equal([(Criterion, 1), (Criterion, 2)], (await App.GetEvidence(Reporter)).Files());
    }

    public static TheoryData<string, int> Refused => new()
    {
        { "a PNG declared as PDF", 415 },
        { "a Word document declared as Excel", 415 },
        { "a PDF declared as Word", 415 },
        { "a ZIP without the office parts", 415 },
        { "a ZIP with Word's part but no content types", 415 },
        { "a text file", 415 },
        { "an empty body", 400 },
        { "a body one byte over 20 MiB", 413 },
        { "a truncated multipart body", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_upload_leaves_no_blob_and_lists_nothing(string because, int status)
    {
        await SubmitAsync();
        var tooBig = new byte[FileLimit + 1];
        "%PDF-1.7\n"u8.CopyTo(tooBig);
        var request = because switch
        {
            "a PNG declared as PDF" => TestRequest.Put(Reporter, Sample("png"), "application/pdf"),
            "a Word document declared as Excel" => TestRequest.Put(Reporter, EvidenceCalls.Word(), EvidenceCalls.Xlsx),
            "a PDF declared as Word" => TestRequest.Put(Reporter, EvidenceCalls.Pdf(), EvidenceCalls.Docx),
            "a ZIP without the office parts" => TestRequest.Multipart(Reporter, "file", "minh-chung.docx", EvidenceCalls.Docx, EvidenceCalls.Zip("readme.txt")),
            "a ZIP with Word's part but no content types" => TestRequest.Put(Reporter, EvidenceCalls.Zip("word/document.xml"), EvidenceCalls.Docx),
            "a text file" => TestRequest.Multipart(Reporter, "file", "a.pdf", "application/octet-stream", "Đây không phải là PDF"u8.ToArray()),
            "an empty body" => TestRequest.Put(Reporter, [], "application/pdf"),
            "a body one byte over 20 MiB" => TestRequest.Put(Reporter, tooBig, "application/pdf"),
            _ => new TestRequest("PUT", Reporter, "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 and then"u8.ToArray(), "multipart/form-data; boundary=B"),
        };

        var response = await App.PutEvidence(request, Criterion);

        Expect.Equal(status, response.Status, $"{because}: {response}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal((0, 0), await Stored());
        Assert.Empty((await App.GetEvidence(Reporter)).Files());
    }

    [Fact]
    public async Task A_file_of_exactly_20_MiB_is_accepted()
    {
        await SubmitAsync();
        var bytes = new byte[FileLimit];
        "%PDF-1.7\n"u8.CopyTo(bytes);

        var response = await Put(bytes, "application/pdf");

        Assert.Equal(201, response.Status);
        Assert.Equal(FileLimit, response.Json.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task An_upload_that_breaks_off_midway_leaves_nothing_listed_and_no_blob()
    {
        await SubmitAsync();
        var bytes = new byte[9 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(bytes);

        // Two 4 MiB blocks reach storage, then the client's connection drops.
        var response = await App.PutEvidence(TestRequest.Put(Reporter, bytes, "application/pdf"), Criterion,
            body: new BreakingStream(bytes, breakAt: 8 * 1024 * 1024 + 100));

        Assert.Equal(400, response.Status);
        Assert.Equal((0, 0), await Stored());
        Assert.Empty((await App.GetEvidence(Reporter)).Files());
    }

    [Fact]
    public async Task The_revisions_file_count_and_total_are_limited_and_an_upload_over_them_stores_nothing()
    {
        await using var app = new TestApp(DateTimeOffset.UtcNow, new Dictionary<string, string?>
        {
            ["Evidence:MaxFiles"] = "3",
            ["Evidence:MaxReportBytes"] = "200000",
        });
        await app.SeedAsync();
        await app.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), ReviewCalls.Period, Unit);
        var pdf = EvidenceCalls.Pdf(); // about 70 KB

        var first = await app.PutEvidence(TestRequest.Put(Reporter, pdf, "application/pdf"), Criterion);
        var second = await app.PutEvidence(TestRequest.Put(Reporter, pdf, "application/pdf"), "ministry-targets");
        var overTotal = await app.PutEvidence(TestRequest.Put(Reporter, pdf, "application/pdf"), "bonus");
        var small = await app.PutEvidence(TestRequest.Put(Reporter, "%PDF-1.7\n%%EOF\n"u8.ToArray(), "application/pdf"), "bonus");
        var overCount = await app.PutEvidence(TestRequest.Put(Reporter, "%PDF-1.7\n%%EOF\n"u8.ToArray(), "application/pdf"), "bonus");

        Assert.Equal([201, 201, 413, 201, 413], new[] { first, second, overTotal, small, overCount }.Select(r => r.Status));
        var listing = await app.GetEvidence(Reporter);
        Assert.Equal(3, listing.Json.GetProperty("count").GetInt32());
        Assert.Equal(2 * pdf.Length + 15, listing.Json.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Every_upload_is_a_new_version_and_a_new_revision_starts_its_own_set()
    {
        await SubmitAsync();
        await Put(EvidenceCalls.Pdf(), "application/pdf");
        await Put(EvidenceCalls.Pdf(), "application/pdf", principal: Principals.Admin);
        await Put(EvidenceCalls.Word(), EvidenceCalls.Docx, "bonus");
        var second = await SubmitAsync(crimes: 1170);

        var upload = await Put(EvidenceCalls.Excel(), EvidenceCalls.Xlsx, "charity-houses");

        Assert.Equal(2, second);
        Assert.Equal((2, 1), (upload.Json.GetProperty("revision").GetInt32(), upload.Json.GetProperty("version").GetInt32()));
        Assert.Equal([("charity-houses", 1)], (await App.GetEvidence(Head)).Files());
        var first = await App.GetEvidence(Head, revision: 1);
        Assert.Equal([("bonus", 1), (Criterion, 1), (Criterion, 2)], first.Files());
        Assert.Equal(Principals.AdminUser, first.Json.GetProperty("files")[2].GetProperty("uploadedBy").GetString());
        Assert.False(first.Json.TryGetProperty("missing", out _));
        Assert.Equal(400, (await App.GetEvidence(Head, revision: 3)).Status);
        var one = await App.GetEvidenceFile(Head, Criterion, "2", revision: 1);
        Assert.Equal((200, Principals.AdminUser), (one.Status, one.Json.GetProperty("uploadedBy").GetString()));
        Assert.True(one.Json.TryGetProperty("downloadUrl", out _));
        Assert.Equal(404, (await App.GetEvidenceFile(Head, Criterion, "1")).Status); // revision 2 has none for it
        Assert.Equal(400, (await App.GetEvidenceFile(Head, Criterion, "0", revision: 1)).Status);
        Assert.Equal(403, (await App.GetEvidenceFile(Principals.ReporterOf("ha-tinh"), "charity-houses", "1")).Status);
    }

    [Fact]
    public async Task The_unit_and_admins_upload_the_unit_its_reviewers_and_admins_read_other_members_neither()
    {
        await SubmitAsync();
        var other = Principals.ReporterOf("ha-tinh");

        Assert.Equal(201, (await Put(EvidenceCalls.Pdf(), "application/pdf")).Status);
        Assert.Equal(201, (await Put(EvidenceCalls.Pdf(), "application/pdf", principal: Principals.Admin)).Status);
        Assert.Equal(403, (await Put(EvidenceCalls.Pdf(), "application/pdf", principal: Head)).Status);
        Assert.Equal(403, (await Put(EvidenceCalls.Pdf(), "application/pdf", principal: other)).Status);
        Assert.Equal(401, (await App.PutEvidence(TestRequest.Put(null, EvidenceCalls.Pdf(), "application/pdf"), Criterion)).Status);
        var reads = await Task.WhenAll(new[] { Reporter, Head, Principals.Admin, other, Principals.Unregistered }.Select(async p => (await App.GetEvidence(p)).Status));
        Assert.Equal([200, 200, 200, 403, 403], reads);
        Assert.Equal((2, 2), await Stored());
    }

    [Fact]
    public async Task An_unknown_or_unassigned_criterion_or_a_missing_report_is_404()
    {
        Assert.Equal(404, (await Put(EvidenceCalls.Pdf(), "application/pdf")).Status); // no report yet
        await SubmitAsync();

        Assert.Equal(404, (await Put(EvidenceCalls.Pdf(), "application/pdf", "no-such-criterion")).Status);
        Assert.Equal(400, (await Put(EvidenceCalls.Pdf(), "application/pdf", "Crime_Reduction")).Status);
        Assert.Equal(404, (await App.GetEvidence(Reporter, period: "2024-02")).Status);
        Assert.Equal((0, 0), await Stored());
    }

    [Fact]
    public async Task A_confirmed_revisions_evidence_is_frozen_until_a_new_revision_reopens_it()
    {
        await App.SetReviewRequiredAsync(false); // else the confirm of March's only report makes March final, and locked to the reporter
        var revision = await SubmitAsync();
        await Put(EvidenceCalls.Pdf(), "application/pdf");
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Confirm(revision))).Status);

        var frozen = await Put(EvidenceCalls.Pdf(), "application/pdf");

        Assert.Equal(409, frozen.Status);
        Assert.Equal("confirmed", frozen.Json.GetProperty("state").GetString());
        Assert.Equal((1, 1), await Stored());
        await SubmitAsync(crimes: 1170);
        Assert.Equal(201, (await Put(EvidenceCalls.Pdf(), "application/pdf")).Status);
    }

    [Fact]
    public async Task An_upload_racing_a_confirm_is_refused_whole_when_the_confirm_commits_first()
    {
        var revision = await SubmitAsync();
        var bytes = EvidenceCalls.Pdf();
        var body = new BreakingStream(bytes, breakAt: null);

        var upload = App.PutEvidence(TestRequest.Put(Reporter, bytes, "application/pdf"), Criterion, body: body);
        await body.Reading.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the upload has read the report (submitted) and streams
        var confirm = await App.PostReview(Head, Unit, ReviewCalls.Confirm(revision));
        body.Release.SetResult();
        var refused = await upload;

        Assert.Equal(201, confirm.Status);
        Assert.Equal(409, refused.Status);
        Assert.Equal((0, 0), await Stored());
    }

    [Fact]
    public async Task A_confirm_without_the_required_evidence_is_409_naming_the_criteria_and_goes_through_once_it_is_uploaded()
    {
        await App.RequireEvidenceAsync(Criterion, "charity-houses", "ministry-targets", "bonus");
        var revision = await SubmitAsync(crimes: 600); // below March's share of the 2,650 baseline (662.5): scores; 2 charity houses; targets met; no bonus

        var refused = await App.PostReview(Head, Unit, ReviewCalls.Confirm(revision));

        Assert.Equal(409, refused.Status);
        Assert.Equal(["ministry-targets", Criterion, "charity-houses"],
            refused.Json.GetProperty("missingEvidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("crime-reduction", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("submitted", await StateAsync());
        Assert.Equal(["ministry-targets", Criterion, "charity-houses"],
            (await App.GetEvidence(Head)).Json.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));

        await Put(EvidenceCalls.Pdf(), "application/pdf");
        await Put(EvidenceCalls.Word(), EvidenceCalls.Docx, "ministry-targets");
        var correctedAway = ReviewCalls.Confirm(revision, items: new Dictionary<string, object>
        {
            ["charity-houses"] = new { value = 0, comment = "Chưa có biên bản bàn giao" },
        });

        var confirmed = await App.PostReview(Head, Unit, correctedAway);

        Assert.Equal(201, confirmed.Status);
        Assert.Equal("confirmed", await StateAsync());
        Assert.Empty((await App.GetEvidence(Head)).Json.GetProperty("missing").EnumerateArray());
    }

    [Fact]
    public async Task With_malware_scanning_a_file_tagged_malicious_gets_no_download_url_and_is_refused_with_409()
    {
        await using var app = new TestApp(DateTimeOffset.UtcNow, new Dictionary<string, string?> { ["Evidence:MalwareScanning"] = "true" });
        await app.SeedAsync();
        await app.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), ReviewCalls.Period, Unit);
        await app.PutEvidence(TestRequest.Put(Reporter, EvidenceCalls.Pdf(), "application/pdf"), Criterion);
        await app.PutEvidence(TestRequest.Put(Reporter, EvidenceCalls.Pdf(), "application/pdf"), "bonus");
        var container = app.Get<BlobServiceClient>().GetBlobContainerClient($"{app.Prefix}-evidence");
        await foreach (var blob in container.GetBlobsAsync())
        {
            var verdict = blob.Name.Contains("/bonus/", StringComparison.Ordinal) ? "No threats found" : "Malicious";
            await container.GetBlobClient(blob.Name).SetTagsAsync(new Dictionary<string, string> { ["Malware Scanning scan result"] = verdict });
        }

        var files = (await app.GetEvidence(Head)).Json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("criterionId").GetString()!);

        Assert.Equal("Malicious", files[Criterion].GetProperty("scanResult").GetString());
        Assert.False(files[Criterion].TryGetProperty("downloadUrl", out _));
        Assert.Equal("No threats found", files["bonus"].GetProperty("scanResult").GetString());
        Assert.True(files["bonus"].TryGetProperty("downloadUrl", out _));
        var blocked = await app.GetEvidenceFile(Head, Criterion, "1");
        Assert.Equal(409, blocked.Status);
        Assert.Contains("Malicious", blocked.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var clean = await app.GetEvidenceFile(Head, "bonus", "1");
        Assert.Equal(200, clean.Status);
        Assert.StartsWith("http", clean.Json.GetProperty("downloadUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_malware_scanning_a_file_found_malicious_is_no_evidence_for_a_confirm_and_a_later_unscanned_version_is()
    {
        await using var app = new TestApp(DateTimeOffset.UtcNow, new Dictionary<string, string?> { ["Evidence:MalwareScanning"] = "true" });
        await app.SeedAsync();
        await app.RequireEvidenceAsync(Criterion);
        var report = await app.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 600)), ReviewCalls.Period, Unit); // scores
        var revision = report.Json.GetProperty("revision").GetInt32();
        Assert.Equal(201, (await app.PutEvidence(TestRequest.Put(Reporter, EvidenceCalls.Pdf(), "application/pdf"), Criterion)).Status);
        var container = app.Get<BlobServiceClient>().GetBlobContainerClient($"{app.Prefix}-evidence");
        await foreach (var blob in container.GetBlobsAsync())
        {
            await container.GetBlobClient(blob.Name).SetTagsAsync(new Dictionary<string, string> { [EvidenceStore.MalwareTag] = EvidenceStore.Malicious });
        }

        var refused = await app.PostReview(Head, Unit, ReviewCalls.Confirm(revision));

        Assert.Equal(409, refused.Status);
        Assert.Equal([Criterion], refused.Json.GetProperty("missingEvidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("malware scanning found malicious", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([Criterion], (await app.GetEvidence(Head)).Json.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("submitted", (await app.GetReport(Principals.Admin, ReviewCalls.Period, Unit)).Json.GetProperty("review").GetProperty("state").GetString());

        Assert.Equal(2, (await app.PutEvidence(TestRequest.Put(Reporter, EvidenceCalls.Pdf(), "application/pdf"), Criterion)).Json.GetProperty("version").GetInt32());

        Assert.Empty((await app.GetEvidence(Head)).Json.GetProperty("missing").EnumerateArray()); // not yet scanned: it counts, as it is served
        Assert.Equal(201, (await app.PostReview(Head, Unit, ReviewCalls.Confirm(revision))).Status);
    }

    /// <summary>
    /// A request body that breaks off with an <see cref="IOException"/> at <c>breakAt</c>, or (null) waits after its first read until
    /// <see cref="Release"/> is set, telling <see cref="Reading"/> that the upload is under way.
    /// </summary>
    private sealed class BreakingStream(byte[] bytes, int? breakAt) : MemoryStream(bytes, writable: false)
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (breakAt is { } at && Position + buffer.Length > at)
            {
                throw new IOException("The client's connection was reset.");
            }

            if (breakAt is null && Position > 0)
            {
                Reading.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

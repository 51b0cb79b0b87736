using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Compacts.Functions.Tests;

public sealed class ScansTests : IAsyncLifetime
{
    private const int Limit = 20 * 1024 * 1024;
    private static readonly HttpClient Download = new();
    private readonly TestApp _app = new(DateTimeOffset.UtcNow); // download URLs are checked by Azurite against the real clock
    private static readonly string Reporter = Principals.ReporterOf("nghe-an");

    public Task InitializeAsync() => _app.SeedAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, byte[]> Samples => new()
    {
        { "application/pdf", Sample("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8) },
        { "image/jpeg", Sample([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]) },
        { "image/png", Sample([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]) },
        { "image/tiff", Sample([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]) },
    };

    /// <summary>A file of about 70 KB that starts with <paramref name="head"/> (random bytes after it).</summary>
    internal static byte[] Sample(ReadOnlySpan<byte> head)
    {
        var bytes = new byte[head.Length + 70_000];
        head.CopyTo(bytes);
        new Random(head.Length).NextBytes(bytes.AsSpan(head.Length));
        return bytes;
    }

    private Task<TestResponse> Put(TestRequest request, string unitId = "nghe-an") =>
        _app.SendAsync<ScansFunctions>(request, (f, req, ct) => f.PutScan(req, TestApp.CompactId, unitId, ct));

    private Task<TestResponse> List(string? principal, string unitId = "nghe-an") =>
        _app.SendAsync<ScansFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetScans(req, TestApp.CompactId, unitId, ct));

    private BlobContainerClient Container => _app.Get<BlobServiceClient>().GetBlobContainerClient($"{_app.Prefix}-scans");

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

        var rows = (await _app.DumpAsync()).Count(r => r.StartsWith("scans|", StringComparison.Ordinal));
        return (blobs, rows);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Each_accepted_type_round_trips_byte_for_byte_with_its_SHA256(string contentType, byte[] bytes)
    {
        var put = await Put(TestRequest.Put(Reporter, bytes, contentType));

        Assert.Equal(201, put.Status);
        Assert.Equal(1, put.Json.GetProperty("version").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), put.Json.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, put.Json.GetProperty("size").GetInt64());
        Assert.Equal(contentType, put.Json.GetProperty("contentType").GetString());
        Assert.Equal(Principals.ReporterId("nghe-an"), put.Json.GetProperty("uploadedBy").GetString());

        var listed = (await List(Principals.ReporterOf("ha-tinh"))).Json.GetProperty("versions")[0];
        var url = new Uri(listed.GetProperty("downloadUrl").GetString()!);
        Assert.True(DateTimeOffset.Parse(listed.GetProperty("downloadExpiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow.AddMinutes(15));
        using var response = await Download.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_multipart_file_field_is_accepted_and_versions_accumulate()
    {
        var pdf = Sample("%PDF-1.4\n"u8);
        var first = await Put(Multipart("file", "giao-uoc.pdf", "application/pdf", pdf));
        var second = await Put(Multipart("file", "scan.bin", "application/octet-stream", pdf));
        var versions = (await List(Principals.Admin)).Json.GetProperty("versions");

        Assert.Equal(201, first.Status);
        Assert.Equal(2, second.Json.GetProperty("version").GetInt32());
        Assert.Equal("application/pdf", second.Json.GetProperty("contentType").GetString());
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), first.Json.GetProperty("sha256").GetString());
    }

    public static TheoryData<string, int> Refused => new()
    {
        { "a PNG declared as PDF", 415 },
        { "a text file named .pdf", 415 },
        { "an empty body", 400 },
        { "a body one byte over the limit", 413 },
        { "a declared type that is not a scan", 415 },
        { "a multipart body without a file field", 400 },
        { "a truncated multipart body", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_upload_leaves_no_blob_and_no_row(string because, int status)
    {
        var png = Sample([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var tooBig = new byte[Limit + 1];
        "%PDF-1.7\n"u8.CopyTo(tooBig);
        var request = because switch
        {
            "a PNG declared as PDF" => TestRequest.Put(Reporter, png, "application/pdf"),
            "a text file named .pdf" => Multipart("file", "giao-uoc.pdf", "application/pdf", Encoding.UTF8.GetBytes("Đây không phải là PDF")),
            "an empty body" => TestRequest.Put(Reporter, [], "application/pdf"),
            "a body one byte over the limit" => TestRequest.Put(Reporter, tooBig, "application/pdf"),
            "a declared type that is not a scan" => TestRequest.Put(Reporter, Sample("%PDF-1.7"u8), "text/plain"),
            "a multipart body without a file field" => Multipart("note", null, "text/plain", "xin chào"u8.ToArray()),
            _ => new TestRequest("PUT", Reporter, Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 and then it stops"), "multipart/form-data; boundary=B"),
        };

        var response = await Put(request);

        Expect.Equal(status, response.Status, $"{because}: {response}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal((0, 0), await Stored());
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted()
    {
        var bytes = new byte[Limit];
        "%PDF-1.7\n"u8.CopyTo(bytes);

        var response = await Put(TestRequest.Put(Reporter, bytes, "application/pdf"));

        Assert.Equal(201, response.Status);
        Assert.Equal(Limit, response.Json.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_tampered_or_expired_download_url_does_not_download()
    {
        await Put(TestRequest.Put(Reporter, Sample("%PDF-1.7"u8), "application/pdf"));
        var url = (await List(Reporter)).Json.GetProperty("versions")[0].GetProperty("downloadUrl").GetString()!;
        var tampered = url.Replace("sp=r", "sp=rw", StringComparison.Ordinal);
        var otherBlob = url.Replace("000001.pdf", "000002.pdf", StringComparison.Ordinal);
        var withoutSas = url[..url.IndexOf('?', StringComparison.Ordinal)];

        // The same blob signed by an app whose clock reads an hour ago: its 10-minute URL has expired.
        await using var past = new TestApp(DateTimeOffset.UtcNow.AddHours(-1));
        var signed = (await past.Get<Scans.ScanStore>().DownloadUrlAsync(
            new Scans.ScanVersion(TestApp.CompactId, "nghe-an", 1, "", 0, "application/pdf", "", DateTimeOffset.UtcNow), default)).Url;
        var expired = new Uri(url[..url.IndexOf('?', StringComparison.Ordinal)] + signed.Query); // same blob, old signature

        Assert.Equal(HttpStatusCode.OK, (await Download.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Download.GetAsync(tampered)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Download.GetAsync(otherBlob)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Download.GetAsync(withoutSas)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Download.GetAsync(expired)).StatusCode);
        Assert.Equal(PublicAccessType.None, (await Container.GetPropertiesAsync()).Value.PublicAccess);
    }

    [Fact]
    public async Task A_reporter_of_another_unit_may_not_upload_and_nothing_is_stored()
    {
        var response = await Put(TestRequest.Put(Principals.ReporterOf("ha-tinh"), Sample("%PDF-1.7"u8), "application/pdf"));

        Assert.Equal(403, response.Status);
        Assert.Equal((0, 0), await Stored());
        Assert.Equal(401, (await List(null)).Status);
    }

    [Fact]
    public async Task Two_concurrent_uploads_become_versions_1_and_2()
    {
        var responses = await Task.WhenAll(
            Put(TestRequest.Put(Reporter, Sample("%PDF-1.7"u8), "application/pdf")),
            Put(TestRequest.Put(Principals.Admin, Sample([0xFF, 0xD8, 0xFF, 0xE1]), "image/jpeg")));

        Assert.All(responses, r => Assert.Equal(201, r.Status));
        Assert.Equal([1, 2], responses.Select(r => r.Json.GetProperty("version").GetInt32()).Order());
        Assert.Equal((2, 2), await Stored());
    }

    [Fact]
    public async Task The_head_and_admins_see_which_members_have_a_scan()
    {
        await Put(TestRequest.Put(Reporter, Sample("%PDF-1.7"u8), "application/pdf"));
        await Put(TestRequest.Put(Reporter, Sample("%PDF-1.7"u8), "application/pdf"));

        var head = await _app.SendAsync<ScansFunctions>(TestRequest.Get(Principals.ReporterOf("thanh-hoa")), (f, req, ct) => f.GetCompactScans(req, TestApp.CompactId, ct));
        var member = await _app.SendAsync<ScansFunctions>(TestRequest.Get(Reporter), (f, req, ct) => f.GetCompactScans(req, TestApp.CompactId, ct));

        Assert.Equal(200, head.Status);
        var scanned = Assert.Single(head.Json.GetProperty("scanned").EnumerateArray());
        Assert.Equal("nghe-an", scanned.GetProperty("unitId").GetString());
        Assert.Equal(2, scanned.GetProperty("versions").GetInt32());
        Assert.Equal(4, head.Json.GetProperty("missing").GetArrayLength());
        Assert.Equal(403, member.Status);
    }

    private static TestRequest Multipart(string field, string? fileName, string partType, byte[] content) =>
        TestRequest.Multipart(Reporter, field, fileName, partType, content);
}

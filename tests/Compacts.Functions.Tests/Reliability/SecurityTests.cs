using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>The authorization matrix of the contract, over HTTP: every route × no principal, reporter of the unit, reporter of another unit, head, admin.</summary>
[Trait("Category", "Reliability")]
public sealed class SecurityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync();
        await _host.SeedAsync();
        var run = await _host.SendAsync(HttpMethod.Post, "reminders/runs", Principals.Admin);
        _runId = run.Headers.Location!.OriginalString.Split('/')[^1];
    }

    private string _runId = "";

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string None = "none", Own = "own", Other = "other", Head = "head", Admin = "admin";

    private static string? Principal(string who) => who switch
    {
        Own => Principals.ReporterOf("nghe-an"),
        Other => Principals.ReporterOf("ha-tinh"),
        Head => Principals.ReporterOf("thanh-hoa"),
        Admin => Principals.Admin,
        _ => null,
    };

    /// <summary>Route, and which callers succeed (2xx); every other authenticated caller gets 403, no principal 401 (except health).</summary>
    private static readonly (HttpMethod Method, string Path, Func<HttpContent?> Body, string[] Allowed)[] Matrix =
    [
        (HttpMethod.Get, "health", () => null, [None, Own, Other, Head, Admin]),
        (HttpMethod.Get, "openapi.json", () => null, [None, Own, Other, Head, Admin]),
        (HttpMethod.Get, "units", () => null, [Admin]),
        (HttpMethod.Get, "units/nghe-an", () => null, [Own, Admin]),
        (HttpMethod.Put, "units/nghe-an", () => JsonContent.Create(new { name = "Công an tỉnh Nghệ An" }), [Admin]),
        (HttpMethod.Get, $"users/{Principals.ReporterId("nghe-an")}", () => null, [Own, Admin]),
        (HttpMethod.Put, "users/moi@nghe-an.vn", () => JsonContent.Create(new { unitId = "nghe-an" }), [Admin]),
        (HttpMethod.Get, "compacts", () => null, [Own, Other, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024", () => null, [Own, Other, Head, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024", () => JsonContent.Create(TestApp.DemoCompactDraft(), options: Http.ApiJson.Options), [Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/nghe-an", () => JsonContent.Create(Calls.ReportBody()), [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03/nghe-an", () => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03/nghe-an/revisions", () => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03", () => null, [Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/standings/2024-03", () => null, [Own, Other, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/standings/2024-03/runs", () => null, [Own, Other, Head, Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/standings/2024-03/runs", () => null, [Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Pdf, [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/scans/nghe-an", () => null, [Own, Other, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/scans", () => null, [Head, Admin]),
        (HttpMethod.Post, "reminders/runs", () => null, [Admin]),
        (HttpMethod.Get, "reminders/runs/{run}", () => null, [Admin]), // {run}: a run requested in InitializeAsync
        (HttpMethod.Get, "compacts/cum6-2024/mail/2024-03", () => null, [Admin]),
        (HttpMethod.Delete, $"users/{Principals.ReporterId("quang-binh")}", () => null, [Admin]), // last: it removes a reporter
    ];

    private static ByteArrayContent Pdf()
    {
        var content = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray());
        content.Headers.ContentType = new("application/pdf");
        return content;
    }

    [Fact]
    public async Task Every_route_answers_each_kind_of_caller_as_the_contract_says()
    {
        var wrong = new List<string>();
        var checks = 0;
        foreach (var (method, path, body, allowed) in Matrix)
        {
            foreach (var who in new[] { None, Own, Other, Head, Admin })
            {
                using var response = await _host.SendAsync(method, path.Replace("{run}", _runId, StringComparison.Ordinal), Principal(who), body());
                var status = (int)response.StatusCode;
                var expected = allowed.Contains(who) ? "2xx" : who == None ? "401" : "403";
                // Allowed callers pass authorization: a 2xx, or for a run of a period that is already final (every 2024 month is, by now) 409.
                var ok = expected == "2xx"
                    ? status is >= 200 and < 300 || (status == 409 && path.EndsWith("/runs", StringComparison.Ordinal) && method == HttpMethod.Post)
                    : status.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected;
                checks++;
                if (!ok)
                {
                    wrong.Add($"{method} {path} as {who}: {status}, expected {expected}");
                }
            }
        }

        Summary.Write(output, $"reliability: authorization matrix: {Matrix.Length} routes × 5 callers = {checks} checks, {wrong.Count} wrong");
        Expect.Equal(0, wrong.Count, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_forged_principal_is_refused_when_Easy_Auth_is_expected_but_absent()
    {
        await using var expecting = await ReliabilityHost.StartAsync(extra: new Dictionary<string, string?> { ["Auth:ExpectEasyAuth"] = "true" });
        await using var behindEasyAuth = await ReliabilityHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Auth:ExpectEasyAuth"] = "true",
            ["WEBSITE_AUTH_ENABLED"] = "True", // what App Service sets when Easy Auth is on
        });

        var forged = await expecting.SendAsync(HttpMethod.Get, "units", Principals.Admin);
        var trusted = await behindEasyAuth.SendAsync(HttpMethod.Get, "units", Principals.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expecting.Http.GetAsync("health")).StatusCode);
    }

    [Fact]
    public async Task Scans_cannot_be_listed_or_read_without_a_SAS()
    {
        var listing = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/scans/nghe-an", Principals.Admin);
        var url = System.Text.Json.JsonDocument.Parse(await listing.Content.ReadAsStringAsync()).RootElement
            .GetProperty("versions")[0].GetProperty("downloadUrl").GetString()!;
        var blobUrl = url[..url.IndexOf('?', StringComparison.Ordinal)];
        var containerUrl = blobUrl[..blobUrl.IndexOf("/cum6-2024/", StringComparison.Ordinal)];
        using var anonymous = new HttpClient();

        var read = await anonymous.GetAsync(blobUrl);
        var list = await anonymous.GetAsync(containerUrl + "?restype=container&comp=list");
        var withSas = await anonymous.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, read.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSas.StatusCode);
        Summary.Write(output, $"reliability: scans without a SAS: read {(int)read.StatusCode}, list {(int)list.StatusCode}; with the SAS: {(int)withSas.StatusCode}");
    }

    [Fact]
    public async Task No_secret_or_stack_trace_reaches_a_response_or_an_information_log_line()
    {
        // A failing route (no compact) and a few ordinary ones; then look at everything that was written.
        var texts = new List<string>();
        foreach (var path in new[] { "compacts/cum7-2024/standings/2024-03", "compacts/cum6-2024/scans/nghe-an", "compacts/cum6-2024/standings/2024-03", "health" })
        {
            using var response = await _host.SendAsync(HttpMethod.Get, path, Principals.Admin);
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        var responseSecrets = texts.Where(t => !t.Contains("downloadUrl", StringComparison.Ordinal)).SelectMany(ReliabilityHost.SecretsIn).ToList();
        var logSecrets = _host.Logs.Lines.SelectMany(l => ReliabilityHost.SecretsIn(l.Text)).ToList();
        var informationTraces = _host.Logs.Lines.Where(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Information && l.Text.Contains("   at ", StringComparison.Ordinal)).ToList();

        Assert.Empty(responseSecrets);
        Assert.Empty(logSecrets);
        Assert.Empty(informationTraces);
        Assert.DoesNotContain(texts, t => t.Contains("   at ", StringComparison.Ordinal) || t.Contains("Exception", StringComparison.Ordinal));
    }
}

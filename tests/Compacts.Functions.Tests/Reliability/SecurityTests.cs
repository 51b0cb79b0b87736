using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// The authorization matrix of the contract, over HTTP: every route × no principal, reporter of the unit, reporter of another unit, head,
/// the deputy head (cụm phó, ninh-binh: it reviews the head's reports), admin.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class SecurityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync();
        await _host.SeedAsync();
        (await _host.SendAsync(HttpMethod.Put, "compacts/cum6-2024", Principals.Admin, CompactWithDeputy())).EnsureSuccessStatusCode();
        (await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/standings/2024-12/runs", Principals.Admin)).EnsureSuccessStatusCode(); // the year's result is December's run
        var run = await _host.SendAsync(HttpMethod.Post, "reminders/runs", Principals.Admin);
        _runId = run.Headers.Location!.OriginalString.Split('/')[^1];
    }

    private string _runId = "";

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string None = "none", Own = "own", Other = "other", Head = "head", Deputy = "deputy", Admin = "admin";

    private static readonly string[] Callers = [None, Own, Other, Head, Deputy, Admin];

    /// <summary>The demo compact with ninh-binh as the deputy head.</summary>
    private static JsonContent CompactWithDeputy() => JsonContent.Create(ReviewCalls.DraftWithDeputy("ninh-binh"), options: Http.ApiJson.Options);

    /// <summary>A JSON body of a review route (May: March has its final run, which locks it).</summary>
    private static JsonContent Json(object body) => JsonContent.Create(body, options: Http.ApiJson.Options);

    private static string? Principal(string who) => who switch
    {
        Own => Principals.ReporterOf("nghe-an"),
        Other => Principals.ReporterOf("ha-tinh"),
        Head => Principals.ReporterOf("thanh-hoa"),
        Deputy => Principals.ReporterOf("ninh-binh"),
        Admin => Principals.Admin,
        _ => null,
    };

    /// <summary>A closesAt for the matrix's ballot: the host runs on the system clock.</summary>
    private static readonly string InAMonth = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Route, its body for each caller, and which callers pass authorization; every other authenticated caller gets 403, no principal
    /// 401 (except health). The rows run in order, each caller in <see cref="Callers"/> order: the review rows of May walk nghe-an's report
    /// through return (head) and explanation (its reporter), and thanh-hoa's through return (deputy) and an admin's confirm.
    /// </summary>
    private static readonly (HttpMethod Method, string Path, Func<string, HttpContent?> Body, string[] Allowed)[] Matrix =
    [
        (HttpMethod.Get, "health", _ => null, Callers),
        (HttpMethod.Get, "openapi.json", _ => null, Callers),
        (HttpMethod.Get, "units", _ => null, [Admin]),
        (HttpMethod.Get, "units/nghe-an", _ => null, [Own, Admin]),
        (HttpMethod.Put, "units/nghe-an", _ => JsonContent.Create(new { name = "Công an tỉnh Nghệ An" }), [Admin]),
        (HttpMethod.Get, $"users/{Principals.ReporterId("nghe-an")}", _ => null, [Own, Admin]),
        (HttpMethod.Put, "users/moi@nghe-an.vn", _ => JsonContent.Create(new { unitId = "nghe-an" }), [Admin]),
        (HttpMethod.Get, "compacts", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/members", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024", _ => CompactWithDeputy(), [Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/next", _ => Json(new { compactId = "cum6-2025", head = "nghe-an", deputy = "ha-tinh" }), [Admin]), // the admin, last: 201
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/nghe-an", _ => JsonContent.Create(Calls.ReportBody()), [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03/nghe-an", _ => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03/nghe-an/revisions", _ => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-03", _ => null, [Head, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-05/nghe-an", _ => JsonContent.Create(Calls.ReportBody()), [Own, Admin]), // revisions 1 and 2
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-05/thanh-hoa", _ => JsonContent.Create(Calls.ReportBody()), [Head, Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/reports/2024-05/nghe-an/reviews", _ => Json(ReviewCalls.Return(2)), [Head, Admin]), // the head returns it; the admin's return: 409
        (HttpMethod.Post, "compacts/cum6-2024/reports/2024-05/nghe-an/explanations", _ => Json(ReviewCalls.Explain(2)), [Own, Admin]), // its reporter explains; the admin's: 409
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/nghe-an", _ => null, [Own, Head, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-05/nghe-an/evidence/ministry-targets", _ => Pdf(), [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/nghe-an/evidence", _ => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/nghe-an/evidence/ministry-targets/1", _ => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/nghe-an/reviews", _ => null, [Own, Head, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/nghe-an/history", _ => null, [Own, Head, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/reports/2024-05/thanh-hoa/evidence/ministry-targets", _ => Pdf(), [Head, Admin]), // before its confirm
        (HttpMethod.Post, "compacts/cum6-2024/reports/2024-05/thanh-hoa/reviews", who => Json(who == Admin ? ReviewCalls.Confirm(2) : ReviewCalls.Return(2)), [Deputy, Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/reports/2024-05/thanh-hoa/explanations", _ => Json(ReviewCalls.Explain(2)), [Head, Admin]), // confirmed by now: 409
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/thanh-hoa", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/thanh-hoa/reviews", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/thanh-hoa/history", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/thanh-hoa/evidence", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-05/thanh-hoa/evidence/ministry-targets/2", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/reviews/2024-05", _ => null, [Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/standings/2024-03", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/standings/2024-03/runs", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/year", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/year/report.docx", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "units/nghe-an/history", _ => null, [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/targets", _ => null, [Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/targets", _ => Workbook(TargetsWorkbook()), [Admin]), // sent with If-Match: *
        (HttpMethod.Get, "compacts/cum6-2024/reports/2024-04/import.xlsx", _ => null, [Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/reports/2024-04/import", _ => Workbook(Imports.ImportCalls.Reports("2024-04-20 09:00", "ha-tinh").Build()), [Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/standings/2024-03/runs", _ => null, [Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", _ => Pdf(), [Own, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/scans/nghe-an", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/scans", _ => null, [Head, Admin]),
        (HttpMethod.Post, "reminders/runs", _ => null, [Admin]),
        (HttpMethod.Get, "reminders/runs/{run}", _ => null, [Admin]), // {run}: a run requested in InitializeAsync
        (HttpMethod.Get, "compacts/cum6-2024/mail/2024-03", _ => null, [Admin]),
        (HttpMethod.Post, "compacts/cum6-2024/ballots", _ => Json(BallotCalls.OpenBody(ballotId: "m", closesAt: InAMonth)), [Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/ballots", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/ballots/m", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Put, "compacts/cum6-2024/ballots/m/vote", _ => Json(new { choices = new[] { "quang-binh" } }), [Own, Other, Head, Deputy]), // each unit once; admins do not vote
        (HttpMethod.Post, "compacts/cum6-2024/ballots/m/close", _ => null, [Admin]),
        (HttpMethod.Get, "compacts/cum6-2024/ballots/m/minutes.docx", _ => null, [Own, Other, Head, Deputy, Admin]),
        (HttpMethod.Delete, $"users/{Principals.ReporterId("quang-binh")}", _ => null, [Admin]), // last: it removes a reporter
    ];

    private static ByteArrayContent Workbook(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(Imports.ImportCalls.Xlsx);
        return content;
    }

    private static byte[] TargetsWorkbook() => new Imports.TestWorkbook("Chỉ tiêu").Texts(8, "criterionId", "unitId", "target", "baseline")
        .Texts(9, "drug-cases", "nghe-an", "650").Build();

    private static ByteArrayContent Pdf()
    {
        var content = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray());
        content.Headers.ContentType = new("application/pdf");
        return content;
    }

    private static bool StateDecides(string path) =>
        path.EndsWith("/runs", StringComparison.Ordinal) || path.EndsWith("/reviews", StringComparison.Ordinal) || path.EndsWith("/explanations", StringComparison.Ordinal);

    [Fact]
    public async Task Every_route_answers_each_kind_of_caller_as_the_contract_says()
    {
        var wrong = new List<string>();
        var checks = 0;
        foreach (var (method, path, body, allowed) in Matrix)
        {
            var succeeded = false;
            foreach (var who in Callers)
            {
                using var response = await _host.SendAsync(method, path.Replace("{run}", _runId, StringComparison.Ordinal), Principal(who), body(who),
                    path.EndsWith("/targets", StringComparison.Ordinal) && method == HttpMethod.Put ? ("If-Match", "*") : null);
                var status = (int)response.StatusCode;
                var expected = allowed.Contains(who) ? "2xx" : who == None ? "401" : "403";
                // Allowed callers pass authorization: a 2xx, or 409 where the state decides after it: a run of a period that is already
                // final (every 2024 month is, by now), a review or explanation the report's review state no longer allows.
                var ok = expected == "2xx"
                    ? status is >= 200 and < 300 || (status == 409 && method == HttpMethod.Post && StateDecides(path))
                    : status.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected;
                succeeded |= status is >= 200 and < 300;
                checks++;
                if (!ok)
                {
                    wrong.Add($"{method} {path} as {who}: {status}, expected {expected}");
                }
            }

            if (!succeeded && !(method == HttpMethod.Post && StateDecides(path)))
            {
                wrong.Add($"{method} {path}: no caller got a 2xx");
            }
        }

        Summary.Write(output, $"reliability: authorization matrix: {Matrix.Length} routes × {Callers.Length} callers = {checks} checks, {wrong.Count} wrong");
        Expect.Equal(0, wrong.Count, string.Join("\n", wrong));
        Assert.Equal(["submitted", "submitted", "returned", "explained"], await EventsAsync("nghe-an")); // the head's return, the unit's explanation
        Assert.Equal(["submitted", "submitted", "returned", "confirmed"], await EventsAsync("thanh-hoa")); // the deputy's return, the admin's confirm
        Assert.Equal(2, await EvidenceCountAsync("nghe-an")); // its reporter's and the admin's uploads
        Assert.Equal(2, await EvidenceCountAsync("thanh-hoa")); // the head's reporter's and the admin's, before the confirm froze them
    }

    private async Task<List<string?>> EventsAsync(string unitId)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"compacts/cum6-2024/reports/2024-05/{unitId}/history", Principals.Admin);
        var history = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
    }

    private async Task<int> EvidenceCountAsync(string unitId)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"compacts/cum6-2024/reports/2024-05/{unitId}/evidence", Principals.Admin);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
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

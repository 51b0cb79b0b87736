using System.Text.Json.Nodes;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>Client input that once gave 500s or wrong answers (issue #15), over real HTTP: each is a 4xx problem or the right answer.</summary>
[Trait("Category", "Reliability")]
public sealed class ClientInputTests : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync();
        await _host.SeedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly string ReportJson = JsonSerializer.Serialize(Calls.ReportBody(receivedAt: "2024-04-03T09:00:00+07:00"), ApiJson.Options);

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? principal, byte[]? body = null, string? contentType = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation(Auth.ClientPrincipal.HeaderName, principal);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _host.Http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Expect.Equal(status, (int)response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static string CompactWith(Action<JsonObject> change)
    {
        var compact = JsonNode.Parse(JsonSerializer.Serialize(TestApp.DemoCompactDraft(), ApiJson.Options))!.AsObject();
        change(compact);
        return compact.ToJsonString();
    }

    [Theory]
    [InlineData("PUT", "units/x%0A")]
    [InlineData("PUT", "units/nghe-an%0D%0A")]
    [InlineData("PUT", "units/nghe-an%09")]
    [InlineData("GET", "units/nghe-an%0A")]
    [InlineData("PUT", "users/can-bo@nghe-an.congan.gov.vn%0A")]
    [InlineData("GET", "users/can-bo@nghe-an.congan.gov.vn%0A")]
    [InlineData("DELETE", "users/can-bo@nghe-an.congan.gov.vn%0A")]
    [InlineData("PUT", "compacts/cum6-2024%0A")]
    [InlineData("GET", "compacts/cum6-2024%0A")]
    [InlineData("PUT", "compacts/cum6-2024/reports/2024-03/nghe-an%0A")]
    [InlineData("GET", "compacts/cum6-2024%0A/reports/2024-03")]
    [InlineData("GET", "compacts/cum6-2024/standings/2024-03%0A")]
    public async Task An_id_ending_in_a_line_break_or_control_character_is_400_and_changes_nothing(string method, string path)
    {
        var body = method == "PUT"
            ? path.StartsWith("units/", StringComparison.Ordinal) ? """{"name":"Đơn vị"}"""
            : path.StartsWith("users/", StringComparison.Ordinal) ? """{"unitId":"nghe-an"}"""
            : path.Contains("/reports/", StringComparison.Ordinal) ? ReportJson
            : CompactWith(_ => { })
            : null;
        var before = await _host.SnapshotAsync();

        var response = await SendAsync(new HttpMethod(method), path, Principals.Admin, body is null ? null : Encoding.UTF8.GetBytes(body), "application/json");

        await ProblemOf(response, 400);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task A_criterion_id_ending_in_a_line_feed_is_refused()
    {
        var json = CompactWith(c => c["contents"]![0]!["criteria"]![0]!["id"] = "q1\n");

        var response = await SendAsync(HttpMethod.Put, "compacts/cum6-2024", Principals.Admin, Encoding.UTF8.GetBytes(json), "application/json");

        var problem = await ProblemOf(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contents[0].criteria[0].id", out _), problem.ToString());
    }

    public static TheoryData<string, string> BrokenPrincipals => new()
    {
        { "a lone high surrogate in the user's name", B64("""{"claims":[{"typ":"preferred_username","val":"\ud800@x.vn"}]}"""u8.ToArray()) },
        { "a lone surrogate in an admin's name", B64("""{"claims":[{"typ":"preferred_username","val":"\udc00@x.vn"},{"typ":"roles","val":"Compacts.Admin"}],"role_typ":"roles"}"""u8.ToArray()) },
        { "a lone surrogate in a role", B64("""{"claims":[{"typ":"preferred_username","val":"can-bo@nghe-an.congan.gov.vn"},{"typ":"roles","val":"\ud800"}]}"""u8.ToArray()) },
        { "a lone surrogate in a claim type", B64("""{"claims":[{"typ":"\ud800","val":"x"}]}"""u8.ToArray()) },
        { "invalid UTF-8 in the name", B64([.. "{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\""u8, 0xFF, 0xFE, .. "@x.vn\"}]}"u8]) },
        { "a UTF-8 encoded surrogate in the name", B64([.. "{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\""u8, 0xED, 0xA0, 0x80, .. "@x.vn\"}]}"u8]) },
    };

    [Theory]
    [MemberData(nameof(BrokenPrincipals))]
    public async Task A_principal_with_invalid_Unicode_is_401_on_every_authenticated_route(string why, string principal)
    {
        foreach (var path in new[] { "units", "compacts", "compacts/cum6-2024/reports/2024-03/nghe-an", "compacts/cum6-2024/standings/2024-03" })
        {
            var response = await SendAsync(HttpMethod.Get, path, principal);

            var problem = await ProblemOf(response, 401);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), why);
        }
    }

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    private static readonly byte[] Invalid = [0xFF, 0xFE];
    private static readonly byte[] EncodedSurrogate = [0xED, 0xA0, 0x80];
    private const string FormValues = "propaganda-sessions=4&emulation-plan=on&ministry-targets=on&no-surprise=on&crime-reduction=1180&project06=150000&drug-cases=170&charity-houses=2&cluster-coordination=on";

    private static string Multipart(string extraName, string extraValue) =>
        string.Concat(FormValues.Split('&').Select(f => f.Split('=')).Append([extraName, extraValue])
            .Select(f => $"--B\r\nContent-Disposition: form-data; name=\"{f[0]}\"\r\n\r\n{f[1]}\r\n")) + "--B--\r\n";

    public static TheoryData<string, byte[], string> BrokenReports => new()
    {
        { "JSON: a lone surrogate in the note", Encoding.UTF8.GetBytes(ReportJson.Replace("\"note\":\"", "\"note\":\"\\ud800", StringComparison.Ordinal)), "application/json" },
        { "JSON: a lone low surrogate in the note", Encoding.UTF8.GetBytes(ReportJson.Replace("\"note\":\"", "\"note\":\"x\\udc00y", StringComparison.Ordinal)), "application/json" },
        { "JSON: a lone surrogate in a value key", Encoding.UTF8.GetBytes(ReportJson.Replace("\"values\":{", "\"values\":{\"\\ud800\":1,", StringComparison.Ordinal)), "application/json" },
        { "JSON: a lone surrogate in a top-level key", Encoding.UTF8.GetBytes(ReportJson.Replace("{\"values\"", "{\"\\udbff\":1,\"values\"", StringComparison.Ordinal)), "application/json" },
        { "JSON: a lone surrogate in a text value", Encoding.UTF8.GetBytes(ReportJson.Replace("\"crime-reduction\":1180", "\"crime-reduction\":\"\\ud800\"", StringComparison.Ordinal)), "application/json" },
        { "JSON: a lone surrogate in receivedAt", Encoding.UTF8.GetBytes(ReportJson.Replace("\"receivedAt\":\"", "\"receivedAt\":\"\\ud800", StringComparison.Ordinal)), "application/json" },
        { "JSON: invalid UTF-8 in the note", Bytes(ReportJson[..(ReportJson.IndexOf("\"note\":\"", StringComparison.Ordinal) + 8)], Invalid, ReportJson[(ReportJson.IndexOf("\"note\":\"", StringComparison.Ordinal) + 8)..]), "application/json" },
        { "JSON: a UTF-8 encoded surrogate in a value key", Bytes("{\"values\":{\"", EncodedSurrogate, "\":1,", ReportJson["{\"values\":{".Length..]), "application/json" },
        { "urlencoded: invalid UTF-8 in the note", Bytes(FormValues, "&note=", Invalid), "application/x-www-form-urlencoded" },
        { "urlencoded: invalid UTF-8 in a key", Bytes(FormValues, "&", Invalid, "=1"), "application/x-www-form-urlencoded" },
        { "urlencoded: a UTF-8 encoded surrogate in the note", Bytes(FormValues, "&note=", EncodedSurrogate), "application/x-www-form-urlencoded" },
        { "urlencoded: a percent-encoded invalid sequence in the note", Bytes(FormValues, "&note=%FF%FE"), "application/x-www-form-urlencoded" },
        { "urlencoded: a percent-encoded surrogate in a key", Bytes(FormValues, "&%ED%A0%80=1"), "application/x-www-form-urlencoded" },
        { "multipart: invalid UTF-8 in the note", Bytes(Multipart("note", "x").Replace("\r\n\r\nx\r\n", "\r\n\r\n\u0001\r\n", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0xFF : b).ToArray(), "multipart/form-data; boundary=B" },
        { "multipart: a UTF-8 encoded surrogate in a field name", Bytes(Multipart("\u0001", "1")).SelectMany(b => b == 1 ? EncodedSurrogate : [b]).ToArray(), "multipart/form-data; boundary=B" },
    };

    [Theory]
    [MemberData(nameof(BrokenReports))]
    public async Task A_report_body_with_invalid_Unicode_is_400_and_stores_nothing(string why, byte[] body, string contentType)
    {
        var before = await _host.SnapshotAsync();

        var response = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, body, contentType);

        var problem = await ProblemOf(response, 400);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), why);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task The_valid_form_bodies_of_the_Unicode_cases_are_stored()
    {
        var form = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Bytes(FormValues, "&note=B%C3%A1o+c%C3%A1o"), "application/x-www-form-urlencoded");
        var multipart = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Bytes(Multipart("note", "Báo cáo")), "multipart/form-data; boundary=B");

        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, multipart.StatusCode);
        Assert.Equal("Báo cáo", (await multipart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("Asia")]
    [InlineData("Etc")]
    [InlineData("posix")]
    [InlineData("right")]
    [InlineData("localtime")]
    [InlineData("Factory")]
    [InlineData("asia/ho_chi_minh")]
    [InlineData("Asia//Ho_Chi_Minh")]
    [InlineData("Asia/Ho_Chi_Minh/")]
    [InlineData("posix/Asia/Ho_Chi_Minh")]
    [InlineData("Asia/../Asia/Ho_Chi_Minh")]
    [InlineData("Asia/Ho_Chi_Minh\n")]
    [InlineData("SE Asia Standard Time")]
    [InlineData("/usr/share/zoneinfo/Asia/Ho_Chi_Minh")]
    public async Task A_time_zone_that_is_not_a_canonical_IANA_zone_id_is_400(string zone)
    {
        var before = await _host.SnapshotAsync();
        var json = CompactWith(c => c["timeZone"] = zone);

        var response = await SendAsync(HttpMethod.Put, "compacts/tz-2024", Principals.Admin, Encoding.UTF8.GetBytes(json), "application/json");

        var problem = await ProblemOf(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _), problem.ToString());
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Theory]
    [InlineData("Asia/Ho_Chi_Minh")]
    [InlineData("Europe/Paris")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Etc/GMT-7")]
    public async Task A_canonical_IANA_zone_id_is_accepted(string zone)
    {
        var json = CompactWith(c => c["timeZone"] = zone);

        var response = await SendAsync(HttpMethod.Put, "compacts/tz-2024", Principals.Admin, Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(zone, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString());
    }

    private async Task<string> CompactETagAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "compacts/cum6-2024", Principals.Admin);
        return response.Headers.ETag!.ToString();
    }

    [Theory]
    [InlineData("If-Match", "garbage")]
    [InlineData("If-Match", "\"garbage\"")]
    [InlineData("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"")]
    [InlineData("If-Match", "W/\"x\", garbage")]
    [InlineData("If-None-Match", "*")]
    [InlineData("If-None-Match", "{current}")]
    [InlineData("If-None-Match", "\"other\", {current}")]
    public async Task A_compact_put_whose_precondition_fails_is_412_and_stores_nothing(string header, string value)
    {
        var current = await CompactETagAsync();
        var before = await _host.SnapshotAsync();

        var response = await SendAsync(HttpMethod.Put, "compacts/cum6-2024", Principals.Admin, Encoding.UTF8.GetBytes(CompactWith(c => c["title"] = "Đổi")), "application/json",
            (header, value.Replace("{current}", current, StringComparison.Ordinal)));

        await ProblemOf(response, 412);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Theory]
    [InlineData("If-Match", "{current}")]
    [InlineData("If-Match", "*")]
    [InlineData("If-Match", "\"other\", {current}")]
    [InlineData("If-None-Match", "\"other\"")]
    [InlineData("If-None-Match", "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"")]
    public async Task A_compact_put_whose_precondition_holds_replaces_it(string header, string value)
    {
        var current = await CompactETagAsync();

        var response = await SendAsync(HttpMethod.Put, "compacts/cum6-2024", Principals.Admin, Encoding.UTF8.GetBytes(CompactWith(c => c["title"] = "Đổi")), "application/json",
            (header, value.Replace("{current}", current, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(current, response.Headers.ETag?.ToString());
        Assert.Equal("Đổi", (await (await SendAsync(HttpMethod.Get, "compacts/cum6-2024", Principals.Admin)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task If_None_Match_star_creates_a_compact_that_does_not_exist()
    {
        var response = await SendAsync(HttpMethod.Put, "compacts/moi-2024", Principals.Admin, Encoding.UTF8.GetBytes(CompactWith(_ => { })), "application/json", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("If-Match", "garbage", "nghe-an")]
    [InlineData("If-None-Match", "*", "nghe-an")]
    [InlineData("If-None-Match", "{current}", "nghe-an")]
    [InlineData("If-Match", "*", "ha-tinh")]
    public async Task A_report_put_whose_precondition_fails_is_412_and_stores_nothing(string header, string value, string unit)
    {
        var current = (await SendAsync(HttpMethod.Get, "compacts/cum6-2024/reports/2024-03/nghe-an", Principals.Admin)).Headers.ETag!.ToString();
        var before = await _host.SnapshotAsync();

        var response = await SendAsync(HttpMethod.Put, $"compacts/cum6-2024/reports/2024-03/{unit}", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json",
            (header, value.Replace("{current}", current, StringComparison.Ordinal)));

        await ProblemOf(response, 412);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task If_None_Match_star_creates_a_report_that_does_not_exist_and_another_tag_replaces_one()
    {
        var created = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json", ("If-None-Match", "*"));
        var revised = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json", ("If-None-Match", "\"other\""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("Application/JSON; Charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    public async Task Media_types_are_compared_as_RFC_9110_says(string contentType)
    {
        var response = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    public async Task A_repeat_with_another_spelling_of_the_same_media_type_is_a_replay(string contentType)
    {
        var first = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json", ("Idempotency-Key", "k-spelling"));
        var before = await _host.SnapshotAsync();

        var repeat = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), contentType, ("Idempotency-Key", "k-spelling"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Two_Idempotency_Key_headers_are_400_and_store_nothing()
    {
        var before = await _host.SnapshotAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(ReportJson)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(Auth.ClientPrincipal.HeaderName, Principals.Admin);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["k-1", "k-2"]);

        var twice = await _host.Http.SendAsync(request);
        var joined = await SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json", ("Idempotency-Key", "k-1,k-2"));

        var problem = await ProblemOf(twice, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        await ProblemOf(joined, 400);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task A_user_id_with_a_non_ASCII_letter_that_lower_cases_to_ASCII_is_refused()
    {
        (await SendAsync(HttpMethod.Put, "users/ke-toan@nghe-an.congan.gov.vn", Principals.Admin, """{"unitId":"nghe-an"}"""u8.ToArray(), "application/json")).EnsureSuccessStatusCode();
        var kelvin = Auth.ClientPrincipal.Encode("\u212Ae-toan@nghe-an.congan.gov.vn");
        var kelvinAdmin = Auth.ClientPrincipal.Encode("\u212Ae-toan@nghe-an.congan.gov.vn", Auth.ClientPrincipal.AdminRole);
        var before = await _host.SnapshotAsync();

        var asReporter = await SendAsync(HttpMethod.Get, "users/ke-toan@nghe-an.congan.gov.vn", kelvin);
        var asAdmin = await SendAsync(HttpMethod.Get, "units", kelvinAdmin);
        var put = await SendAsync(HttpMethod.Put, "users/%E2%84%AAe-toan@nghe-an.congan.gov.vn", Principals.Admin, """{"unitId":"nghe-an"}"""u8.ToArray(), "application/json");
        var unit = await SendAsync(HttpMethod.Put, "units/nghe-an", Principals.Admin, Encoding.UTF8.GetBytes("""{"name":"Nghệ An","emails":["\u212Ae-toan@nghe-an.vn"]}"""), "application/json");

        await ProblemOf(asReporter, 403);
        await ProblemOf(asAdmin, 403);
        await ProblemOf(put, 400);
        await ProblemOf(unit, 400);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Upper_case_ASCII_in_a_principal_still_maps_to_the_lower_case_user()
    {
        var upper = Auth.ClientPrincipal.Encode("Can-Bo@Nghe-An.CongAn.Gov.VN");

        var response = await SendAsync(HttpMethod.Get, "users/can-bo@nghe-an.congan.gov.vn", upper);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Csv_text_that_a_spreadsheet_would_run_is_neutralised_and_the_apps_numbers_stay_numbers()
    {
        async Task Ok(HttpMethod method, string path, string? json)
        {
            var response = await SendAsync(method, path, Principals.Admin, json is null ? null : Encoding.UTF8.GetBytes(json), "application/json");
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Ok(HttpMethod.Put, "units/-don-vi", """{"name":"=HYPERLINK(\"http://x\",\"y\")"}""");
        await Ok(HttpMethod.Put, "units/b", """{"name":"@SUM(1+1)"}""");
        await Ok(HttpMethod.Put, "units/c", """{"name":"+1-1"}""");
        await Ok(HttpMethod.Put, "compacts/csv-2024", """
            {"title":"CSV","cluster":"Cụm","year":2024,"timeZone":"Asia/Ho_Chi_Minh","signedOn":"2024-03-14",
             "members":[{"unitId":"-don-vi","role":"head"},{"unitId":"b","role":"member"},{"unitId":"c","role":"member"}],
             "contents":[{"id":"c1","title":"Nội dung","criteria":[
               {"id":"q","title":"Q","type":"qualitative","maxPoints":5},
               {"id":"-diem-tru","title":"Điểm trừ","type":"adjustment","min":-10,"max":0}]}]}
            """);
        await Ok(HttpMethod.Put, "compacts/csv-2024/reports/2024-03/-don-vi", """{"values":{"q":false,"-diem-tru":-2.5},"receivedAt":"2024-04-03T09:00:00+07:00"}""");
        await Ok(HttpMethod.Put, "compacts/csv-2024/reports/2024-03/b", """{"values":{"q":true,"-diem-tru":0},"receivedAt":"2024-04-03T09:00:00+07:00"}""");
        await Ok(HttpMethod.Post, "compacts/csv-2024/standings/2024-03/runs", null);

        var csv = await (await SendAsync(HttpMethod.Get, "compacts/csv-2024/standings/2024-03?format=csv", Principals.Admin)).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var donVi = lines.Single(l => l.Contains("don-vi", StringComparison.Ordinal));

        Assert.True(lines[0].EndsWith(",notRanked,q,\"'-diem-tru\"", StringComparison.Ordinal), csv);
        Assert.StartsWith("2,\"'-don-vi\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",", donVi, StringComparison.Ordinal);
        Assert.Contains(",-2.5,", donVi, StringComparison.Ordinal); // total and adjustments: numbers, not text
        Assert.EndsWith(",0,-2.5", donVi, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("1,b,\"'@SUM(1+1)\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(",c,\"'+1-1\",", StringComparison.Ordinal));
        Assert.DoesNotContain("'-2.5", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("Nghệ An", "Nghệ An")]
    public void A_csv_text_cell_that_a_spreadsheet_would_run_gets_a_quote_mark_and_quotes(string text, string cell)
    {
        Assert.Equal(cell, Standings.StandingsFunctions.TextField(text));
    }
}

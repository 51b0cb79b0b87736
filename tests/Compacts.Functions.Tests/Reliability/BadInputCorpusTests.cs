using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>A generated corpus of malformed requests across every route: each gets a 4xx problem and storage stays byte-identical.</summary>
[Trait("Category", "Reliability")]
public sealed partial class BadInputCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    [System.Text.RegularExpressions.GeneratedRegex(@":(""[^""]*""|[-0-9.eE]+|true|false)")]
    private static partial System.Text.RegularExpressions.Regex FirstValue();

    /// <summary>Refused by the web server itself (Kestrel: a NUL in the path) before any app code runs: a 4xx without a body.</summary>
    private static bool RefusedByServer(Probe probe) => probe.Path.Contains("%00", StringComparison.Ordinal);

    private ReliabilityHost _host = null!;

    /// <summary>A request of the corpus; a header value "{etag}" is replaced by the resource's ETag when it is sent.</summary>
    public sealed record Probe(string Why, HttpMethod Method, string Path, string? Principal, byte[]? Body = null, string? ContentType = null)
    {
        public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    }

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync();
        await _host.SeedAsync();
        (await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/ballots", Admin, new StringContent(BallotJson, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly string Admin = Principals.Admin;
    private static readonly string CompactJson = JsonSerializer.Serialize(TestApp.DemoCompactDraft(), ApiJson.Options);
    private static readonly string ReportJson = JsonSerializer.Serialize(Calls.ReportBody(receivedAt: "2024-04-03T09:00:00+07:00"), ApiJson.Options);
    private const string UnitJson = """{"name":"Công an tỉnh Nghệ An","emails":["vp@nghe-an.vn"]}""";
    private const string UserJson = """{"unitId":"nghe-an","name":"Cán bộ"}""";

    /// <summary>
    /// A valid review (a return) and explanation of nghe-an's March report (revision 1). March has its final run, so a body that passes
    /// the checks is 409: a review probe answered 409 was taken for a valid body (unless the probe says it is one).
    /// </summary>
    private const string ReviewJson = """{"revision":1,"decision":"return","comment":"Số liệu chưa khớp","items":{"crime-reduction":{"comment":"Chưa khớp thống kê ngành"}}}""";
    private const string ExplanationJson = """{"revision":1,"comment":"Giải trình","items":{"crime-reduction":"Số liệu đã được xác nhận"}}""";
    private const string ReviewPath = "compacts/cum6-2024/reports/2024-03/nghe-an/reviews";
    private const string ExplanationPath = "compacts/cum6-2024/reports/2024-03/nghe-an/explanations";

    /// <summary>
    /// Ballot "b", open for 30 days: an opening body with its id (a body the mutations leave valid is 409, nothing stored), and nghe-an's
    /// vote for itself and another for one seat, which the ballot refuses (a vote body the mutations leave valid is 400, nothing stored).
    /// </summary>
    private static readonly string BallotJson = JsonSerializer.Serialize(
        BallotCalls.OpenBody(ballotId: "b", closesAt: TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), threshold: 0.5));

    private const string VoteJson = """{"choices":["nghe-an","ha-tinh"]}""";
    private const string VotePath = "compacts/cum6-2024/ballots/b/vote";

    /// <summary>Next year's compact over this year's id: a body the mutations leave valid is 409 (the compact exists), nothing stored.</summary>
    private const string NextJson = """{"compactId":"cum6-2024","head":"nghe-an","deputy":"ha-tinh"}""";
    private const string NextPath = "compacts/cum6-2024/next";

    private static HttpMethod MethodOf(string path) =>
        path.EndsWith("/reviews", StringComparison.Ordinal) || path.EndsWith("/explanations", StringComparison.Ordinal) || path.EndsWith("/ballots", StringComparison.Ordinal)
            || path.EndsWith("/next", StringComparison.Ordinal)
            ? HttpMethod.Post : HttpMethod.Put;

    /// <summary>Admins send the corpus's bodies, but a vote comes from a unit (an admin's would be 403 before its body is read).</summary>
    private static string PrincipalOf(string path) => path.EndsWith("/vote", StringComparison.Ordinal) ? Principals.ReporterOf("nghe-an") : Admin;

    /// <summary>The routes that take a body, with a valid body: each mutation below makes it invalid.</summary>
    private static readonly (string Name, string Path, string Json)[] JsonRoutes =
    [
        ("compact", "compacts/cum6-2024", CompactJson),
        ("report", "compacts/cum6-2024/reports/2024-03/nghe-an", ReportJson),
        ("unit", "units/nghe-an", UnitJson),
        ("user", $"users/{Principals.ReporterId("nghe-an")}", UserJson),
        ("review", ReviewPath, ReviewJson),
        ("explanation", ExplanationPath, ExplanationJson),
        ("ballot", "compacts/cum6-2024/ballots", BallotJson),
        ("vote", VotePath, VoteJson),
        ("next", NextPath, NextJson),
    ];

    /// <summary>Every route of the contract, with valid path values.</summary>
    private static readonly (HttpMethod Method, string Path)[] Routes =
    [
        (HttpMethod.Put, "units/{u}"), (HttpMethod.Get, "units"), (HttpMethod.Get, "units/{u}"),
        (HttpMethod.Put, "users/{user}"), (HttpMethod.Get, "users/{user}"), (HttpMethod.Delete, "users/{user}"),
        (HttpMethod.Put, "compacts/{c}"), (HttpMethod.Get, "compacts"), (HttpMethod.Get, "compacts/{c}"), (HttpMethod.Get, "compacts/{c}/members"), (HttpMethod.Post, "compacts/{c}/next"),
        (HttpMethod.Put, "compacts/{c}/reports/{p}/{u}"), (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}"),
        (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}/revisions"), (HttpMethod.Get, "compacts/{c}/reports/{p}"),
        (HttpMethod.Post, "compacts/{c}/reports/{p}/{u}/reviews"), (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}/reviews"),
        (HttpMethod.Post, "compacts/{c}/reports/{p}/{u}/explanations"), (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}/history"),
        (HttpMethod.Get, "compacts/{c}/reviews/{p}"),
        (HttpMethod.Put, "compacts/{c}/reports/{p}/{u}/evidence/{k}"), (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}/evidence"),
        (HttpMethod.Get, "compacts/{c}/reports/{p}/{u}/evidence/{k}/1"),
        (HttpMethod.Get, "compacts/{c}/standings/{p}"), (HttpMethod.Post, "compacts/{c}/standings/{p}/runs"),
        (HttpMethod.Get, "compacts/{c}/standings/{p}/runs"),
        (HttpMethod.Put, "compacts/{c}/scans/{u}"), (HttpMethod.Get, "compacts/{c}/scans/{u}"), (HttpMethod.Get, "compacts/{c}/scans"),
        (HttpMethod.Post, "reminders/runs"), (HttpMethod.Get, "reminders/runs/{run}"), (HttpMethod.Get, "compacts/{c}/mail/{p}"),
        (HttpMethod.Post, "compacts/{c}/ballots"), (HttpMethod.Get, "compacts/{c}/ballots"), (HttpMethod.Get, "compacts/{c}/ballots/{b}"),
        (HttpMethod.Put, "compacts/{c}/ballots/{b}/vote"), (HttpMethod.Post, "compacts/{c}/ballots/{b}/close"),
        (HttpMethod.Get, "compacts/{c}/ballots/{b}/minutes.docx"),
        (HttpMethod.Get, "compacts/{c}/year"),
        (HttpMethod.Get, "compacts/{c}/year/report.docx"),
        (HttpMethod.Get, "units/{u}/history"),
        (HttpMethod.Get, "compacts/{c}/targets"), (HttpMethod.Put, "compacts/{c}/targets"),
        (HttpMethod.Post, "compacts/{c}/reports/{p}/import"), (HttpMethod.Get, "compacts/{c}/reports/{p}/import.xlsx"),
    ];

    /// <summary>Run ids are 17 digits and 6 lower-case hex digits; the last is well formed but unknown (404).</summary>
    private static readonly string[] BadRuns =
        ["..", "2024", "20240403090000000ABCDEF", "20240403090000000abcdeg", "20240403090000000abcdef0", "x%2Fy", "%F0%9F%98%80", "20240403090000000abcdef"];

    private static readonly string[] BadIds =
    [
        "..", "a%2Fb", "..%2F..%2Fx", "NGHE-AN", "nghe_an", "ngh%C3%AA-an", "nghe-%D0%B0n" /* Cyrillic a */, new('a', 65), "a%20b", "a%00b",
        "%F0%9F%98%80", "nghe-an%3Fx%3D1", "nghe.an",
        // A trailing line break or another control character ('$' in a .NET pattern matches before a final \n).
        "nghe-an%0A", "nghe-an%0D%0A", "nghe-an%0D", "nghe-an%09", "nghe-an%0B", "nghe-an%7F", "nghe-an%C2%85" /* NEL */, "nghe-an%E2%80%A8",
    ];

    private static readonly string[] BadPeriods = ["2023-12", "2025-01", "2024-13", "2024-00", "24-03", "2024-3", "abcd-ef", "2024-03x", "2024-03%2F..", "2024-03%0A"];

    private static readonly string[] BadUsers =
    [
        "Can-Bo@nghe-an.vn", "no-at-sign", "a@b", "a%2Fb@c.vn", new string('a', 250) + "@x.vn", "a%23b@c.vn",
        "can-bo@nghe-an.congan.gov.vn%0A", "can-bo@nghe-an.congan.gov.vn%0D%0A", "can-bo@nghe-an.congan.gov.vn%09",
        "%E2%84%AAe-toan@nghe-an.congan.gov.vn" /* the Kelvin sign, not 'K' */,
    ];

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static readonly (string Why, string Value)[] BadPrincipals =
    [
        ("not base64", "%%%not-base64%%%"), ("base64 of text", B64("admin")), ("JSON without claims", B64("{\"auth_typ\":\"aad\"}")),
        ("claims not an array", B64("{\"claims\":{}}")), ("a JSON array", B64("[1,2]")), ("claims of numbers", B64("{\"claims\":[1,2]}")),
        ("a 17 KB header", B64("{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"" + new string('a', 13000) + "@x.vn\"}]}")),
        ("an unregistered user", ClientPrincipal("nguoi-la@example.com")), ("a user id with a confusable", ClientPrincipal("can-bo@nghe-аn.congan.gov.vn")),
        ("a lone surrogate in the name", B64("{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"\\ud800@x.vn\"}]}")),
        ("a lone surrogate in an admin's name", B64("{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"\\udc00@x.vn\"},{\"typ\":\"roles\",\"val\":\"Compacts.Admin\"}]}")),
        ("a lone surrogate in a role", B64("{\"claims\":[{\"typ\":\"roles\",\"val\":\"\\ud800\"}]}")),
        ("invalid UTF-8 in the name", Convert.ToBase64String([.. "{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\""u8, 0xFF, .. "@x.vn\"}]}"u8])),
        ("a UTF-8 encoded surrogate in the name", Convert.ToBase64String([.. "{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\""u8, 0xED, 0xA0, 0x80, .. "@x.vn\"}]}"u8])),
        ("a Kelvin sign for 'k' in a reporter's name", ClientPrincipal("\u212Aan-bo@nghe-an.congan.gov.vn")),
        ("a Kelvin sign for 'k' in an admin's name", Auth.ClientPrincipal.Encode("thu-\u212Ay@cum6.bocongan.vn", Auth.ClientPrincipal.AdminRole)),
    ];

    private static string ClientPrincipal(string user) => Auth.ClientPrincipal.Encode(user);

    private static string Fill(string template, string? id = null, string? period = null, string? user = null) => template
        .Replace("{c}", id ?? "cum6-2024", StringComparison.Ordinal)
        .Replace("{u}", id ?? "nghe-an", StringComparison.Ordinal)
        .Replace("{k}", id ?? "crime-reduction", StringComparison.Ordinal)
        .Replace("{b}", id ?? "b", StringComparison.Ordinal)
        .Replace("{p}", period ?? "2024-03", StringComparison.Ordinal)
        .Replace("{user}", user ?? Principals.ReporterId("nghe-an"), StringComparison.Ordinal)
        .Replace("{run}", id ?? "20240403090000000abcdef", StringComparison.Ordinal);

    private static (byte[]? Body, string? Type) ValidBody(string path) => path switch
    {
        _ when path.StartsWith("compacts/cum6-2024/scans/", StringComparison.Ordinal) || path.Contains("/scans/", StringComparison.Ordinal)
            || path.Contains("/evidence/", StringComparison.Ordinal) =>
            ("%PDF-1.7\n%%EOF\n"u8.ToArray(), "application/pdf"),
        _ when path.EndsWith("/targets", StringComparison.Ordinal) || path.EndsWith("/import", StringComparison.Ordinal) =>
            (Imports.ImportCalls.Reports().Build(), Imports.ImportCalls.Xlsx),
        _ when path.EndsWith("/reviews", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(ReviewJson), "application/json"),
        _ when path.EndsWith("/vote", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(VoteJson), "application/json"),
        _ when path.EndsWith("/ballots", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(BallotJson), "application/json"),
        _ when path.EndsWith("/explanations", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(ExplanationJson), "application/json"),
        _ when path.EndsWith("/next", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(NextJson), "application/json"),
        _ when path.Contains("/reports/", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(ReportJson), "application/json"),
        _ when path.StartsWith("compacts/", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(CompactJson), "application/json"),
        _ when path.StartsWith("units/", StringComparison.Ordinal) => (Encoding.UTF8.GetBytes(UnitJson), "application/json"),
        _ => (Encoding.UTF8.GetBytes(UserJson), "application/json"),
    };

    public static List<Probe> Corpus()
    {
        var probes = new List<Probe>();
        void Json(string why, string path, string text, string type = "application/json") =>
            probes.Add(new Probe(why, MethodOf(path), path, PrincipalOf(path), Encoding.UTF8.GetBytes(text), type));

        foreach (var (name, path, json) in JsonRoutes)
        {
            // Broken JSON: the valid body cut short at many points.
            var step = Math.Max(1, json.Length / 400);
            for (var cut = 0; cut < json.Length; cut += step)
            {
                Json($"{name}: truncated at {cut}", path, json[..cut]);
            }

            // A value of the wrong JSON kind, a huge or a negative number, at every path of the body.
            foreach (var (pointer, node) in Paths(JsonNode.Parse(json)!, ""))
            {
                var kind = node?.GetValueKind();
                foreach (var (label, replacement) in new (string, JsonNode?)[] { ("string", "x"), ("number", 7), ("boolean", true), ("array", new JsonArray()), ("object", new JsonObject()) })
                {
                    if (kind == replacement!.GetValueKind() || (kind is JsonValueKind.True or JsonValueKind.False && label == "boolean"))
                    {
                        continue;
                    }

                    Json($"{name}: {label} at {pointer}", path, Replace(json, pointer, replacement));
                }

                if (kind == JsonValueKind.Number)
                {
                    Json($"{name}: huge number at {pointer}", path, Replace(json, pointer, JsonValue.Create(1e300)));
                    Json($"{name}: number too large for JSON doubles at {pointer}", path, Replace(json, pointer, JsonValue.Create(0)).Replace(":0", ":1e400", StringComparison.Ordinal), "application/json");
                    if (!pointer.EndsWith("/min", StringComparison.Ordinal))
                    {
                        Json($"{name}: negative at {pointer}", path, Replace(json, pointer, JsonValue.Create(-1)));
                    }
                }

                if (kind == JsonValueKind.String)
                {
                    Json($"{name}: over-long string at {pointer}", path, Replace(json, pointer, new string('ư', 5000)));
                }

                if (kind == JsonValueKind.Object)
                {
                    Json($"{name}: unknown field in {pointer}", path, Replace(json, pointer, WithField(node!.AsObject(), "khongRo", 1)));
                }
            }

            Json($"{name}: NaN", path, FirstValue().Replace(json, ":NaN", 1));
            Json($"{name}: Infinity", path, FirstValue().Replace(json, ":-Infinity", 1));
            Json($"{name}: duplicate field", path, "{" + json[1..json.IndexOf(',', StringComparison.Ordinal)] + "," + json[1..]);
            Json($"{name}: not an object", path, "[" + json + "]");
            Json($"{name}: empty", path, "");
            Json($"{name}: a bare string", path, "\"x\"");
            Json($"{name}: plain text", path, json, "text/plain");
            Json($"{name}: XML", path, "<x/>", "application/xml");
            Json($"{name}: Latin-1", path, json, "application/json; charset=iso-8859-1");
            Json($"{name}: no content type", path, json, "");
            Json($"{name}: multipart without a boundary", path, json, "multipart/form-data");

            // Text that is not Unicode: lone surrogates in JSON escapes (a value, a key), invalid UTF-8 bytes, an encoded surrogate.
            var firstString = json.IndexOf(":\"", StringComparison.Ordinal) + 2;
            Json($"{name}: a lone high surrogate in a string", path, json.Insert(firstString, "\\ud800"));
            Json($"{name}: a lone low surrogate in a string", path, json.Insert(firstString, "x\\udfff"));
            Json($"{name}: a lone surrogate in a key", path, json.Insert(1, "\"\\ud800\":1,"));
            Json($"{name}: a lone surrogate in a nested key", path, json.Insert(json.LastIndexOf('{') + 1, "\"\\udbff\":1,"));
            foreach (var (label, bytes) in new (string, byte[])[] { ("invalid UTF-8", [0xFF]), ("a UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]), ("an overlong UTF-8 '/'", [0xC0, 0xAF]) })
            {
                var text = Encoding.UTF8.GetBytes(json[..firstString]);
                probes.Add(new($"{name}: {label} in a string", MethodOf(path), path, Admin, [.. text, .. bytes, .. Encoding.UTF8.GetBytes(json[firstString..])], "application/json"));
            }

            // Media types as RFC 9110 spells them are accepted (so a body that is not an object is still a 400), other charsets are not.
            foreach (var spelling in new[] { "Application/JSON", "application/json; charset=\"UTF-8\"", "application/json;CHARSET=utf-8", "APPLICATION/JSON ; charset = utf-8" })
            {
                Json($"{name}: {spelling}, not an object", path, "[" + json + "]", spelling);
            }

            Json($"{name}: quoted Latin-1", path, json, "application/json; charset=\"iso-8859-1\"");
            Json($"{name}: UTF-16", path, json, "application/json; charset=utf-16");
        }

        // Time zones that are no canonical IANA zone id: directories of the zone database, files that are no zone, other spellings.
        foreach (var zone in new[] { "Asia", "Etc", "posix", "right", "localtime", "Factory", "posixrules", "asia/ho_chi_minh", "ASIA/HO_CHI_MINH", "Asia//Ho_Chi_Minh",
            "Asia/Ho_Chi_Minh/", "/Asia/Ho_Chi_Minh", "posix/Asia/Ho_Chi_Minh", "Asia/../Asia/Ho_Chi_Minh", "Asia/Ho_Chi_Minh\n", "SE Asia Standard Time", "Etc/", "Etc/GMT+99x" })
        {
            var compact = JsonNode.Parse(CompactJson)!.AsObject();
            compact["timeZone"] = zone;
            Json($"compact: time zone {zone}", "compacts/cum6-2024", compact.ToJsonString());
        }

        // Criterion and content ids with a trailing line break.
        foreach (var (pointer, id) in new[] { ("/contents/0/criteria/0/id", "propaganda-sessions\n"), ("/contents/0/id", "c1\n"), ("/members/0/unitId", "thanh-hoa\r\n") })
        {
            Json($"compact: id {id.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)} at {pointer}", "compacts/cum6-2024", Replace(CompactJson, pointer, id));
        }

        // Conditional headers whose precondition fails ("{etag}": the current ETag), and two idempotency keys.
        const string ExistingReport = "compacts/cum6-2024/reports/2024-03/nghe-an";
        foreach (var (path, body) in new[] { ("compacts/cum6-2024", CompactJson), (ExistingReport, ReportJson) })
        {
            foreach (var (header, value) in new[] { ("If-Match", "garbage"), ("If-Match", "\"garbage\""), ("If-Match", "W/\"x\", \"y\""), ("If-None-Match", "*"), ("If-None-Match", "{etag}"), ("If-None-Match", "\"x\", {etag}") })
            {
                probes.Add(new($"{path}: {header}: {value}", HttpMethod.Put, path, Admin, Encoding.UTF8.GetBytes(body), "application/json") { Headers = [(header, value)] });
            }
        }

        probes.Add(new("report: two Idempotency-Key headers", HttpMethod.Put, ExistingReport, Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json") { Headers = [("Idempotency-Key", "k-1"), ("Idempotency-Key", "k-2")] });
        probes.Add(new("report: two Idempotency-Keys joined", HttpMethod.Put, ExistingReport, Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json") { Headers = [("Idempotency-Key", "k-1,k-2")] });

        // Required fields removed.
        foreach (var field in new[] { "title", "cluster", "year", "signedOn", "members", "contents" })
        {
            var compact = JsonNode.Parse(CompactJson)!.AsObject();
            compact.Remove(field);
            Json($"compact: without {field}", "compacts/cum6-2024", compact.ToJsonString());
        }

        foreach (var criterion in new[] { "propaganda-sessions", "ministry-targets", "crime-reduction", "charity-houses" })
        {
            var report = JsonNode.Parse(ReportJson)!.AsObject();
            report["values"]!.AsObject().Remove(criterion);
            Json($"report: without {criterion}", "compacts/cum6-2024/reports/2024-03/nghe-an", report.ToJsonString());
        }

        // Oversized bodies.
        Json("report: over 64 KB", "compacts/cum6-2024/reports/2024-03/nghe-an", ReportJson.Replace("\"note\":", $"\"padding\":\"{new string('a', 70_000)}\",\"note\":", StringComparison.Ordinal));
        Json("compact: over 512 KB", "compacts/cum6-2024", CompactJson.Replace("\"title\":", $"\"padding\":\"{new string('a', 530_000)}\",\"title\":", StringComparison.Ordinal));
        Json("unit: over 16 KB", "units/nghe-an", $"{{\"name\":\"{new string('a', 17_000)}\"}}");

        // Forms that are not reports, and truncated multipart.
        Json("report: truncated multipart", "compacts/cum6-2024/reports/2024-03/nghe-an", "--B\r\nContent-Disposition: form-data; name=\"crime-reduction\"\r\n\r\n11", "multipart/form-data; boundary=B");
        Json("report: form with unknown fields", "compacts/cum6-2024/reports/2024-03/nghe-an", "x=1&y=2", "application/x-www-form-urlencoded");
        Json("report: form missing values", "compacts/cum6-2024/reports/2024-03/nghe-an", "crime-reduction=5", "application/x-www-form-urlencoded");
        Json("report: form with a negative count", "compacts/cum6-2024/reports/2024-03/nghe-an",
            "propaganda-sessions=-1&crime-reduction=1&project06=1&drug-cases=1&charity-houses=1", "application/x-www-form-urlencoded");

        // Forms whose text is not UTF-8: raw bytes, percent-encoded bytes, in a name or a value.
        const string Form = "propaganda-sessions=4&emulation-plan=on&ministry-targets=on&no-surprise=on&crime-reduction=1180&project06=150000&drug-cases=170&charity-houses=2&cluster-coordination=on&receivedAt=2024-04-03T09%3A00%3A00%2B07%3A00";
        foreach (var (label, tail) in new (string, byte[])[]
        {
            ("raw invalid UTF-8 in the note", [.. "&note="u8, 0xFF]), ("a raw encoded surrogate in a name", [(byte)'&', 0xED, 0xA0, 0x80, .. "=1"u8]),
            ("%FF in the note", "&note=%FF"u8.ToArray()), ("a percent-encoded surrogate in the note", "&note=%ED%A0%80"u8.ToArray()),
            ("a percent-encoded surrogate in a name", "&%ED%B0%80=1"u8.ToArray()), ("an overlong percent-encoded '/'", "&note=%C0%AF"u8.ToArray()),
        })
        {
            probes.Add(new($"report: urlencoded, {label}", HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/nghe-an", Admin, [.. Encoding.ASCII.GetBytes(Form), .. tail], "application/x-www-form-urlencoded"));
        }

        foreach (var (label, value) in new (string, byte[])[] { ("invalid UTF-8", [0xFF, 0xFE]), ("an encoded surrogate", [0xED, 0xA0, 0x80]) })
        {
            var parts = Form.Split('&').Select(f => f.Split('=')).Select(f => Encoding.UTF8.GetBytes($"--B\r\nContent-Disposition: form-data; name=\"{f[0]}\"\r\n\r\n{Uri.UnescapeDataString(f[1])}\r\n"));
            byte[] note = [.. "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"u8, .. value, .. "\r\n--B--\r\n"u8];
            probes.Add(new($"report: multipart, {label} in the note", HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/nghe-an", Admin, [.. parts.SelectMany(p => p), .. note], "multipart/form-data; boundary=B"));
        }

        ReviewProbes(Json);

        // Next year's compact: roles that break REVIEW.md's rules, ids that are no ids, and a new id that exists.
        foreach (var (why, body) in new[]
        {
            ("a head outside the compact", NextJson.Replace("\"head\":\"nghe-an\"", "\"head\":\"da-nang\"", StringComparison.Ordinal)),
            ("the deputy the head's unit", NextJson.Replace("\"deputy\":\"ha-tinh\"", "\"deputy\":\"nghe-an\"", StringComparison.Ordinal)),
            ("no head", NextJson.Replace("\"head\":\"nghe-an\",", "", StringComparison.Ordinal)),
            ("a null head", NextJson.Replace("\"head\":\"nghe-an\"", "\"head\":null", StringComparison.Ordinal)),
            ("a compact id with a slash", NextJson.Replace("cum6-2024", "cum6/2025", StringComparison.Ordinal)),
            ("a compact id in capitals", NextJson.Replace("cum6-2024", "CUM6-2025", StringComparison.Ordinal)),
            ("a compact id with a line break", NextJson.Replace("cum6-2024", "cum6-2025\\n", StringComparison.Ordinal)),
            ("a compact id that exists (409)", NextJson),
        })
        {
            Json($"next: {why}", NextPath, body);
        }

        // Scans.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        probes.Add(new("scan: PNG declared as PDF", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin, png, "application/pdf"));
        probes.Add(new("scan: text named .pdf", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin,
            Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\nxin chào\r\n--B--\r\n"), "multipart/form-data; boundary=B"));
        probes.Add(new("scan: empty", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin, [], "application/pdf"));
        probes.Add(new("scan: text", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin, "hello"u8.ToArray(), "text/plain"));
        probes.Add(new("scan: truncated multipart", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin,
            Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 then nothing"), "multipart/form-data; boundary=B"));
        var huge = new byte[(20 * 1024 * 1024) + 1];
        "%PDF-1.7"u8.CopyTo(huge);
        probes.Add(new("scan: one byte over 20 MiB", HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Admin, huge, "application/pdf"));

        EvidenceProbes(probes, png, huge);
        WorkbookProbes(probes, png);

        foreach (var (method, template) in Routes)
        {
            var body = method == HttpMethod.Put || (method == HttpMethod.Post && (template.Contains("/reports/", StringComparison.Ordinal) || template.EndsWith("/ballots", StringComparison.Ordinal)
                || template.EndsWith("/next", StringComparison.Ordinal)))
                ? ValidBody(Fill(template)) : (null, null);

            // Ids with path pieces, upper case, confusables, over-long…
            if (template.Contains("{c}", StringComparison.Ordinal) || template.Contains("{u}", StringComparison.Ordinal) || template.Contains("{b}", StringComparison.Ordinal))
            {
                foreach (var id in BadIds)
                {
                    probes.Add(new($"{method} {template}: id {id}", method, Fill(template, id: id), Admin, body.Body, body.Type));
                }
            }

            if (template.Contains("{p}", StringComparison.Ordinal))
            {
                foreach (var period in BadPeriods)
                {
                    probes.Add(new($"{method} {template}: period {period}", method, Fill(template, period: period), Admin, body.Body, body.Type));
                }
            }

            if (template.Contains("{run}", StringComparison.Ordinal))
            {
                foreach (var run in BadRuns)
                {
                    probes.Add(new($"{method} {template}: run {run}", method, Fill(template, id: run), Admin, body.Body, body.Type));
                }
            }

            if (template.Contains("{user}", StringComparison.Ordinal))
            {
                foreach (var user in BadUsers)
                {
                    probes.Add(new($"{method} {template}: user {user}", method, Fill(template, user: user), Admin, body.Body, body.Type));
                }
            }

            // No principal or a bad one (a valid request otherwise).
            probes.Add(new($"{method} {template}: no principal", method, Fill(template), null, body.Body, body.Type));
            foreach (var (why, principal) in BadPrincipals)
            {
                probes.Add(new($"{method} {template}: principal {why}", method, Fill(template), principal, body.Body, body.Type));
            }
        }

        // Unknown compacts, routes and methods; formats.
        probes.Add(new("standings: format xml", HttpMethod.Get, "compacts/cum6-2024/standings/2024-03?format=xml", Admin));
        probes.Add(new("unknown compact", HttpMethod.Get, "compacts/cum7-2024/standings/2024-03", Admin));
        probes.Add(new("unknown route", HttpMethod.Get, "compacts/cum6-2024/nothing", Admin));
        probes.Add(new("wrong method", HttpMethod.Patch, "compacts/cum6-2024", Admin, Encoding.UTF8.GetBytes(CompactJson), "application/json"));
        probes.Add(new("wrong method on reports", HttpMethod.Post, "compacts/cum6-2024/reports/2024-03/nghe-an", Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json"));
        probes.Add(new("report of a unit outside the compact", HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/da-nang", Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json"));
        probes.Add(new("stale If-Match", HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/nghe-an", Admin, Encoding.UTF8.GetBytes(ReportJson), "application/json"));
        return probes;
    }

    /// <summary>Evidence uploads refused for their bytes, their declared type, their size or their criterion, and listings of a bad revision.</summary>
    /// <summary>The imports' bad workbooks: files that are no workbook, broken ones, bad cells, a zip bomb, too many rows; targets without If-Match.</summary>
    private static void WorkbookProbes(List<Probe> probes, byte[] png)
    {
        const string Xlsx = Imports.ImportCalls.Xlsx;
        var bomb = Imports.TestWorkbook.WithDeclaredSize(
            Imports.ImportCalls.Reports().RawRows(rows => rows.Append(' ', 4 * 1024 * 1024)).Build(), "xl/worksheets/sheet1.xml", 4096);
        var badCells = Imports.ImportCalls.Header().Texts(9, "nghe-an", "nhiều", "có", null, null, "-5", null, null, null, null, null, "hôm qua").Merge("B10:C10");
        var tooMany = Imports.ImportCalls.Header().RawRows(rows =>
        {
            for (var i = 0; i < 1001; i++)
            {
                rows.Append("<row><c><v>1</v></c></row>");
            }
        });
        foreach (var path in new[] { "compacts/cum6-2024/reports/2024-03/import", "compacts/cum6-2024/targets" })
        {
            var method = path.EndsWith("/import", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Put;
            var headers = method == HttpMethod.Put ? new[] { ("If-Match", "*") } : [];
            foreach (var (why, body, type) in new (string, byte[], string)[]
            {
                ("a PNG declared as a workbook", png, Xlsx), ("text", "unitId,note\n"u8.ToArray(), "text/csv"), ("a Word document", EvidenceCalls.Word(), Xlsx),
                ("a ZIP's first bytes", "PK\u0003\u0004xx"u8.ToArray(), Xlsx), ("empty", [], Xlsx), ("a zip bomb", bomb, Xlsx),
                ("bad cells", badCells.Build(), Xlsx), ("1,001 rows", tooMany.Build(), Xlsx),
                ("a workbook without its sheet", Imports.TestWorkbook.WithDeclaredSize(badCells.Build(), "xl/worksheets/sheet1.xml", 1), Xlsx),
            })
            {
                probes.Add(new($"{path}: {why}", method, path, Admin, body, type) { Headers = headers });
            }
        }

        probes.Add(new("targets without If-Match", HttpMethod.Put, "compacts/cum6-2024/targets", Admin, Imports.ImportCalls.Reports().Build(), Xlsx));
        probes.Add(new("targets: format xml", HttpMethod.Get, "compacts/cum6-2024/targets?format=xml", Admin));
    }

    private static void EvidenceProbes(List<Probe> probes, byte[] png, byte[] huge)
    {
        const string Path = "compacts/cum6-2024/reports/2024-03/nghe-an/evidence";
        void Put(string why, byte[] body, string type, string criterion = "crime-reduction") =>
            probes.Add(new($"evidence: {why}", HttpMethod.Put, $"{Path}/{criterion}", Admin, body, type));

        Put("PNG declared as PDF", png, "application/pdf");
        Put("Word declared as Excel", EvidenceCalls.Word(), EvidenceCalls.Xlsx);
        Put("PDF declared as Word", "%PDF-1.7\n%%EOF\n"u8.ToArray(), EvidenceCalls.Docx);
        Put("a ZIP that is no office document", EvidenceCalls.Zip("readme.txt"), "application/octet-stream");
        Put("Word's part without content types", EvidenceCalls.Zip("word/document.xml"), EvidenceCalls.Docx);
        Put("a ZIP cut short", EvidenceCalls.Word()[..200], EvidenceCalls.Docx);
        Put("empty", [], "application/pdf");
        Put("text", "hello"u8.ToArray(), "text/plain");
        Put("truncated multipart", Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 then nothing"),
            "multipart/form-data; boundary=B");
        Put("multipart without a file field", Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx\r\n--B--\r\n"), "multipart/form-data; boundary=B");
        Put("one byte over 20 MiB", huge, "application/pdf");
        Put("an unknown criterion", "%PDF-1.7\n"u8.ToArray(), "application/pdf", "khong-co");
        Put("a criterion id in capitals", "%PDF-1.7\n"u8.ToArray(), "application/pdf", "CRIME-REDUCTION");
        probes.Add(new("evidence: a month without a report", HttpMethod.Put, "compacts/cum6-2024/reports/2024-02/nghe-an/evidence/crime-reduction", Admin,
            "%PDF-1.7\n"u8.ToArray(), "application/pdf"));
        foreach (var revision in new[] { "0", "2", "-1", "1.5", "x", "1&revision=1" })
        {
            probes.Add(new($"evidence: revision {revision}", HttpMethod.Get, $"{Path}?revision={revision}", Admin));
            probes.Add(new($"evidence file: revision {revision}", HttpMethod.Get, $"{Path}/crime-reduction/1?revision={revision}", Admin));
        }

        foreach (var version in new[] { "0", "-1", "1.5", "x", "01x", "1234567", "%31", "2147483648", "1" /* none stored: 404 */ })
        {
            probes.Add(new($"evidence file: version {version}", HttpMethod.Get, $"{Path}/crime-reduction/{version}", Admin));
        }
    }

    /// <summary>Reviews and explanations wrong in what the rules check: values on returns, long comments, unknown criteria, numbers, revisions.</summary>
    private static void ReviewProbes(Action<string, string, string, string> json)
    {
        void Review(string why, string body) => json($"review: {why}", ReviewPath, body, "application/json");
        void Explanation(string why, string body) => json($"explanation: {why}", ExplanationPath, body, "application/json");
        static string Confirm(string item) => """{"revision":1,"decision":"confirm","comment":"Đã đối chiếu","items":{""" + item + "}}";
        var longText = new string('ư', 4001);

        Review("a value on a return", """{"revision":1,"decision":"return","comment":"Sai","items":{"crime-reduction":{"value":1190,"comment":"Sai"}}}""");
        Review("a null value on a return", """{"revision":1,"decision":"return","comment":"Sai","items":{"bonus":{"value":null,"comment":"Sai"}}}""");
        Review("a return without items", """{"revision":1,"decision":"return","comment":"Sai","items":{}}""");
        Review("a return without a comment", """{"revision":1,"decision":"return","items":{"crime-reduction":{"comment":"Sai"}}}""");
        Review("a return with a blank comment", """{"revision":1,"decision":"return","comment":"   ","items":{"crime-reduction":{"comment":"Sai"}}}""");
        Review("a returned item without a comment", """{"revision":1,"decision":"return","comment":"Sai","items":{"crime-reduction":{}}}""");
        Review("an over-long comment", ReviewJson.Replace("Số liệu chưa khớp", longText, StringComparison.Ordinal));
        Review("an over-long item comment", ReviewJson.Replace("Chưa khớp thống kê ngành", longText, StringComparison.Ordinal));
        Review("an over-long confirm comment", Confirm("").Replace("Đã đối chiếu", longText, StringComparison.Ordinal));
        Review("an unknown criterion", ReviewJson.Replace("crime-reduction", "khong-co", StringComparison.Ordinal));
        Review("a criterion id with a line break", ReviewJson.Replace("crime-reduction", "crime-reduction\\n", StringComparison.Ordinal));
        Review("an unknown decision", ReviewJson.Replace("\"return\"", "\"approve\"", StringComparison.Ordinal));
        Review("a decision in capitals", ReviewJson.Replace("\"return\"", "\"RETURN\"", StringComparison.Ordinal));
        Review("no decision", """{"revision":1,"comment":"Sai","items":{"crime-reduction":{"comment":"Sai"}}}""");
        Review("an unknown field in an item", ReviewJson.Replace("{\"comment\":\"Chưa", "{\"ly-do\":1,\"comment\":\"Chưa", StringComparison.Ordinal));
        Review("an item that is a string", """{"revision":1,"decision":"return","comment":"Sai","items":{"crime-reduction":"Sai"}}""");
        Review("items that are an array", """{"revision":1,"decision":"return","comment":"Sai","items":[{"crime-reduction":{"comment":"Sai"}}]}""");
        Review("a correction without a comment", Confirm("""  "crime-reduction":{"value":1190}  """));
        Review("a correction of the wrong type", Confirm("""  "crime-reduction":{"value":true,"comment":"Sửa"}  """));
        Review("a correction as a string", Confirm("""  "crime-reduction":{"value":"1190","comment":"Sửa"}  """));
        Review("a qualitative correction as a number", Confirm("""  "emulation-plan":{"value":1,"comment":"Sửa"}  """));
        Review("a huge correction", Confirm("""  "crime-reduction":{"value":1e300,"comment":"Sửa"}  """));
        Review("a correction beyond doubles", Confirm("""  "crime-reduction":{"value":1e400,"comment":"Sửa"}  """));
        Review("a correction with 40 digits", Confirm("""  "crime-reduction":{"value":1234567890123456789012345678901234567890,"comment":"Sửa"}  """));
        Review("a correction with 30 decimals", Confirm("""  "crime-reduction":{"value":0.123456789012345678901234567890,"comment":"Sửa"}  """));
        Review("a negative count", Confirm("""  "propaganda-sessions":{"value":-1,"comment":"Sửa"}  """));
        Review("a fractional count", Confirm("""  "propaganda-sessions":{"value":1.5,"comment":"Sửa"}  """));
        Review("an adjustment over its maximum", Confirm("""  "bonus":{"value":5,"comment":"Sửa"}  """));
        Review("an adjustment under its minimum", Confirm("""  "deduction":{"value":-5,"comment":"Sửa"}  """));
        Review("a null value on a criterion that is no adjustment", Confirm("""  "crime-reduction":{"value":null,"comment":"Sửa"}  """));
        Review("a confirm item with neither value nor comment", Confirm("""  "crime-reduction":{}  """));
        foreach (var revision in new[] { "0", "-1", "1.5", "\"1\"", "null", "true", "2147483648", "1e3", "[1]" })
        {
            Review($"revision {revision}", ReviewJson.Replace("\"revision\":1", $"\"revision\":{revision}", StringComparison.Ordinal));
            Explanation($"revision {revision}", ExplanationJson.Replace("\"revision\":1", $"\"revision\":{revision}", StringComparison.Ordinal));
        }

        Review("no revision", ReviewJson.Replace("\"revision\":1,", "", StringComparison.Ordinal));
        Review("a revision that is not the latest (409)", ReviewJson.Replace("\"revision\":1", "\"revision\":2", StringComparison.Ordinal));
        Review("over 64 KB", ReviewJson.Replace("\"comment\":", $"\"padding\":\"{new string('a', 70_000)}\",\"comment\":", StringComparison.Ordinal));
        Review("nested too deep", ReviewJson.Replace("\"items\":{", "\"items\":{\"x\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}},", StringComparison.Ordinal));

        Explanation("no comment and no items", """{"revision":1}""");
        Explanation("an item that is a number", """{"revision":1,"comment":"Giải trình","items":{"crime-reduction":1190}}""");
        Explanation("an item that is an object", """{"revision":1,"comment":"Giải trình","items":{"crime-reduction":{"comment":"x"}}}""");
        Explanation("a blank item", """{"revision":1,"items":{"crime-reduction":"  "}}""");
        Explanation("an unknown criterion", ExplanationJson.Replace("crime-reduction", "khong-co", StringComparison.Ordinal));
        Explanation("an over-long comment", ExplanationJson.Replace("\"Giải trình\"", $"\"{longText}\"", StringComparison.Ordinal));
        Explanation("an over-long item", ExplanationJson.Replace("Số liệu đã được xác nhận", longText, StringComparison.Ordinal));
        Explanation("a decision", ExplanationJson.Replace("{\"revision\"", "{\"decision\":\"confirm\",\"revision\"", StringComparison.Ordinal));
        Explanation("values", ExplanationJson.Replace("{\"revision\"", "{\"values\":{\"crime-reduction\":1},\"revision\"", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Pointer, JsonNode? Node)> Paths(JsonNode node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = $"{pointer}/{key}";
                    yield return (path, child);
                    if (child is not null)
                    {
                        foreach (var inner in Paths(child, path))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"{pointer}/{i}";
                    yield return (path, array[i]);
                    foreach (var inner in Paths(array[i]!, path))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                break;
        }
    }

    private static string Replace(string json, string pointer, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = parts[..^1].Aggregate(root, (n, p) => n is JsonArray a ? a[int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)]! : n[p]!);
        if (parent is JsonArray list)
        {
            list[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value?.DeepClone();
        }
        else
        {
            parent[parts[^1]] = value?.DeepClone();
        }

        return root.ToJsonString();
    }

    private static JsonObject WithField(JsonObject obj, string name, JsonNode value)
    {
        var copy = obj.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }

    [Fact]
    public async Task Every_malformed_request_gets_a_4xx_problem_and_storage_stays_byte_identical()
    {
        var corpus = Corpus();
        var etags = new Dictionary<string, string>();
        foreach (var path in corpus.Where(p => p.Headers.Any(h => h.Value.Contains("{etag}", StringComparison.Ordinal))).Select(p => p.Path).Distinct())
        {
            using var current = await _host.SendAsync(HttpMethod.Get, path, Admin);
            etags[path] = current.Headers.ETag!.ToString();
        }

        var before = await _host.SnapshotAsync();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var leaks = new ConcurrentQueue<string>();
        var refusedByServer = 0;

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (probe, ct) =>
        {
            HttpContent? content = null;
            if (probe.Body is not null)
            {
                content = new ByteArrayContent(probe.Body);
                if (!string.IsNullOrEmpty(probe.ContentType))
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
                }
            }

            using var request = new HttpRequestMessage(probe.Method, probe.Path) { Content = content };
            if (probe.Principal is not null)
            {
                request.Headers.TryAddWithoutValidation(Auth.ClientPrincipal.HeaderName, probe.Principal);
            }

            if (probe.Why == "stale If-Match")
            {
                request.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"");
            }

            foreach (var (name, value) in probe.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value.Contains("{etag}", StringComparison.Ordinal) ? value.Replace("{etag}", etags[probe.Path], StringComparison.Ordinal) : value);
            }

            using var response = await _host.Http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync(ct);
            var type = response.Content.Headers.ContentType?.MediaType;
            if (RefusedByServer(probe))
            {
                Interlocked.Increment(ref refusedByServer);
                if (status is < 400 or >= 500)
                {
                    failures.Enqueue($"{probe.Why}: {status}");
                }
            }
            else if (status is < 400 or >= 500 || type != "application/problem+json" || !IsProblem(text, status)
                || (status == 409 && probe.Why.StartsWith("review: ", StringComparison.Ordinal) && !probe.Why.EndsWith("(409)", StringComparison.Ordinal)))
            {
                failures.Enqueue($"{probe.Why}: {status} {type} {text[..Math.Min(200, text.Length)]}");
            }

            if (ReliabilityHost.SecretsIn(text).Any() || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            {
                leaks.Enqueue($"{probe.Why}: {text[..Math.Min(200, text.Length)]}");
            }
        });

        var after = await _host.SnapshotAsync();
        var changed = before.Except(after).Concat(after.Except(before)).ToList();
        Summary.Write(output, $"reliability: bad input: {corpus.Count} malformed requests; "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))
            + $"; 5xx: {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; refused by the web server before the app: {refusedByServer}; storage rows changed: {changed.Count}");

        Assert.True(corpus.Count >= 2000, $"only {corpus.Count} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} not a 4xx problem:\n" + string.Join("\n", failures.Take(25)));
        Assert.True(leaks.IsEmpty, string.Join("\n", leaks.Take(10)));
        Assert.Equal(before, after);
        Assert.Empty(_host.Logs.Lines.SelectMany(l => ReliabilityHost.SecretsIn(l.Text)));
    }

    private static bool IsProblem(string text, int status)
    {
        try
        {
            var json = JsonDocument.Parse(text).RootElement;
            return json.GetProperty("status").GetInt32() == status
                && json.GetProperty("title").GetString() is { Length: > 0 }
                && json.TryGetProperty("detail", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

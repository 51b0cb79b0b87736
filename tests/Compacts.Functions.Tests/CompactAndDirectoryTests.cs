using System.Text.Json.Nodes;

namespace Compacts.Functions.Tests;

public sealed class CompactAndDirectoryTests : SeededAppTests
{
    private static JsonObject DemoCompact() => JsonNode.Parse(File.ReadAllText(Path.Combine(TestApp.RepoRoot, "demo", "cum6-2024.compact.json")))!.AsObject();

    [Fact]
    public async Task A_compact_is_created_with_201_and_an_ETag_then_replaced_with_200()
    {
        var created = await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()), "cum6-2025");
        var replaced = await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()).With("If-Match", created.ETag!), "cum6-2025");

        Assert.Equal(201, created.Status);
        Assert.NotNull(created.ETag);
        Assert.Equal(200, replaced.Status);
        Assert.NotEqual(created.ETag, replaced.ETag);

        var read = await App.GetCompact(Principals.ReporterOf("ha-tinh"), "cum6-2025");
        Assert.Equal(replaced.ETag, read.ETag);
        Assert.Equal("cum6-2025", read.Json.GetProperty("compactId").GetString());
        var crime = read.Json.GetProperty("contents")[3].GetProperty("criteria")[0];
        Assert.Equal("decrease", crime.GetProperty("direction").GetString());
        Assert.Equal("percentChange", crime.GetProperty("measure").GetString());
        Assert.Equal(2410, crime.GetProperty("targets").GetProperty("thanh-hoa").GetProperty("baseline").GetDouble());
        Assert.Equal("17:00", read.Json.GetProperty("reporting").GetProperty("dueTime").GetString());
        Assert.Equal("Cụm thi đua số 6 - Bộ Công an", read.Json.GetProperty("cluster").GetString());
    }

    [Fact]
    public async Task Every_reader_of_a_compact_gets_its_members_with_their_units_names_in_the_compacts_order()
    {
        Task<TestResponse> Members(string? principal, string compactId = TestApp.CompactId) =>
            App.SendAsync<CompactsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetCompactMembers(req, compactId, ct));
        var names = (await App.SendAsync<UnitsFunctions>(TestRequest.Get(Principals.Admin), (f, r, ct) => f.GetUnits(r, ct))).Json.EnumerateArray()
            .ToDictionary(u => u.GetProperty("unitId").GetString()!, u => u.GetProperty("name").GetString());
        var compact = (await App.GetCompact(Principals.Admin)).Json.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("unitId").GetString()!, m.GetProperty("role").GetString())).ToList();

        var asReporter = await Members(Principals.ReporterOf("ha-tinh")); // may read its own unit's record only

        Assert.Equal(200, asReporter.Status);
        Assert.Equal(TestApp.CompactId, asReporter.Json.GetProperty("compactId").GetString());
        var members = asReporter.Json.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(compact, members.Select(m => (m.GetProperty("unitId").GetString()!, m.GetProperty("role").GetString())));
        Assert.Equal(compact.Select(m => names[m.Item1]), members.Select(m => m.GetProperty("name").GetString()));
        Assert.All(members, m => Assert.False(m.TryGetProperty("emails", out _)));
        Assert.Equal(200, (await Members(Principals.Admin)).Status);
        Assert.Equal(404, (await Members(Principals.Admin, "cum6-2099")).Status);
        Assert.Equal(400, (await Members(Principals.Admin, "Cum 6")).Status);
        Assert.Equal(403, (await Members(Principals.Unregistered)).Status);
        Assert.Equal(401, (await Members(null)).Status);
    }

    [Fact]
    public async Task A_stale_If_Match_or_If_None_Match_on_an_existing_compact_is_412_and_changes_nothing()
    {
        var first = await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()), "cum6-2025");
        await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()), "cum6-2025");
        var before = await App.DumpAsync();

        var stale = await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()).With("If-Match", first.ETag!), "cum6-2025");
        var createOnly = await App.PutCompact(TestRequest.PutJson(Principals.Admin, DemoCompact().ToJsonString()).With("If-None-Match", "*"), "cum6-2025");

        Assert.Equal(412, stale.Status);
        Assert.Equal(412, createOnly.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_decrease_target_that_is_not_percentChange_is_rejected_with_its_path()
    {
        var compact = DemoCompact();
        var crime = compact["contents"]![3]!["criteria"]![0]!.AsObject();
        crime["measure"] = "absolute";
        crime["targets"] = JsonNode.Parse("""{"thanh-hoa":{"target":5}}""");
        var before = await App.DumpAsync();

        var response = await App.PutCompact(TestRequest.PutJson(Principals.Admin, compact.ToJsonString()), "cum6-2025");

        Assert.Equal(400, response.Status);
        Assert.Contains("contents[3].criteria[0].direction", response.ErrorFields);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_compact_with_a_deputy_and_review_settings_round_trips_and_one_without_reads_the_defaults()
    {
        var compact = DemoCompact();
        compact["members"]![1]!["role"] = "deputy";
        compact["review"] = JsonNode.Parse("""{"required":true,"reviewDays":7}""");

        var withoutReview = DemoCompact(); // the demo's deputy made a member, and no review settings
        withoutReview["members"]![1]!["role"] = "member";
        Assert.True(withoutReview.Remove("review"));

        var created = await App.PutCompact(TestRequest.PutJson(Principals.Admin, compact.ToJsonString()), "cum6-2025");
        var read = await App.GetCompact(Principals.ReporterOf("ninh-binh"), "cum6-2025");
        await App.PutCompact(TestRequest.PutJson(Principals.Admin, withoutReview.ToJsonString()), "cum6-2026");
        var plain = await App.GetCompact(Principals.Admin, "cum6-2026");

        Assert.Equal(201, created.Status);
        Assert.Equal(200, read.Status);
        Assert.Equal("deputy", read.Json.GetProperty("members")[1].GetProperty("role").GetString());
        Assert.Equal("ninh-binh", read.Json.GetProperty("members")[1].GetProperty("unitId").GetString());
        Assert.Equal("""{"required":true,"reviewDays":7,"explainDays":5}""", read.Json.GetProperty("review").GetRawText());
        Assert.Equal(created.Json.GetProperty("review").GetRawText(), read.Json.GetProperty("review").GetRawText());
        Assert.Equal("""{"required":false,"reviewDays":10,"explainDays":5}""", plain.Json.GetProperty("review").GetRawText());
        Assert.DoesNotContain(plain.Json.GetProperty("members").EnumerateArray(), m => m.GetProperty("role").GetString() == "deputy");
    }

    [Theory]
    [InlineData("two deputies", """{"members":[{"unitId":"thanh-hoa","role":"head"},{"unitId":"ninh-binh","role":"deputy"},{"unitId":"nghe-an","role":"deputy"},{"unitId":"ha-tinh"},{"unitId":"quang-binh"}]}""", "members")]
    [InlineData("the head again as deputy", """{"members":[{"unitId":"thanh-hoa","role":"head"},{"unitId":"ninh-binh"},{"unitId":"nghe-an"},{"unitId":"ha-tinh"},{"unitId":"quang-binh"},{"unitId":"thanh-hoa","role":"deputy"}]}""", "members[5].unitId")]
    [InlineData("reviewDays 0", """{"review":{"reviewDays":0}}""", "review.reviewDays")]
    [InlineData("reviewDays 61", """{"review":{"reviewDays":61}}""", "review.reviewDays")]
    [InlineData("reviewDays not a number", """{"review":{"reviewDays":"x"}}""", "review.reviewDays")]
    [InlineData("reviewDays not whole", """{"review":{"reviewDays":1.5}}""", "review.reviewDays")]
    [InlineData("explainDays 61", """{"review":{"explainDays":61}}""", "review.explainDays")]
    [InlineData("required not a boolean", """{"review":{"required":"yes"}}""", "review.required")]
    [InlineData("unknown review field", """{"review":{"reviewdays":5}}""", "review.reviewdays")]
    public async Task Bad_review_settings_or_a_second_deputy_are_400_naming_the_field(string because, string changes, string field)
    {
        var compact = DemoCompact();
        foreach (var (name, value) in JsonNode.Parse(changes)!.AsObject())
        {
            compact[name] = value?.DeepClone();
        }

        var before = await App.DumpAsync();

        var response = await App.PutCompact(TestRequest.PutJson(Principals.Admin, compact.ToJsonString()), "cum6-2025");

        Expect.Equal(400, response.Status, $"{because}: {response}");
        Assert.Contains(field, response.ErrorFields);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Theory]
    [InlineData("unknown field", """{"title":"x","titel":"y"}""", "titel")]
    [InlineData("wrong type", """{"year":"2024"}""", "year")]
    [InlineData("number too large for its type", """{"year":1e40}""", "year")]
    [InlineData("members not a list", """{"members":{"thanh-hoa":"head"}}""", "members")]
    [InlineData("not an object", "42", "$")]
    public async Task A_malformed_compact_body_is_400_naming_the_field(string because, string body, string field)
    {
        var response = await App.PutCompact(TestRequest.PutJson(Principals.Admin, body), "cum6-2025");

        Expect.Equal(400, response.Status, $"{because}: {response}");
        Assert.Contains(field, response.ErrorFields);
    }

    [Fact]
    public async Task A_compact_whose_stored_definition_would_be_too_large_is_400_and_nothing_is_stored()
    {
        // 250 titles of 500 quotes: under the 512 KB body limit, but each quote is stored escaped (6 characters).
        var title = new string('"', 500);
        var contents = new JsonArray(Enumerable.Range(0, 50).Select(c => (JsonNode)new JsonObject
        {
            ["id"] = $"c{c}",
            ["title"] = title,
            ["criteria"] = new JsonArray(Enumerable.Range(0, 4).Select(k => (JsonNode)new JsonObject
            {
                ["id"] = $"k{c}-{k}", ["title"] = title, ["type"] = "qualitative", ["maxPoints"] = 1,
            }).ToArray()),
        }).ToArray());
        var compact = DemoCompact();
        compact["contents"] = contents;
        var body = compact.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }); // quotes as \"
        var before = await App.DumpAsync();

        var response = await App.PutCompact(TestRequest.PutJson(Principals.Admin, body), "cum6-2025");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(body) < 512 * 1024, "the body itself is within the 512 KB limit");
        Assert.Equal(400, response.Status);
        Assert.Contains("$", response.ErrorFields);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task Members_must_be_existing_units()
    {
        var compact = DemoCompact();
        compact["members"]!.AsArray().Add(new JsonObject { ["unitId"] = "quang-tri", ["role"] = "member" });

        var response = await App.PutCompact(TestRequest.PutJson(Principals.Admin, compact.ToJsonString()), "cum6-2025");

        Assert.Equal(400, response.Status);
        Assert.Contains("members[5].unitId", response.ErrorFields);
    }

    [Fact]
    public async Task Units_are_created_and_replaced_with_normalised_addresses()
    {
        var created = await App.SendAsync<UnitsFunctions>(
            TestRequest.PutJson(Principals.Admin, new { name = "Công an tỉnh Quảng Trị", emails = new[] { "VP@QuangTri.gov.vn", "vp@quangtri.gov.vn" } }),
            (f, r, ct) => f.PutUnit(r, "quang-tri", ct));
        var replaced = await App.SendAsync<UnitsFunctions>(
            TestRequest.PutJson(Principals.Admin, new { name = "Công an tỉnh Quảng Trị", emails = Array.Empty<string>() }),
            (f, r, ct) => f.PutUnit(r, "quang-tri", ct));

        Assert.Equal(201, created.Status);
        Assert.Equal(["vp@quangtri.gov.vn"], created.Json.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(200, replaced.Status);
        var own = await App.SendAsync<UnitsFunctions>(TestRequest.Get(Principals.ReporterOf("nghe-an")), (f, r, ct) => f.GetUnit(r, "nghe-an", ct));
        var other = await App.SendAsync<UnitsFunctions>(TestRequest.Get(Principals.ReporterOf("nghe-an")), (f, r, ct) => f.GetUnit(r, "ha-tinh", ct));
        Assert.Equal(200, own.Status);
        Assert.Equal(403, other.Status);
    }

    [Theory]
    [InlineData("""{"emails":["a@b.vn"]}""", "name")]
    [InlineData("""{"name":"X","emails":["not-an-address"]}""", "emails[0]")]
    [InlineData("""{"name":"X","emails":"a@b.vn"}""", "emails")]
    public async Task An_invalid_unit_is_400_naming_the_field(string body, string field)
    {
        var response = await App.SendAsync<UnitsFunctions>(TestRequest.PutJson(Principals.Admin, body), (f, r, ct) => f.PutUnit(r, "quang-tri", ct));

        Assert.Equal(400, response.Status);
        Assert.Contains(field, response.ErrorFields);
    }

    [Fact]
    public async Task Users_are_registered_for_an_existing_unit_read_and_deleted()
    {
        Task<TestResponse> Put(string userId, object body) =>
            App.SendAsync<UsersFunctions>(TestRequest.PutJson(Principals.Admin, body), (f, r, ct) => f.PutUser(r, userId, ct));

        var created = await Put("nguyen.van.a@nghean.gov.vn", new { unitId = "nghe-an", name = "Nguyễn Văn A" });
        var unknownUnit = await Put("b@nghean.gov.vn", new { unitId = "nghe-tinh", name = "B" });
        var upperCase = await Put("Nguyen@nghean.gov.vn", new { unitId = "nghe-an" });
        var self = await App.SendAsync<UsersFunctions>(TestRequest.Get(Auth.ClientPrincipal.Encode("nguyen.van.a@nghean.gov.vn")),
            (f, r, ct) => f.GetUser(r, "nguyen.van.a@nghean.gov.vn", ct));
        var deleted = await App.SendAsync<UsersFunctions>(TestRequest.Delete(Principals.Admin), (f, r, ct) => f.DeleteUser(r, "nguyen.van.a@nghean.gov.vn", ct));
        var again = await App.SendAsync<UsersFunctions>(TestRequest.Delete(Principals.Admin), (f, r, ct) => f.DeleteUser(r, "nguyen.van.a@nghean.gov.vn", ct));
        var afterDelete = await App.GetCompacts(Auth.ClientPrincipal.Encode("nguyen.van.a@nghean.gov.vn"));

        Assert.Equal(201, created.Status);
        Assert.Equal(400, unknownUnit.Status);
        Assert.Contains("unitId", unknownUnit.ErrorFields);
        Assert.Equal(400, upperCase.Status);
        Assert.Equal(200, self.Status);
        Assert.Equal("nghe-an", self.Json.GetProperty("unitId").GetString());
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Equal(403, afterDelete.Status);
    }

    [Fact]
    public void Stored_compacts_read_back_exactly_as_written()
    {
        var (compact, _) = Domain.CompactValidator.Validate(TestApp.DemoCompactDraft());
        var json = JsonSerializer.Serialize(compact, ApiJson.Options);

        var back = JsonSerializer.Deserialize<Domain.Compact>(json, ApiJson.Options);

        Assert.Equal(json, JsonSerializer.Serialize(back, ApiJson.Options));
    }
}

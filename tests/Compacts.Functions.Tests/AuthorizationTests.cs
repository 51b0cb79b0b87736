namespace Compacts.Functions.Tests;

public sealed class AuthorizationTests : SeededAppTests
{
    public static TheoryData<string, string?> NotAuthenticated => new()
    {
        { "no header", null },
        { "not base64", "%%%not-base64%%%" },
        { "base64 of text", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin")) },
        { "JSON without claims", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\"}")) },
        { "claims not an array", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"claims\":{}}")) },
    };

    [Theory]
    [MemberData(nameof(NotAuthenticated))]
    public async Task Without_a_valid_principal_every_route_answers_401(string because, string? principal)
    {
        var responses = new[]
        {
            await App.PutReport(TestRequest.PutJson(principal, Calls.ReportBody()), "2024-03", "nghe-an"),
            await App.GetReport(principal, "2024-03", "nghe-an"),
            await App.GetPeriod(principal, "2024-03"),
            await App.GetCompact(principal),
            await App.GetCompacts(principal),
            await App.PutCompact(TestRequest.PutJson(principal, "{}")),
            await App.SendAsync<UnitsFunctions>(TestRequest.Get(principal), (f, r, ct) => f.GetUnits(r, ct)),
            await App.SendAsync<UsersFunctions>(TestRequest.Delete(principal), (f, r, ct) => f.DeleteUser(r, "a@b.vn", ct)),
        };

        Assert.All(responses, r =>
        {
            Expect.Equal(401, r.Status, $"{because}: {r}");
            Assert.StartsWith("application/problem+json", r.ContentType, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_signed_in_user_who_is_not_registered_gets_403()
    {
        Assert.Equal(403, (await App.GetCompacts(Principals.Unregistered)).Status);
        Assert.Equal(403, (await App.PutReport(TestRequest.PutJson(Principals.Unregistered, Calls.ReportBody()), "2024-03", "nghe-an")).Status);
    }

    [Fact]
    public async Task A_reporter_of_another_unit_may_not_submit_and_nothing_is_stored()
    {
        var before = await App.DumpAsync();

        var response = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2024-03", "nghe-an");

        Assert.Equal(403, response.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_reporter_reads_its_own_reports_but_not_another_members()
    {
        await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody()), "2024-03", "nghe-an");

        Assert.Equal(200, (await App.GetReport(Principals.ReporterOf("nghe-an"), "2024-03", "nghe-an")).Status);
        Assert.Equal(403, (await App.GetReport(Principals.ReporterOf("ha-tinh"), "2024-03", "nghe-an")).Status);
        Assert.Equal(403, (await App.GetRevisions(Principals.ReporterOf("ha-tinh"), "2024-03", "nghe-an")).Status);
        Assert.Equal(403, (await App.GetPeriod(Principals.ReporterOf("ha-tinh"), "2024-03")).Status);
    }

    [Fact]
    public async Task The_cluster_heads_reporters_read_every_members_reports()
    {
        await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody()), "2024-03", "nghe-an");
        var head = Principals.ReporterOf("thanh-hoa");

        Assert.Equal(200, (await App.GetReport(head, "2024-03", "nghe-an")).Status);
        Assert.Equal(200, (await App.GetRevisions(head, "2024-03", "nghe-an")).Status);
        Assert.Equal(200, (await App.GetPeriod(head, "2024-03")).Status);
        Assert.Equal(403, (await App.PutReport(TestRequest.PutJson(head, Calls.ReportBody()), "2024-03", "nghe-an")).Status);
    }

    [Fact]
    public async Task A_reporters_receivedAt_is_ignored_and_the_server_clock_stamps_the_report()
    {
        var response = await App.PutReport(
            TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody(receivedAt: "2024-03-02T08:00:00+07:00")), "2024-03", "nghe-an");

        Assert.Equal(201, response.Status);
        Assert.Equal("2024-04-03T02:00:00Z", response.Json.GetProperty("receivedAt").GetString());
    }

    [Fact]
    public async Task Only_admins_manage_compacts_units_and_users()
    {
        var reporter = Principals.ReporterOf("thanh-hoa");

        Assert.Equal(403, (await App.PutCompact(TestRequest.PutJson(reporter, TestApp.DemoCompactDraft()))).Status);
        Assert.Equal(403, (await App.SendAsync<UnitsFunctions>(TestRequest.PutJson(reporter, new { name = "X" }), (f, r, ct) => f.PutUnit(r, "x", ct))).Status);
        Assert.Equal(403, (await App.SendAsync<UnitsFunctions>(TestRequest.Get(reporter), (f, r, ct) => f.GetUnits(r, ct))).Status);
        Assert.Equal(403, (await App.SendAsync<UsersFunctions>(TestRequest.PutJson(reporter, new { unitId = "thanh-hoa" }), (f, r, ct) => f.PutUser(r, "b@c.vn", ct))).Status);
        Assert.Equal(403, (await App.SendAsync<UsersFunctions>(TestRequest.Delete(reporter), (f, r, ct) => f.DeleteUser(r, Principals.ReporterId("nghe-an"), ct))).Status);
    }

    [Fact]
    public async Task A_reporter_sees_only_compacts_its_unit_is_a_member_of()
    {
        await App.Get<Units.UnitStore>().PutAsync(new Domain.Unit("da-nang", "Công an TP Đà Nẵng", []), default);
        await App.Get<Users.UserStore>().PutAsync(new Domain.User("can-bo@da-nang.vn", "da-nang", ""), default);
        var outsider = ClientPrincipal.Encode("can-bo@da-nang.vn");

        Assert.Equal(1, (await App.GetCompacts(Principals.ReporterOf("nghe-an"))).Json.GetArrayLength());
        Assert.Equal(0, (await App.GetCompacts(outsider)).Json.GetArrayLength());
        Assert.Equal(403, (await App.GetCompact(outsider)).Status);
        Assert.Equal(200, (await App.GetCompact(Principals.ReporterOf("nghe-an"))).Status);
    }

    [Fact]
    public void The_principal_is_read_from_the_claims_Easy_Auth_sends()
    {
        var json = """
            {"auth_typ":"aad","name_typ":"name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"email","val":"Thu-Ky@Cum6.vn"},{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Compacts.Admin"}]}
            """;

        Assert.True(ClientPrincipal.TryParse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), out var principal));
        Assert.Equal("thu-ky@cum6.vn", principal!.UserId);
        Assert.True(principal.IsAdmin);
    }
}

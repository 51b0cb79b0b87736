using Compacts.Functions.Reviews;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>The review routes called the way the Functions host calls them, and the bodies they take.</summary>
public static class ReviewCalls
{
    public const string Period = "2024-03";

    public static TestRequest PostJson(string? principal, object body) =>
        new("POST", principal, body is string text ? Encoding.UTF8.GetBytes(text) : JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json");

    public static Task<TestResponse> PostReview(this TestApp app, TestRequest request, string unitId, string period = Period, string compactId = TestApp.CompactId) =>
        app.SendAsync<ReviewsFunctions>(request, (f, req, ct) => f.PostReview(req, compactId, period, unitId, ct));

    public static Task<TestResponse> PostReview(this TestApp app, string? principal, string unitId, object body) =>
        app.PostReview(PostJson(principal, body), unitId);

    public static Task<TestResponse> PostExplanation(this TestApp app, TestRequest request, string unitId, string period = Period, string compactId = TestApp.CompactId) =>
        app.SendAsync<ReviewsFunctions>(request, (f, req, ct) => f.PostExplanation(req, compactId, period, unitId, ct));

    public static Task<TestResponse> PostExplanation(this TestApp app, string? principal, string unitId, object body) =>
        app.PostExplanation(PostJson(principal, body), unitId);

    public static Task<TestResponse> GetReviews(this TestApp app, string? principal, string unitId, string period = Period) =>
        app.SendAsync<ReviewsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReviews(req, TestApp.CompactId, period, unitId, ct));

    public static Task<TestResponse> GetHistory(this TestApp app, string? principal, string unitId, string period = Period) =>
        app.SendAsync<ReviewsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReportHistory(req, TestApp.CompactId, period, unitId, ct));

    public static Task<TestResponse> GetReviewQueue(this TestApp app, string? principal, string period = Period) =>
        app.SendAsync<ReviewsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReviewQueue(req, TestApp.CompactId, period, ct));

    public static object Confirm(int revision, string comment = "Đã đối chiếu", object? items = null) =>
        new { revision, decision = "confirm", comment, items = items ?? new { } };

    public static object Return(int revision, string comment = "Số liệu chưa khớp", object? items = null) =>
        new { revision, decision = "return", comment, items = items ?? new Dictionary<string, object> { ["crime-reduction"] = new { comment = "Chưa khớp thống kê ngành" } } };

    public static object Explain(int revision, string comment = "Giải trình") =>
        new { revision, comment, items = new Dictionary<string, string> { ["crime-reduction"] = "Số liệu đã được Phòng PC02 xác nhận" } };

    /// <summary>The history's events as (event, revision, fromState, toState).</summary>
    public static List<(string Event, int Revision, string? From, string To)> Events(this TestResponse history) =>
        history.Json.GetProperty("events").EnumerateArray().Select(e => (
            e.GetProperty("event").GetString()!,
            e.GetProperty("revision").GetInt32(),
            e.TryGetProperty("fromState", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString() : null,
            e.GetProperty("toState").GetString()!)).ToList();

    /// <summary>The demo compact with <paramref name="deputy"/> as the deputy head (cụm phó), or with no deputy when null.</summary>
    public static CompactDraft DraftWithDeputy(string? deputy)
    {
        var draft = TestApp.DemoCompactDraft();
        return draft with
        {
            Members = [.. draft.Members!.Select(m => m is not { } member ? m
                : member.UnitId == deputy ? member with { Role = "deputy" }
                : member.Role == "deputy" ? member with { Role = "member" }
                : member)],
        };
    }

    /// <summary>The demo compact with <paramref name="deputy"/> as the deputy head (none when null), written by an admin.</summary>
    public static async Task SetDeputyAsync(this TestApp app, string? deputy)
    {
        var response = await app.PutCompact(TestRequest.PutJson(Principals.Admin, DraftWithDeputy(deputy)));
        Assert.True(response.Status is 200 or 201, response.ToString());
    }

    /// <summary>The stored compact with <c>review.required</c> set to <paramref name="required"/>, written through the store.</summary>
    public static async Task SetReviewRequiredAsync(this TestApp app, bool required)
    {
        var store = app.Get<Compacts.CompactStore>();
        var stored = (await store.GetAsync(TestApp.CompactId, default))!;
        await store.PutAsync(TestApp.CompactId, stored.Compact with { Review = stored.Compact.Review with { Required = required } }, null, false, default);
    }
}

using Compacts.Functions.Ballots;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>The ballot routes called the way the Functions host calls them, and their bodies.</summary>
public static class BallotCalls
{
    public const string BallotId = "suy-ton-2024";

    /// <summary>An opening body; the demo's clock (3 April 2024) is before closesAt (1 May).</summary>
    public static Dictionary<string, object?> OpenBody(
        string ballotId = BallotId, int seats = 1, string[]? candidates = null, string closesAt = "2024-05-01T17:00:00+07:00", bool? allowSelfVote = null,
        object? threshold = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["ballotId"] = ballotId,
            ["title"] = "Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024",
            ["seats"] = seats,
            ["closesAt"] = closesAt,
        };
        if (candidates is not null)
        {
            body["candidates"] = candidates;
        }

        if (allowSelfVote is not null)
        {
            body["allowSelfVote"] = allowSelfVote;
        }

        if (threshold is not null)
        {
            body["threshold"] = threshold;
        }

        return body;
    }

    public static Task<TestResponse> OpenBallot(this TestApp app, string? principal, object body, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(ReviewCalls.PostJson(principal, body), (f, req, ct) => f.PostBallot(req, compactId, ct));

    public static Task<TestResponse> Vote(this TestApp app, string? principal, object body, string ballotId = BallotId, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(TestRequest.PutJson(principal, body), (f, req, ct) => f.PutVote(req, compactId, ballotId, ct));

    /// <summary>A user of <paramref name="unitId"/> casts the unit's ballot for <paramref name="choices"/>.</summary>
    public static Task<TestResponse> VoteFor(this TestApp app, string unitId, params string[] choices) =>
        app.Vote(Principals.ReporterOf(unitId), new { choices });

    public static Task<TestResponse> CloseBallot(this TestApp app, string? principal, string ballotId = BallotId, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(new TestRequest("POST", principal), (f, req, ct) => f.PostBallotClose(req, compactId, ballotId, ct));

    public static Task<TestResponse> GetBallot(this TestApp app, string? principal, string ballotId = BallotId, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetBallot(req, compactId, ballotId, ct));

    public static Task<TestResponse> GetBallotMinutes(this TestApp app, string? principal, string ballotId = BallotId, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetBallotMinutes(req, compactId, ballotId, ct));

    public static Task<TestResponse> GetBallots(this TestApp app, string? principal, string compactId = TestApp.CompactId) =>
        app.SendAsync<BallotsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetBallots(req, compactId, ct));

    public static Dictionary<string, int> Counts(this TestResponse ballot) =>
        ballot.Json.GetProperty("result").GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

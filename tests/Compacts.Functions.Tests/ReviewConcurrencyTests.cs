namespace Compacts.Functions.Tests;

/// <summary>
/// Reviews racing each other and new revisions (Task.WhenAll, no sleeps): one commits whole, the others get 409; the history has one
/// event per accepted request, written in the same entity-group transaction as the pointer it moves.
/// </summary>
public sealed class ReviewConcurrencyTests : ReviewAppTests
{
    private static readonly string[] Members = ["ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];

    [Fact]
    public async Task A_review_racing_a_new_revision_is_either_committed_before_it_and_reopened_or_refused_as_not_the_latest()
    {
        foreach (var unit in Members)
        {
            var first = await SubmitAsync(unitId: unit);

            var (review, revision) = await BothAsync(
                App.PostReview(Head, unit, ReviewCalls.Confirm(first)),
                App.PutReport(TestRequest.PutJson(Principals.ReporterOf(unit), Calls.ReportBody(crimes: 1170)), ReviewCalls.Period, unit));

            Expect.Equal(200, revision.Status, revision.ToString());
            var history = (await App.GetHistory(Principals.Admin, unit)).Events();
            if (review.Status == 201)
            {
                Assert.Equal([("submitted", 1, null, "submitted"), ("confirmed", 1, "submitted", "confirmed"), ("reopened", 2, "confirmed", "submitted")], history);
            }
            else
            {
                Expect.Equal(409, review.Status, review.ToString());
                Assert.Equal(2, review.Json.GetProperty("currentRevision").GetInt32());
                Assert.Equal([("submitted", 1, null, "submitted"), ("submitted", 2, "submitted", "submitted")], history);
            }

            Assert.Equal("submitted", await StateAsync(unit));
            await AssertEventsWrittenWithTheirPointerAsync(unit);
        }

        Assert.Empty(App.AzureRules.BatchViolations);
    }

    [Fact]
    public async Task Two_reviewers_racing_one_commits_and_the_other_gets_409()
    {
        const string Deputy = "pho-phong@thanh-hoa.congan.gov.vn";
        await App.Get<UserStore>().PutAsync(new User(Deputy, "thanh-hoa", "Phó phòng"), default);
        foreach (var unit in Members)
        {
            var revision = await SubmitAsync(unitId: unit);

            var (returned, confirmed) = await BothAsync(
                App.PostReview(Head, unit, ReviewCalls.Return(revision)),
                App.PostReview(ClientPrincipal.Encode(Deputy), unit, ReviewCalls.Confirm(revision)));

            Assert.Equal([201, 409], new[] { returned.Status, confirmed.Status }.Order());
            var winner = returned.Status == 201 ? "returned" : "confirmed";
            Assert.Equal(winner, await StateAsync(unit));
            var loser = returned.Status == 201 ? confirmed : returned;
            Assert.Equal(winner, loser.Json.GetProperty("state").GetString());
            Assert.Equal([("submitted", revision, null, "submitted"), (winner, revision, "submitted", winner)], (await App.GetHistory(Principals.Admin, unit)).Events());
            Assert.Single((await App.GetReviews(Principals.Admin, unit)).Json.GetProperty("reviews").EnumerateArray());
            await AssertEventsWrittenWithTheirPointerAsync(unit);
        }

        Assert.Empty(App.AzureRules.BatchViolations);
    }

    [Fact]
    public async Task Fifty_parallel_reviews_of_one_report_commit_exactly_one_and_the_history_and_state_agree()
    {
        var revision = await SubmitAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            App.PostReview(Head, Unit, i % 2 == 0 ? ReviewCalls.Confirm(revision, comment: $"Lần {i}") : ReviewCalls.Return(revision, comment: $"Lần {i}"))));

        Assert.Single(responses, r => r.Status == 201);
        Assert.All(responses.Where(r => r.Status != 201), r => Expect.Equal(409, r.Status, r.ToString()));
        var history = (await App.GetHistory(Principals.Admin, Unit)).Events();
        Assert.Equal(2, history.Count); // the revision, and the one accepted review
        Assert.Equal(history[^1].To, await StateAsync());
        var winner = responses.Single(r => r.Status == 201).Json;
        Assert.Equal(winner.GetProperty("decision").GetString() == "confirm" ? "confirmed" : "returned", history[^1].To);
        Assert.Equal(
            [winner.GetProperty("reviewId").GetString()],
            (await App.GetReviews(Principals.Admin, Unit)).Json.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("reviewId").GetString()));
        Assert.Empty(App.AzureRules.BatchViolations);
        await AssertEventsWrittenWithTheirPointerAsync(Unit);
    }

    [Fact]
    public async Task Fifty_parallel_retries_of_one_keyed_review_store_it_once_and_answer_each_with_it()
    {
        var revision = await SubmitAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            App.PostReview(ReviewCalls.PostJson(Head, ReviewCalls.Return(revision)).With("Idempotency-Key", "lan-1"), Unit)));

        Assert.All(responses, r => Expect.Equal(201, r.Status, r.ToString()));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(49, responses.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")));
        Assert.Equal(2, (await App.GetHistory(Principals.Admin, Unit)).Events().Count);
        Assert.Empty(App.AzureRules.BatchViolations);
        await AssertEventsWrittenWithTheirPointerAsync(Unit);
    }

    private static async Task<(TestResponse First, TestResponse Second)> BothAsync(Task<TestResponse> first, Task<TestResponse> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }

    /// <summary>
    /// Every stored history event of <paramref name="unitId"/> was sent in an entity-group transaction with the unit's pointer, and no
    /// transaction ever sent an event (or a review) without it: an event and the change it records commit together or not at all.
    /// </summary>
    private async Task AssertEventsWrittenWithTheirPointerAsync(string unitId)
    {
        var table = await App.Get<Tables>().GetAsync(Tables.ReportsName);
        var stored = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith(ReviewRows.EventPrefix(unitId), StringComparison.Ordinal))
            {
                stored.Add(row.RowKey);
            }
        }

        var pointer = ReportStore.PointerKey(unitId);
        var batches = App.AzureRules.Batches;
        Assert.NotEmpty(stored);
        Assert.All(stored, key => Assert.Contains(batches, b => b.RowKeys.Contains(key) && b.RowKeys.Contains(pointer)));
        Assert.All(
            batches.Where(b => b.RowKeys.Any(k => k.StartsWith(ReviewRows.EventPrefix(unitId), StringComparison.Ordinal) || k.StartsWith(ReviewRows.ReviewPrefix(unitId), StringComparison.Ordinal))),
            b => Assert.Contains(pointer, b.RowKeys));
    }
}

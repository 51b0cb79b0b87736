namespace Compacts.Functions.Tests;

/// <summary>Idempotency-Key on reviews and explanations, as on report PUTs: a retry is answered from what was stored, another body with the key is 422.</summary>
public sealed class ReviewIdempotencyTests : ReviewAppTests
{
    private static TestRequest Keyed(string principal, object body, string key) => ReviewCalls.PostJson(principal, body).With("Idempotency-Key", key);

    /// <summary>Sends <paramref name="send"/> twice: the retry answers the first 201 body and stores nothing.</summary>
    private async Task AssertReplayedAsync(Func<Task<TestResponse>> send)
    {
        var first = await send();
        Expect.Equal(201, first.Status, first.ToString());
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        var before = await App.DumpAsync();
        App.Time.Advance(TimeSpan.FromMinutes(1));

        var retry = await send();

        Expect.Equal(201, retry.Status, retry.ToString());
        Assert.Equal("true", retry.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_review_retried_with_its_key_answers_the_stored_review_and_stores_nothing_new()
    {
        var revision = await SubmitAsync();

        await AssertReplayedAsync(() => App.PostReview(Keyed(Head, ReviewCalls.Return(revision), "review-1"), Unit));
    }

    [Fact]
    public async Task A_review_retried_after_the_report_moved_on_still_answers_the_stored_review()
    {
        var revision = await SubmitAsync();
        var first = await App.PostReview(Keyed(Head, ReviewCalls.Confirm(revision), "review-1"), Unit);
        await SubmitAsync(); // reopened

        var retry = await App.PostReview(Keyed(Head, ReviewCalls.Confirm(revision), "review-1"), Unit);

        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Body, retry.Body);
    }

    [Fact]
    public async Task An_explanation_retried_with_its_key_answers_the_stored_explanation_and_stores_nothing_new()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Return(revision))).Status);

        await AssertReplayedAsync(() => App.PostExplanation(Keyed(Reporter, ReviewCalls.Explain(revision), "explain-1"), Unit));
    }

    /// <summary>After <paramref name="stored"/>, <paramref name="other"/> (another body under the same key) is 422 and stores nothing.</summary>
    private async Task AssertKeyReuseRefusedAsync(Func<Task<TestResponse>> stored, Func<Task<TestResponse>> other)
    {
        Assert.Equal(201, (await stored()).Status);
        var before = await App.DumpAsync();

        var response = await other();

        Expect.Equal(422, response.Status, response.ToString());
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_key_reused_with_another_review_is_422_and_stores_nothing()
    {
        var revision = await SubmitAsync();

        await AssertKeyReuseRefusedAsync(
            () => App.PostReview(Keyed(Head, ReviewCalls.Return(revision), "review-1"), Unit),
            () => App.PostReview(Keyed(Head, ReviewCalls.Return(revision, comment: "Lý do khác"), "review-1"), Unit));
    }

    [Fact]
    public async Task A_key_reused_with_another_explanation_is_422_and_stores_nothing()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Return(revision))).Status);

        await AssertKeyReuseRefusedAsync(
            () => App.PostExplanation(Keyed(Reporter, ReviewCalls.Explain(revision), "explain-1"), Unit),
            () => App.PostExplanation(Keyed(Reporter, ReviewCalls.Explain(revision, comment: "Giải trình khác"), "explain-1"), Unit));
    }

    [Fact]
    public async Task The_same_key_on_a_review_and_on_an_explanation_are_two_requests()
    {
        var revision = await SubmitAsync();

        Assert.Equal(201, (await App.PostReview(Keyed(Head, ReviewCalls.Return(revision), "k-1"), Unit)).Status);
        var explanation = await App.PostExplanation(Keyed(Reporter, ReviewCalls.Explain(revision), "k-1"), Unit);

        Expect.Equal(201, explanation.Status, explanation.ToString());
        Assert.False(explanation.Headers.ContainsKey("Idempotent-Replayed"));
    }
}

namespace Compacts.Functions.Tests;

/// <summary>Reviews and explanations the state of a report does not allow: 409 with the state (and the current revision), nothing stored.</summary>
public sealed class ReviewConflictTests : ReviewAppTests
{
    /// <summary>Sends <paramref name="call"/>, expects 409 naming <paramref name="state"/> and <paramref name="currentRevision"/>, and that nothing was written.</summary>
    private async Task<TestResponse> RefusedAsync(Func<Task<TestResponse>> call, string state, int currentRevision)
    {
        var before = await App.DumpAsync();
        var response = await call();
        Expect.Equal(409, response.Status, response.ToString());
        Assert.Equal(state, response.Json.GetProperty("state").GetString());
        Assert.Equal(currentRevision, response.Json.GetProperty("currentRevision").GetInt32());
        Assert.Equal(before, await App.DumpAsync());
        return response;
    }

    [Fact]
    public async Task A_review_of_a_revision_that_is_not_the_latest_is_409_with_the_current_revision()
    {
        var first = await SubmitAsync();
        var second = await SubmitAsync();

        await RefusedAsync(() => App.PostReview(Head, Unit, ReviewCalls.Confirm(first)), "submitted", second);
        await RefusedAsync(() => App.PostReview(Head, Unit, ReviewCalls.Confirm(second + 1)), "submitted", second);
    }

    [Fact]
    public async Task An_explanation_of_a_revision_that_is_not_the_latest_is_409_with_the_current_revision()
    {
        var first = await SubmitAsync();
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1170)), ReviewCalls.Period, Unit);
        var returned = await App.PostReview(Head, Unit, ReviewCalls.Return(first + 1));
        Assert.Equal(201, returned.Status);

        await RefusedAsync(() => App.PostExplanation(Reporter, Unit, ReviewCalls.Explain(first)), "returned", first + 1);
    }

    [Fact]
    public async Task The_heads_user_may_not_confirm_a_returned_report_but_an_admin_may()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Return(revision))).Status);

        await RefusedAsync(() => App.PostReview(Head, Unit, ReviewCalls.Confirm(revision)), "returned", revision);
        var byAdmin = await App.PostReview(Principals.Admin, Unit, ReviewCalls.Confirm(revision));

        Assert.Equal(201, byAdmin.Status);
        Assert.Equal("confirmed", (await App.GetReport(Reporter, ReviewCalls.Period, Unit)).Json.GetProperty("review").GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_explanation_of_a_submitted_report_is_409()
    {
        var revision = await SubmitAsync();

        await RefusedAsync(() => App.PostExplanation(Reporter, Unit, ReviewCalls.Explain(revision)), "submitted", revision);
    }

    [Fact]
    public async Task A_return_of_a_confirmed_report_is_409_and_so_is_a_second_confirm()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Confirm(revision))).Status);

        await RefusedAsync(() => App.PostReview(Head, Unit, ReviewCalls.Return(revision)), "confirmed", revision);
        await RefusedAsync(() => App.PostReview(Principals.Admin, Unit, ReviewCalls.Confirm(revision)), "confirmed", revision);
        await RefusedAsync(() => App.PostExplanation(Reporter, Unit, ReviewCalls.Explain(revision)), "confirmed", revision);
    }

    [Fact]
    public async Task A_return_of_a_returned_report_is_409()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Return(revision))).Status);

        await RefusedAsync(() => App.PostReview(Principals.Admin, Unit, ReviewCalls.Return(revision)), "returned", revision);
    }

    [Fact]
    public async Task A_review_of_a_unit_without_a_report_is_404()
    {
        var response = await App.PostReview(Head, "ha-tinh", ReviewCalls.Confirm(1));

        Assert.Equal(404, response.Status);
    }
}

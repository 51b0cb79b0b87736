namespace Compacts.Functions.Tests;

/// <summary>Who reviews and who reads: the head's users review members, the deputy's users the head; nobody their own unit.</summary>
public sealed class ReviewAccessTests : ReviewAppTests
{
    private static readonly string Deputy = Principals.ReporterOf("ninh-binh");

    [Fact]
    public async Task The_queue_shows_every_member_to_the_heads_users_and_admins_and_only_the_heads_row_to_the_deputys_users()
    {
        await App.SetDeputyAsync("ninh-binh");

        static IEnumerable<string?> Units(TestResponse queue) => queue.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitId").GetString());

        Assert.Equal(TestApp.Units, Units(await App.GetReviewQueue(Head)));
        Assert.Equal(TestApp.Units, Units(await App.GetReviewQueue(Principals.Admin)));
        Assert.Equal(["thanh-hoa"], Units(await App.GetReviewQueue(Deputy)));
        Assert.Equal(403, (await App.GetReviewQueue(Reporter)).Status);
        Assert.Equal(403, (await App.GetReviewQueue(Principals.Unregistered)).Status);
    }

    [Fact]
    public async Task The_deputys_users_review_the_heads_report_and_nobody_reviews_their_own_unit()
    {
        await App.SetDeputyAsync("ninh-binh");
        var heads = await SubmitAsync(unitId: "thanh-hoa");
        var members = await SubmitAsync();

        Assert.Equal(403, (await App.PostReview(Head, "thanh-hoa", ReviewCalls.Confirm(heads))).Status);
        Assert.Equal(403, (await App.PostReview(Deputy, Unit, ReviewCalls.Confirm(members))).Status);
        Assert.Equal(403, (await App.PostReview(Reporter, Unit, ReviewCalls.Confirm(members))).Status);
        Assert.Equal(403, (await App.GetHistory(Deputy, Unit)).Status);
        Assert.Equal(201, (await App.PostReview(Deputy, "thanh-hoa", ReviewCalls.Confirm(heads))).Status);
        Assert.Equal(200, (await App.GetHistory(Deputy, "thanh-hoa")).Status);
        Assert.Equal(200, (await App.GetReport(Deputy, ReviewCalls.Period, "thanh-hoa")).Status);
    }

    [Fact]
    public async Task Without_a_deputy_only_an_admin_reviews_the_heads_report()
    {
        await App.SetDeputyAsync(null);
        var heads = await SubmitAsync(unitId: "thanh-hoa");

        Assert.Equal(403, (await App.PostReview(Head, "thanh-hoa", ReviewCalls.Confirm(heads))).Status);
        Assert.Equal(403, (await App.PostReview(Deputy, "thanh-hoa", ReviewCalls.Confirm(heads))).Status);
        Assert.Equal(201, (await App.PostReview(Principals.Admin, "thanh-hoa", ReviewCalls.Confirm(heads))).Status);
    }

    [Fact]
    public async Task An_explanation_is_sent_by_the_units_users_or_an_admin_only()
    {
        var revision = await SubmitAsync();
        Assert.Equal(201, (await App.PostReview(Head, Unit, ReviewCalls.Return(revision))).Status);

        Assert.Equal(403, (await App.PostExplanation(Head, Unit, ReviewCalls.Explain(revision))).Status);
        Assert.Equal(403, (await App.PostExplanation(Principals.ReporterOf("ha-tinh"), Unit, ReviewCalls.Explain(revision))).Status);
        Assert.Equal(201, (await App.PostExplanation(Principals.Admin, Unit, ReviewCalls.Explain(revision))).Status);
    }
}

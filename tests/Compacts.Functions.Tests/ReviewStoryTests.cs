namespace Compacts.Functions.Tests;

/// <summary>The review of a report through the HTTP routes (docs: review of monthly reports): confirm, return, explanation, reopening, history.</summary>
public sealed class ReviewStoryTests : ReviewAppTests
{
    private async Task<TestResponse> CreatedAsync(Task<TestResponse> call)
    {
        var response = await call;
        Expect.Equal(201, response.Status, response.ToString());
        App.Time.Advance(TimeSpan.FromMinutes(5));
        return response;
    }

    [Fact]
    public async Task A_confirm_with_a_correction_makes_the_report_confirmed_and_its_corrected_value_the_one_that_counts()
    {
        var revision = await SubmitAsync(crimes: 1180);

        var review = await CreatedAsync(App.PostReview(Head, Unit, ReviewCalls.Confirm(revision, items: new Dictionary<string, object>
        {
            ["crime-reduction"] = new { value = 1190, comment = "Theo số liệu thống kê ngành" },
        })));

        Assert.Equal("confirm", review.Json.GetProperty("decision").GetString());
        Assert.Equal(Principals.ReporterId("thanh-hoa"), review.Json.GetProperty("reviewedBy").GetString());
        var report = await App.GetReport(Reporter, ReviewCalls.Period, Unit);
        var summary = report.Json.GetProperty("review");
        Assert.Equal("confirmed", summary.GetProperty("state").GetString());
        Assert.Equal(revision, summary.GetProperty("revision").GetInt32());
        Assert.Equal(1190, summary.GetProperty("values").GetProperty("crime-reduction").GetDecimal());
        Assert.Equal(4, summary.GetProperty("values").GetProperty("propaganda-sessions").GetDecimal()); // not corrected: the reported value
        Assert.Equal(1180, report.Json.GetProperty("values").GetProperty("crime-reduction").GetDecimal()); // what the unit reported stays
        var last = summary.GetProperty("lastReview");
        Assert.Equal(review.Json.GetProperty("reviewId").GetString(), last.GetProperty("reviewId").GetString());
        Assert.Equal("confirm", last.GetProperty("decision").GetString());
        Assert.Equal(1190, last.GetProperty("items").GetProperty("crime-reduction").GetProperty("value").GetDecimal());
        var reviews = await App.GetReviews(Reporter, Unit);
        Assert.Equal([review.Json.GetProperty("reviewId").GetString()], reviews.Json.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("reviewId").GetString()));
    }

    [Fact]
    public async Task A_new_report_is_submitted_with_no_review_and_its_reported_values()
    {
        await SubmitAsync(crimes: 1180);

        var summary = (await App.GetReport(Reporter, ReviewCalls.Period, Unit)).Json.GetProperty("review");

        Assert.Equal("submitted", summary.GetProperty("state").GetString());
        Assert.True(!summary.TryGetProperty("lastReview", out var last) || last.ValueKind == JsonValueKind.Null);
        Assert.Equal(1180, summary.GetProperty("values").GetProperty("crime-reduction").GetDecimal());
    }

    [Fact]
    public async Task Return_explanation_confirm_and_a_new_revision_move_the_report_through_its_states_and_the_history_lists_each_event_in_order()
    {
        var first = await SubmitAsync();

        await CreatedAsync(App.PostReview(Head, Unit, ReviewCalls.Return(first)));
        Assert.Equal("returned", await StateAsync());
        await CreatedAsync(App.PostExplanation(Reporter, Unit, ReviewCalls.Explain(first)));
        Assert.Equal("submitted", await StateAsync());
        await CreatedAsync(App.PostReview(Head, Unit, ReviewCalls.Confirm(first)));
        Assert.Equal("confirmed", await StateAsync());
        var second = await SubmitAsync(crimes: 1170);
        Assert.Equal("submitted", await StateAsync());

        var history = await App.GetHistory(Reporter, Unit);
        Assert.Equal(200, history.Status);
        Assert.Equal(
            [
                ("submitted", first, null, "submitted"),
                ("returned", first, "submitted", "returned"),
                ("explained", first, "returned", "submitted"),
                ("confirmed", first, "submitted", "confirmed"),
                ("reopened", second, "confirmed", "submitted"),
            ],
            history.Events());
        var events = history.Json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(
            [Principals.ReporterId(Unit), Principals.ReporterId("thanh-hoa"), Principals.ReporterId(Unit), Principals.ReporterId("thanh-hoa"), Principals.ReporterId(Unit)],
            events.Select(e => e.GetProperty("actor").GetString()));
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal("Số liệu chưa khớp", events[1].GetProperty("comment").GetString());
        var records = (await App.GetReviews(Reporter, Unit)).Json; // the per-criterion texts stay readable after the confirm
        Assert.Equal(["return", "confirm"], records.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("decision").GetString()));
        var explanation = Assert.Single(records.GetProperty("explanations").EnumerateArray());
        Assert.Equal("Số liệu đã được Phòng PC02 xác nhận", explanation.GetProperty("items").GetProperty("crime-reduction").GetString());
    }

    [Fact]
    public async Task A_returned_report_answered_with_a_new_revision_is_submitted_again()
    {
        var first = await SubmitAsync();
        await CreatedAsync(App.PostReview(Head, Unit, ReviewCalls.Return(first)));

        var second = await SubmitAsync(crimes: 1175);

        Assert.Equal("submitted", await StateAsync());
        Assert.Equal([("submitted", first, null, "submitted"), ("returned", first, "submitted", "returned"), ("submitted", second, "returned", "submitted")],
            (await App.GetHistory(Reporter, Unit)).Events());
    }

    [Fact]
    public async Task The_review_queue_shows_each_member_with_its_state_and_the_days_a_submitted_report_has_waited()
    {
        await SubmitAsync();
        App.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(3));

        var queue = await App.GetReviewQueue(Head);

        Assert.Equal(200, queue.Status);
        var rows = queue.Json.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unitId").GetString()!);
        Assert.Equal(TestApp.Units.Order(), rows.Keys.Order());
        Assert.Equal("submitted", rows[Unit].GetProperty("state").GetString());
        Assert.Equal(2, rows[Unit].GetProperty("waitingDays").GetInt32());
        Assert.Equal("missing", rows["ha-tinh"].GetProperty("state").GetString());
    }
}

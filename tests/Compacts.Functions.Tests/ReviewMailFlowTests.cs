using Compacts.Functions.Reviews;

namespace Compacts.Functions.Tests;

/// <summary>
/// The review mails as the routes and the daily run send them (docs/review.md, "Mail"): each event's mail right after it commits,
/// through the real SendGrid client to a local stub, once; a failed one again by the daily run; the timed ones from the stored reports.
/// </summary>
public sealed class ReviewMailFlowTests : IAsyncLifetime
{
    private const string Unit = "nghe-an";
    private static readonly string Reporter = Principals.ReporterOf(Unit);
    private static readonly string Head = Principals.ReporterOf("thanh-hoa");
    private FakeSendGrid _sendGrid = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _app = new TestApp(settings: _sendGrid.AppSettings());
        await _app.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private IEnumerable<string> Sent => _sendGrid.Accepted.Select(r => r.LedgerKey);

    private Task<ReminderRunSummary> DailyRun() => _app.Get<ReviewMails>().RunCompactAsync(TestApp.CompactId, default);

    private async Task<int> SubmitAsync(string unitId = Unit, double crimes = 1180)
    {
        var response = await _app.PutReport(TestRequest.PutJson(Principals.ReporterOf(unitId), Calls.ReportBody(crimes: crimes)), ReviewCalls.Period, unitId);
        Assert.True(response.Status is 200 or 201, response.ToString());
        return response.Json.GetProperty("revision").GetInt32();
    }

    private async Task<string> CreatedAsync(Task<TestResponse> call, string idProperty)
    {
        var response = await call;
        Expect.Equal(201, response.Status, response.ToString());
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        return response.Json.GetProperty(idProperty).GetString()!;
    }

    [Fact]
    public async Task A_return_mails_the_unit_its_reasons_and_the_explanation_mails_the_head_each_once()
    {
        var revision = await SubmitAsync();

        var reviewId = await CreatedAsync(_app.PostReview(Head, Unit, ReviewCalls.Return(revision)), "reviewId");
        var explanationId = await CreatedAsync(_app.PostExplanation(Reporter, Unit, ReviewCalls.Explain(revision)), "explanationId");
        var daily = await DailyRun();

        Assert.Equal([$"cum6-2024_2024-03/returned-{reviewId}_nghe-an", $"cum6-2024_2024-03/answered-{explanationId}_thanh-hoa"], Sent);
        var returned = _sendGrid.Accepted.First();
        Assert.Contains("Chưa khớp thống kê ngành", returned.Text, StringComparison.Ordinal);
        Assert.Contains("(giờ Việt Nam)", returned.Text, StringComparison.Ordinal);
        Assert.Contains("#/report/cum6-2024/2024-03/nghe-an", returned.Text, StringComparison.Ordinal);
        var answered = _sendGrid.Accepted.Last();
        Assert.Contains("Số liệu đã được Phòng PC02 xác nhận", answered.Text, StringComparison.Ordinal);
        Assert.Contains("#/review/cum6-2024/2024-03/nghe-an", answered.Text, StringComparison.Ordinal);
        Assert.Equal(0, daily.Sent); // nothing owed twice
    }

    [Fact]
    public async Task A_confirm_with_a_correction_mails_the_unit_the_reported_and_the_confirmed_value_and_a_plain_confirm_mails_nothing()
    {
        var corrected = await SubmitAsync();
        await SubmitAsync("ha-tinh");

        var reviewId = await CreatedAsync(_app.PostReview(Head, Unit, ReviewCalls.Confirm(corrected, items: new Dictionary<string, object>
        {
            ["crime-reduction"] = new { value = 1190, comment = "Theo số liệu thống kê ngành" },
        })), "reviewId");
        await CreatedAsync(_app.PostReview(Head, "ha-tinh", ReviewCalls.Confirm(1)), "reviewId");

        var mail = Assert.Single(_sendGrid.Accepted);
        Assert.Equal($"cum6-2024_2024-03/corrected-{reviewId}_nghe-an", mail.LedgerKey);
        Assert.Contains("báo cáo 1.180 → xác nhận 1.190 (Theo số liệu thống kê ngành)", mail.Text, StringComparison.Ordinal); // Vietnamese digit grouping
        Assert.Contains("Theo số liệu thống kê ngành", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_revision_after_a_return_mails_the_reviewers_and_later_revisions_do_not()
    {
        var first = await SubmitAsync();
        await CreatedAsync(_app.PostReview(Head, Unit, ReviewCalls.Return(first)), "reviewId");

        var second = await SubmitAsync(crimes: 1190);
        await SubmitAsync(crimes: 1200);
        await DailyRun();

        Assert.Equal(2, second);
        Assert.Equal(2, Sent.Count());
        Assert.Contains("/returned-", Sent.First(), StringComparison.Ordinal);
        Assert.Equal("cum6-2024_2024-03/answered-r2_thanh-hoa", Sent.Last());
    }

    [Fact]
    public async Task The_deputy_is_mailed_when_the_head_answers_a_return_and_without_a_deputy_nobody_is()
    {
        await _app.SetDeputyAsync(null);
        var first = await SubmitAsync("thanh-hoa");
        await CreatedAsync(_app.PostReview(Principals.Admin, "thanh-hoa", ReviewCalls.Return(first)), "reviewId");
        await CreatedAsync(_app.PostExplanation(Head, "thanh-hoa", ReviewCalls.Explain(first)), "explanationId");
        Assert.DoesNotContain(Sent, k => k.Contains("answered", StringComparison.Ordinal)); // no deputy: no reviewers to tell

        await _app.SetDeputyAsync("ninh-binh");
        await CreatedAsync(_app.PostReview(Principals.ReporterOf("ninh-binh"), "thanh-hoa", ReviewCalls.Return(first)), "reviewId");
        var explanationId = await CreatedAsync(_app.PostExplanation(Head, "thanh-hoa", ReviewCalls.Explain(first)), "explanationId");

        Assert.Contains($"cum6-2024_2024-03/answered-{explanationId}_ninh-binh", Sent);
        var answered = _sendGrid.Accepted.Single(r => r.LedgerKey.Contains("answered", StringComparison.Ordinal));
        Assert.Contains(Principals.ReporterId("ninh-binh"), answered.To);
    }

    [Fact]
    public async Task A_review_whose_mail_fails_is_still_stored_and_the_daily_run_sends_the_mail_once()
    {
        var revision = await SubmitAsync();
        _sendGrid.AlwaysAnswer = 500;

        var review = await _app.PostReview(Head, Unit, ReviewCalls.Return(revision));
        var failed = await _app.Get<MailLedger>().ListAsync(TestApp.CompactId, new Period(2024, 3), default);
        _sendGrid.Heal();
        var first = await DailyRun();
        var second = await DailyRun();

        Assert.Equal(201, review.Status);
        Assert.Equal("failed", Assert.Single(failed).State);
        Assert.Equal((1, 0), (first.Sent, second.Sent));
        Assert.Equal([$"cum6-2024_2024-03/returned-{review.Json.GetProperty("reviewId").GetString()}_nghe-an"], Sent);
    }

    [Fact]
    public async Task The_daily_run_reminds_the_head_of_reports_waiting_longer_than_reviewDays_and_the_unit_of_an_unanswered_return()
    {
        await SubmitAsync();
        var returned = await SubmitAsync("ha-tinh");
        await CreatedAsync(_app.PostReview(Head, "ha-tinh", ReviewCalls.Return(returned)), "reviewId");
        var early = await DailyRun();

        _app.Time.Advance(TimeSpan.FromDays(10)); // reviewDays 10, explainDays 5 by default
        var due = await DailyRun();
        var again = await DailyRun();

        Assert.Equal(0, early.Sent);
        Assert.Equal((2, 0), (due.Sent, again.Sent));
        var reviewDue = _sendGrid.Accepted.Single(r => r.LedgerKey.EndsWith("reviewDue_thanh-hoa", StringComparison.Ordinal));
        Assert.Contains("Công an tỉnh nghe-an: chờ 10 ngày", reviewDue.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ha-tinh", reviewDue.Text, StringComparison.Ordinal); // returned: waiting for the unit, not the reviewers
        Assert.Contains(Sent, k => k.Contains("explainDue-", StringComparison.Ordinal) && k.EndsWith("_ha-tinh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reminder_queue_worker_sends_the_review_mails_of_its_compact()
    {
        var revision = await SubmitAsync();
        _sendGrid.AlwaysAnswer = 500;
        await _app.PostReview(Head, Unit, ReviewCalls.Return(revision));
        _sendGrid.Heal();

        var functions = ActivatorUtilities.CreateInstance<ReminderFunctions>(_app.Services);
        await functions.SendReminders(new ReminderWork(TestApp.CompactId), default);

        Assert.Contains(Sent, k => k.Contains("/returned-", StringComparison.Ordinal));
    }
}

using Compacts.Domain.Reminders;
using Compacts.Domain.Review;

namespace Compacts.Functions.Tests;

/// <summary>The review mails through the real SendGrid client and the ledger: each once, to its unit, linking its portal page.</summary>
public sealed class ReviewMailerTests : IAsyncLifetime
{
    // 10 April 2024 08:00 in Hà Nội: March's reports are in, March is final from 15 April 17:00.
    private static readonly DateTimeOffset Now = new(2024, 4, 10, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly Period March = new(2024, 3);
    private FakeSendGrid _sendGrid = null!;
    private TestApp _app = null!;
    private Compact _compact = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _app = new TestApp(Now, _sendGrid.AppSettings());
        await _app.SeedAsync();
        _compact = (await _app.Get<Compacts.CompactStore>().GetAsync(TestApp.CompactId, default))!.Compact;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private ReviewMailer Mailer => _app.Get<ReviewMailer>();

    [Fact]
    public async Task A_return_is_mailed_to_the_unit_once_with_its_reasons_deadline_and_report_page()
    {
        var mail = new ReturnedMail(March, "nghe-an", "rv-1", 2, "Số liệu chưa khớp.",
            new Dictionary<string, string> { ["charity-houses"] = "Thiếu biên bản bàn giao" }, Now.AddHours(-1), 5);

        var first = await Mailer.SendAsync(TestApp.CompactId, _compact, mail, default);
        var again = await Mailer.SendAsync(TestApp.CompactId, _compact, mail, default);

        Assert.Equal((MailOutcome.Sent, MailOutcome.Skipped), (first, again));
        var request = Assert.Single(_sendGrid.Requests);
        Assert.Equal(["thiduakhenthuong@nghe-an.congan.gov.vn", Principals.ReporterId("nghe-an")], request.To);
        Assert.Equal("cum6-2024_2024-03/returned-rv-1_nghe-an", request.LedgerKey);
        Assert.StartsWith("[Trả lại báo cáo] Công an tỉnh nghe-an: báo cáo tháng 3/2024", request.Subject, StringComparison.Ordinal);
        Assert.Contains("07:00 ngày 15/04/2024 (giờ Việt Nam)", request.Text, StringComparison.Ordinal);
        Assert.Contains("https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an", request.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_run_sends_each_timed_review_mail_a_compact_owes_once()
    {
        var compact = _compact with { Review = new ReviewSettings(Required: true, ReviewDays: 10, ExplainDays: 5) }; // ninh-binh is the deputy
        var read = new List<Period>();
        Task<ReviewMonth> Month(Period period, CancellationToken cancellationToken)
        {
            read.Add(period);
            return Task.FromResult(new ReviewMonth(period, false, period != March ? [] :
            [
                new ReportReviewStatus("nghe-an", ReviewState.Submitted, Now.AddDays(-11), null, null),
                new ReportReviewStatus("ha-tinh", ReviewState.Returned, Now.AddDays(-12), "rv-7", Now.AddDays(-6)),
                new ReportReviewStatus("thanh-hoa", ReviewState.Submitted, Now.AddDays(-20), null, null), // the head's: to the deputy
            ]));
        }

        var first = await Mailer.SendOwedAsync(TestApp.CompactId, compact, Now, Month, default);
        var second = await Mailer.SendOwedAsync(TestApp.CompactId, compact, Now, Month, default);

        Assert.Equal([1, 2, 3, 4], read.Distinct().Select(p => p.Month)); // the months begun by 10 April
        Assert.Equal((3, 3, 0), (first.Owed, first.Sent, first.Skipped));
        Assert.Equal((3, 0, 3), (second.Owed, second.Sent, second.Skipped));
        Assert.Equal(
            ["cum6-2024_2024-03/explainDue-rv-7_ha-tinh", "cum6-2024_2024-03/reviewDue_ninh-binh", "cum6-2024_2024-03/reviewDue_thanh-hoa"],
            _sendGrid.Accepted.Select(r => r.LedgerKey).Order(StringComparer.Ordinal));
        var due = _sendGrid.Accepted.Single(r => r.LedgerKey.EndsWith("reviewDue_thanh-hoa", StringComparison.Ordinal));
        Assert.Contains("- Công an tỉnh nghe-an: chờ 11 ngày", due.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("- Công an tỉnh thanh-hoa:", due.Text, StringComparison.Ordinal);
        Assert.Contains("https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03", due.Text, StringComparison.Ordinal);
        var deputys = _sendGrid.Accepted.Single(r => r.LedgerKey.EndsWith("reviewDue_ninh-binh", StringComparison.Ordinal));
        Assert.Equal(["thiduakhenthuong@ninh-binh.congan.gov.vn", Principals.ReporterId("ninh-binh")], deputys.To);
        Assert.Contains("- Công an tỉnh thanh-hoa: chờ 20 ngày", deputys.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("- Công an tỉnh nghe-an:", deputys.Text, StringComparison.Ordinal);
        var ledger = await _app.Get<MailLedger>().ListAsync(TestApp.CompactId, March, default);
        Assert.Equal(["explainDue-rv-7 ha-tinh sent", "reviewDue ninh-binh sent", "reviewDue thanh-hoa sent"], ledger.Select(m => $"{m.Kind} {m.UnitId} {m.State}"));
    }
}

using Compacts.Domain.Reminders;

namespace Compacts.Domain.Tests;

public class ReminderPolicyTests
{
    // Three members; thanh-hoa is the head. March 2024 is due 5 April 17:00 in Hà Nội (10:00 UTC); final 15 April 17:00.
    private static readonly Compact Compact = Drafts.Valid();
    private static readonly Period March = new(2024, 3);

    private static DateTimeOffset Hanoi(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2024, month, day, hour, minute, second, TimeSpan.FromHours(7));

    private static List<Notice> Owed(DateTimeOffset now, params string[] reported) =>
        ReminderPolicy.Owed(Compact, now, p => new MonthState(p, p == March ? reported.ToHashSet() : Compact.Members.Select(m => m.UnitId).ToHashSet(), false))
            .Where(n => n.Period == March).ToList();

    [Fact]
    public void Nothing_is_owed_before_the_first_reminder_day()
    {
        Assert.Empty(Owed(Hanoi(4, 1, 23, 59)));
    }

    [Fact]
    public void Three_days_before_the_due_date_each_unit_without_a_report_is_reminded()
    {
        var owed = Owed(Hanoi(4, 2, 8), "nghe-an");

        Assert.Equal(["thanh-hoa", "ha-tinh"], owed.Select(n => n.UnitId));
        Assert.All(owed, n => Assert.Equal("remind3", n.KindKey));
    }

    [Fact]
    public void The_day_before_the_due_date_the_one_day_reminder_is_owed_and_the_three_day_one_no_longer()
    {
        var owed = Owed(Hanoi(4, 4, 8));

        Assert.All(owed, n => Assert.Equal("remind1", n.KindKey));
        Assert.Equal(3, owed.Count);
    }

    [Fact]
    public void On_the_due_day_before_17_00_the_last_reminder_is_still_owed_and_none_after()
    {
        Assert.All(Owed(Hanoi(4, 5, 16, 59, 59)), n => Assert.Equal("remind1", n.KindKey));
        Assert.Empty(Owed(Hanoi(4, 5, 17)));
        Assert.Empty(Owed(Hanoi(4, 5, 23, 59)));
    }

    [Fact]
    public void The_day_after_the_due_date_an_overdue_notice_per_missing_unit_and_a_summary_to_the_head()
    {
        var owed = Owed(Hanoi(4, 6, 8), "thanh-hoa");

        Assert.Equal(["overdue:nghe-an", "overdue:ha-tinh", "summary:thanh-hoa"], owed.Select(n => $"{n.KindKey}:{n.UnitId}"));
    }

    [Fact]
    public void Units_that_reported_are_owed_nothing_and_no_summary_when_all_reported()
    {
        Assert.Empty(Owed(Hanoi(4, 4, 8), "thanh-hoa", "nghe-an", "ha-tinh"));
        Assert.Empty(Owed(Hanoi(4, 6, 8), "thanh-hoa", "nghe-an", "ha-tinh"));
    }

    [Fact]
    public void Overdue_notices_stop_when_the_period_is_final_and_result_notices_begin()
    {
        Assert.NotEmpty(Owed(Hanoi(4, 15, 16, 59)));
        var final = ReminderPolicy.Owed(Compact, Hanoi(4, 15, 17), p => new MonthState(p, new HashSet<string>(), p == March)).Where(n => n.Period == March).ToList();

        Assert.Equal(["final:thanh-hoa", "final:nghe-an", "final:ha-tinh"], final.Select(n => $"{n.KindKey}:{n.UnitId}"));
        Assert.DoesNotContain(ReminderPolicy.Owed(Compact, Hanoi(4, 22, 17), p => new MonthState(p, new HashSet<string>(), true)), n => n.Period == March);
    }

    [Fact]
    public void The_December_report_is_reminded_in_January_of_the_next_year()
    {
        var january4 = new DateTimeOffset(2025, 1, 4, 8, 0, 0, TimeSpan.FromHours(7));

        var owed = ReminderPolicy.Owed(Compact, january4, p => new MonthState(p, new HashSet<string>(), false));

        Assert.All(owed, n => Assert.Equal(new Period(2024, 12), n.Period));
        Assert.All(owed, n => Assert.Equal("remind1", n.KindKey));
    }

    [Fact]
    public void Mails_are_in_Vietnamese_and_name_the_compact_month_due_time_zone_and_unit()
    {
        var mail = MailComposer.Compose(new Notice(NoticeKind.Reminder, March, "nghe-an", 1), Mails.Context(Compact), [], null);

        Assert.Contains("Công an tỉnh Nghệ An", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("tháng 3/2024", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("17:00 05/04/2024", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Kính gửi Công an tỉnh Nghệ An,", mail.Text, StringComparison.Ordinal);
        Assert.Contains(Compact.Title, mail.Text, StringComparison.Ordinal);
        Assert.Contains("17:00 ngày 05/04/2024 (giờ Việt Nam)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Kính gửi Công an tỉnh Nghệ An,</p>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&quot;Vì an ninh Tổ quốc&quot;", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_lists_the_missing_units_and_the_final_notice_gives_rank_and_score()
    {
        var summary = MailComposer.Compose(new Notice(NoticeKind.HeadSummary, March, "thanh-hoa"), Mails.Context(Compact), ["ha-tinh", "quang-binh"], null);
        var final = MailComposer.Compose(new Notice(NoticeKind.FinalResult, March, "ha-tinh"), Mails.Context(Compact), [], new RankLine(2, 92.3m, 4, false));

        Assert.Contains("2 đơn vị chưa gửi", summary.Subject, StringComparison.Ordinal);
        Assert.Contains("- Công an tỉnh Quảng Bình", summary.Text, StringComparison.Ordinal);
        Assert.Contains("<ul><li>Công an tỉnh Hà Tĩnh</li><li>Công an tỉnh Quảng Bình</li></ul>", summary.Html, StringComparison.Ordinal);
        Assert.Contains("xếp hạng 2/4, đạt 92,3 điểm", final.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NoticeKind.Reminder, "Mở biểu mẫu báo cáo của đơn vị: https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/ha-tinh")]
    [InlineData(NoticeKind.Overdue, "Mở biểu mẫu báo cáo của đơn vị: https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/ha-tinh")]
    [InlineData(NoticeKind.HeadSummary, "https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03")]
    [InlineData(NoticeKind.FinalResult, "Xem bảng xếp hạng: https://thidua.example.gov.vn/#/standings/cum6-2024/2024-03")]
    public void Each_notice_links_the_portal_page_its_reader_wants(NoticeKind kind, string link)
    {
        var mail = MailComposer.Compose(new Notice(kind, March, "ha-tinh", 1), Mails.Context(Compact), ["ha-tinh"], null);

        Assert.Contains(link, mail.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link[link.IndexOf("https", StringComparison.Ordinal)..]}\">", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_months_in_play_from_the_calendar_alone_are_the_months_the_policy_reads()
    {
        var calendar = new CompactCalendar(Compact);
        var checkedInstants = 0;
        for (var now = new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero); now < new DateTimeOffset(2025, 2, 15, 0, 0, 0, TimeSpan.Zero); now = now.AddHours(1))
        {
            var read = new List<Period>();
            ReminderPolicy.Owed(Compact, now, p =>
            {
                read.Add(p);
                return new MonthState(p, new HashSet<string>(), StandingsFinal: true);
            });

            Assert.Equal(read, ReminderPolicy.MonthsInPlay(calendar, now));
            checkedInstants += read.Count > 0 ? 1 : 0;
        }

        Assert.True(checkedInstants > 5000); // most hours of the year have a month in play
    }

    [Fact]
    public void A_compact_has_no_month_in_play_before_its_first_reminder_or_after_its_last_result_notice()
    {
        var calendar = new CompactCalendar(Compact);

        Assert.Empty(ReminderPolicy.MonthsInPlay(calendar, Hanoi(1, 15, 8)));
        Assert.Empty(ReminderPolicy.MonthsInPlay(calendar, new DateTimeOffset(2025, 1, 23, 8, 0, 0, TimeSpan.FromHours(7))));
        Assert.Equal([new Period(2024, 12)], ReminderPolicy.MonthsInPlay(calendar, new DateTimeOffset(2025, 1, 20, 8, 0, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void With_required_review_the_result_notices_count_their_days_from_the_final_run_not_the_finalize_instant()
    {
        var required = Compact with { Review = ReviewSettings.Default with { Required = true } };
        var everyone = Compact.Members.Select(m => m.UnitId).ToHashSet();
        var computedAt = Hanoi(5, 20, 9); // the last report was confirmed 35 days after the finalize instant
        List<Notice> ResultsAt(Compact compact, DateTimeOffset now, bool final) =>
            [.. ReminderPolicy.Owed(compact, now, p => new MonthState(p, everyone, final && p == March, final && p == March ? computedAt : null))
                .Where(n => n.Period == March && n.Kind == NoticeKind.FinalResult)];

        Assert.Empty(ResultsAt(required, Hanoi(4, 16, 9), final: false)); // past the finalize instant, not final: nothing yet
        Assert.Equal(3, ResultsAt(required, computedAt.AddHours(1), final: true).Count);
        Assert.Equal(3, ResultsAt(required, computedAt.AddDays(7).AddTicks(-1), final: true).Count);
        Assert.Empty(ResultsAt(required, computedAt.AddDays(7), final: true));
        Assert.Empty(ResultsAt(Compact, computedAt.AddHours(1), final: true)); // without required review the window closed on 22 April
        Assert.Contains(March, ReminderPolicy.MonthsInPlay(new CompactCalendar(required), computedAt.AddHours(1), reviewRequired: true));
    }
}

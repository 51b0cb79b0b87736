using Compacts.Domain.Reminders;
using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Mail;

public class ReviewReminderPolicyTests
{
    // Members thanh-hoa (head), nghe-an (deputy), ha-tinh; review required, 10 and 5 days. March 2024 is final from 15 April
    // 17:00 in Hà Nội (10:00 UTC).
    private static readonly Compact Compact = Drafts.Valid() with
    {
        Members = [new Member("thanh-hoa", MemberRole.Head), new Member("nghe-an", MemberRole.Deputy), new Member("ha-tinh", MemberRole.Member)],
        Review = new ReviewSettings(Required: true, ReviewDays: 10, ExplainDays: 5),
    };

    private static readonly Compact NoDeputy = Compact with { Members = Drafts.Valid().Members };
    private static readonly Compact NotRequired = Compact with { Review = Compact.Review with { Required = false } };
    private static readonly Period March = new(2024, 3);
    private static readonly DateTimeOffset FinalizeAt = new(2024, 4, 15, 17, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset SubmittedAt = new(2024, 4, 2, 9, 15, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static ReportReviewStatus Submitted(string unit, DateTimeOffset at) => new(unit, ReviewState.Submitted, at, null, null);

    private static ReportReviewStatus Returned(string unit, string reviewId, DateTimeOffset at) => new(unit, ReviewState.Returned, SubmittedAt, reviewId, at);

    private static ReportReviewStatus Confirmed(string unit) => new(unit, ReviewState.Confirmed, SubmittedAt, null, null);

    private static IReadOnlyList<ReviewMail> Owed(DateTimeOffset now, Compact compact, params ReportReviewStatus[] reports) =>
        ReviewReminderPolicy.Owed(compact, now, [new ReviewMonth(March, false, reports)]);

    private static IReadOnlyList<ReviewMail> Owed(DateTimeOffset now, params ReportReviewStatus[] reports) => Owed(now, Compact, reports);

    private static List<string> Keys(IEnumerable<ReviewMail> mails) => mails.Select(m => $"{m.KindKey}:{m.UnitId}").ToList();

    [Fact]
    public void A_report_waiting_exactly_review_days_times_24_hours_is_owed_to_the_head_and_not_one_tick_before()
    {
        var due = SubmittedAt.AddHours(10 * 24);

        Assert.Empty(Owed(due - Tick, Submitted("ha-tinh", SubmittedAt)));
        var mail = Assert.IsType<ReviewDueMail>(Assert.Single(Owed(due, Submitted("ha-tinh", SubmittedAt))));
        Assert.Equal(("reviewDue", "thanh-hoa", March, 10), (mail.KindKey, mail.UnitId, mail.Period, mail.ReviewDays));
        Assert.Equal([new WaitingReport("ha-tinh", 10)], mail.Reports);
    }

    [Fact]
    public void One_review_reminder_per_reviewer_unit_lists_every_waiting_member_in_member_order_with_whole_days()
    {
        var now = SubmittedAt.AddDays(12).AddHours(23);

        var mail = Assert.IsType<ReviewDueMail>(Assert.Single(Owed(now,
            Submitted("ha-tinh", SubmittedAt.AddDays(2)), Submitted("nghe-an", SubmittedAt), Submitted("quang-binh", SubmittedAt))));

        Assert.Equal([new WaitingReport("nghe-an", 12), new WaitingReport("ha-tinh", 10)], mail.Reports); // quang-binh is no member
    }

    [Fact]
    public void The_heads_own_report_is_owed_to_the_deputy_and_to_nobody_without_one()
    {
        var now = SubmittedAt.AddDays(10);

        Assert.Equal(["reviewDue:nghe-an"], Keys(Owed(now, Submitted("thanh-hoa", SubmittedAt))));
        Assert.Equal(["reviewDue:nghe-an", "reviewDue:thanh-hoa"], Keys(Owed(now, Submitted("thanh-hoa", SubmittedAt), Submitted("ha-tinh", SubmittedAt))));
        Assert.Empty(Owed(now, NoDeputy, Submitted("thanh-hoa", SubmittedAt)));
    }

    [Fact]
    public void Only_submitted_reports_wait_for_review()
    {
        var now = SubmittedAt.AddDays(11);

        Assert.DoesNotContain(Owed(now, Returned("nghe-an", "rv-1", now), Confirmed("ha-tinh")), m => m is ReviewDueMail);
        Assert.Empty(Owed(now, new ReportReviewStatus("ha-tinh", ReviewState.Submitted, null, null, null))); // no submittedAt: nothing to count from
    }

    [Fact]
    public void A_return_unanswered_exactly_explain_days_times_24_hours_is_owed_to_the_unit_once_per_review_and_not_one_tick_before()
    {
        var returnedAt = new DateTimeOffset(2024, 4, 8, 9, 30, 0, TimeSpan.FromHours(7));
        var due = returnedAt.AddHours(5 * 24);

        Assert.Empty(Owed(due - Tick, Returned("ha-tinh", "rv-1", returnedAt)));
        var mail = Assert.IsType<ExplainDueMail>(Assert.Single(Owed(due, Returned("ha-tinh", "rv-1", returnedAt))));
        Assert.Equal(("explainDue-rv-1", "ha-tinh", returnedAt, 5), (mail.KindKey, mail.UnitId, mail.ReturnedAt, mail.ExplainDays));
        Assert.Equal("explainDue-rv-2", Owed(due.AddDays(1), Returned("ha-tinh", "rv-2", returnedAt)).Single().KindKey); // a later return is another mail
    }

    [Fact]
    public void The_heads_unanswered_return_is_owed_to_the_head_itself_deputy_or_not()
    {
        var returnedAt = SubmittedAt.AddDays(1);

        Assert.Equal(["explainDue-rv-3:thanh-hoa"], Keys(Owed(returnedAt.AddDays(5), NoDeputy, Returned("thanh-hoa", "rv-3", returnedAt))));
    }

    [Fact]
    public void At_the_finalize_instant_of_a_required_month_the_head_is_told_of_every_report_not_confirmed_and_not_one_tick_before()
    {
        ReportReviewStatus[] reports = [Confirmed("thanh-hoa"), Returned("ha-tinh", "rv-1", FinalizeAt.AddDays(-1)), Submitted("nghe-an", FinalizeAt.AddDays(-2))];

        Assert.DoesNotContain(Owed(FinalizeAt - Tick, reports), m => m is ReviewPendingMail);
        var mail = Assert.IsType<ReviewPendingMail>(Assert.Single(Owed(FinalizeAt, reports), m => m is ReviewPendingMail));
        Assert.Equal(("reviewPending", "thanh-hoa"), (mail.KindKey, mail.UnitId));
        Assert.Equal([new PendingReport("nghe-an", ReviewState.Submitted), new PendingReport("ha-tinh", ReviewState.Returned)], mail.Reports);
        Assert.Contains(Owed(FinalizeAt.AddDays(20), reports), m => m is ReviewPendingMail); // owed until the month is final; the ledger sends it once
    }

    [Fact]
    public void No_pending_review_notice_when_review_is_not_required_or_every_report_is_confirmed()
    {
        Assert.Empty(Owed(FinalizeAt, NotRequired, Submitted("nghe-an", FinalizeAt.AddDays(-1))));
        Assert.Empty(Owed(FinalizeAt, NotRequired, Submitted("nghe-an", SubmittedAt))); // and nothing else once it is being finalized
        Assert.Empty(Owed(FinalizeAt, Confirmed("nghe-an"), Confirmed("thanh-hoa")));
        Assert.Empty(Owed(FinalizeAt));
    }

    [Fact]
    public void A_final_month_is_locked_and_owes_nothing()
    {
        var longAfter = FinalizeAt.AddDays(30);

        var owed = ReviewReminderPolicy.Owed(Compact, longAfter,
            [new ReviewMonth(March, true, [Submitted("nghe-an", SubmittedAt), Returned("ha-tinh", "rv-1", SubmittedAt)])]);

        Assert.Empty(owed);
    }

    [Fact]
    public void Each_month_is_judged_on_its_own()
    {
        var april = new Period(2024, 4);
        var now = new DateTimeOffset(2024, 5, 20, 8, 0, 0, TimeSpan.FromHours(7));

        var owed = ReviewReminderPolicy.Owed(Compact, now,
            [new ReviewMonth(March, false, [Submitted("ha-tinh", SubmittedAt)]), new ReviewMonth(april, false, [Submitted("ha-tinh", now.AddDays(-10))])]);

        Assert.Equal([(March, "reviewDue"), (March, "reviewPending"), (april, "reviewDue"), (april, "reviewPending")], owed.Select(m => (m.Period, m.KindKey)));
    }

    [Fact]
    public void The_reviewers_of_a_report_are_the_head_or_for_the_heads_own_the_deputy()
    {
        Assert.Equal("thanh-hoa", ReviewReminderPolicy.ReviewersUnit(Compact, "nghe-an")); // the deputy's own report too
        Assert.Equal("thanh-hoa", ReviewReminderPolicy.ReviewersUnit(NoDeputy, "ha-tinh"));
        Assert.Equal("nghe-an", ReviewReminderPolicy.ReviewersUnit(Compact, "thanh-hoa"));
        Assert.Null(ReviewReminderPolicy.ReviewersUnit(NoDeputy, "thanh-hoa"));
        Assert.Null(ReviewReminderPolicy.ReviewersUnit(Compact, "quang-binh"));
    }

    [Fact]
    public void The_months_in_play_have_begun_and_are_not_yet_past_their_finalize_instant_or_with_required_review_not_a_year_past_it()
    {
        var marchStart = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.DoesNotContain(March, ReviewReminderPolicy.MonthsInPlay(NotRequired, marchStart - Tick));
        Assert.Contains(March, ReviewReminderPolicy.MonthsInPlay(NotRequired, marchStart));
        Assert.Contains(March, ReviewReminderPolicy.MonthsInPlay(NotRequired, FinalizeAt - Tick));
        Assert.DoesNotContain(March, ReviewReminderPolicy.MonthsInPlay(NotRequired, FinalizeAt));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => new Period(2024, m)),
            ReviewReminderPolicy.MonthsInPlay(Compact, new DateTimeOffset(2025, 1, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(March, ReviewReminderPolicy.MonthsInPlay(Compact, FinalizeAt + ReviewReminderPolicy.RequiredMonthLifetime - Tick));
        Assert.DoesNotContain(March, ReviewReminderPolicy.MonthsInPlay(Compact, FinalizeAt + ReviewReminderPolicy.RequiredMonthLifetime));
    }

    [Fact]
    public void The_months_in_play_are_every_month_the_policy_can_owe_for()
    {
        var calendar = new CompactCalendar(Compact);
        foreach (var compact in new[] { NotRequired, Compact })
        {
            for (var now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero); now < new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero); now = now.AddHours(7))
            {
                var months = Enumerable.Range(1, 12).Select(m => new Period(2024, m))
                    .Select(p => new ReviewMonth(p, false, [Submitted("nghe-an", calendar.PeriodStart(p)), Returned("ha-tinh", $"rv-{p}", calendar.PeriodStart(p))]));

                var owedFor = ReviewReminderPolicy.Owed(compact, now, months).Select(m => m.Period).Distinct();

                Assert.Empty(owedFor.Except(ReviewReminderPolicy.MonthsInPlay(compact, now)));
            }
        }
    }
}

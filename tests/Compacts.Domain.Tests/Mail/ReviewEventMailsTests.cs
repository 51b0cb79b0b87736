using Compacts.Domain.Reminders;
using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Mail;

public class ReviewEventMailsTests
{
    private static readonly Compact Compact = Drafts.Valid(); // thanh-hoa (head), nghe-an, ha-tinh; no deputy
    private static readonly Compact WithDeputy = Compact with
    {
        Members = [new Member("thanh-hoa", MemberRole.Head), new Member("nghe-an", MemberRole.Deputy), new Member("ha-tinh", MemberRole.Member)],
    };

    private static readonly Period March = new(2024, 3);
    private static readonly DateTimeOffset At = new(2024, 4, 8, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly Dictionary<string, ReportValue> Reported = new() { ["crime-reduction"] = ReportValue.Of(1180), ["bonus"] = ReportValue.Of(2) };

    private static ReviewMail? Review(ReviewDecision decision, Dictionary<string, ReviewItem> items) =>
        ReviewEventMails.OfReview(Compact, March, "ha-tinh", "rv-1", 2, decision, "Ý kiến", items, At, Reported);

    [Fact]
    public void A_return_owes_the_unit_a_returned_mail_with_the_reasons_given_and_the_explanation_deadline()
    {
        var mail = Assert.IsType<ReturnedMail>(Review(ReviewDecision.Return, new()
        {
            ["crime-reduction"] = new ReviewItem("Chưa khớp", false, null),
            ["bonus"] = new ReviewItem("  ", false, null),
        }));

        Assert.Equal(("ha-tinh", "returned-rv-1", 2), (mail.UnitId, mail.KindKey, mail.Revision));
        Assert.Equal(new Dictionary<string, string> { ["crime-reduction"] = "Chưa khớp" }, mail.Reasons);
        Assert.Equal(At.AddDays(ReviewSettings.Default.ExplainDays), mail.ExplainBy);
    }

    [Fact]
    public void A_confirm_owes_a_corrected_mail_only_for_the_values_it_changed()
    {
        Assert.Null(Review(ReviewDecision.Confirm, new() { ["crime-reduction"] = new ReviewItem("Khớp", false, ReportValue.Of(1180)) }));

        var mail = Assert.IsType<CorrectedMail>(Review(ReviewDecision.Confirm, new()
        {
            ["crime-reduction"] = new ReviewItem("Theo thống kê", true, ReportValue.Of(1190)),
            ["bonus"] = new ReviewItem(null, true, null),
        }));

        Assert.Equal("corrected-rv-1", mail.KindKey);
        Assert.Equal(
            [new Correction("bonus", ReportValue.Of(2), null, null), new Correction("crime-reduction", ReportValue.Of(1180), ReportValue.Of(1190), "Theo thống kê")],
            mail.Corrections);
    }

    [Fact]
    public void An_answer_goes_to_the_head_for_a_members_report_to_the_deputy_for_the_heads_and_to_nobody_without_a_deputy()
    {
        var items = new Dictionary<string, string> { ["bonus"] = "Có quyết định khen" };

        var member = Assert.IsType<AnsweredMail>(ReviewEventMails.OfExplanation(Compact, March, "ha-tinh", "ex-1", 2, "Giải trình", items));
        var head = Assert.IsType<AnsweredMail>(ReviewEventMails.OfExplanation(WithDeputy, March, "thanh-hoa", "ex-2", 1, null, items));
        var revision = Assert.IsType<AnsweredMail>(ReviewEventMails.OfRevision(Compact, March, "ha-tinh", 3));

        Assert.Equal(("thanh-hoa", "ha-tinh", "answered-ex-1", AnswerKind.Explanation), (member.UnitId, member.AnsweringUnitId, member.KindKey, member.By));
        Assert.Equal(("nghe-an", "answered-ex-2"), (head.UnitId, head.KindKey));
        Assert.Equal(("thanh-hoa", "answered-r3", AnswerKind.NewRevision, 3), (revision.UnitId, revision.KindKey, revision.By, revision.Revision));
        Assert.Null(ReviewEventMails.OfExplanation(Compact, March, "thanh-hoa", "ex-3", 1, null, items));
        Assert.Null(ReviewEventMails.OfRevision(Compact, March, "thanh-hoa", 2));
    }
}

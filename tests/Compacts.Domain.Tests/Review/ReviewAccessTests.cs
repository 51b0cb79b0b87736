using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Review;

public class ReviewAccessTests
{
    // thanh-hoa is the head, nghe-an the deputy, ha-tinh a member; quang-binh is in no role of this compact.
    private static readonly Compact WithDeputy = Drafts.Valid() with
    {
        Members = [new("thanh-hoa", MemberRole.Head), new("nghe-an", MemberRole.Deputy), new("ha-tinh", MemberRole.Member)],
    };

    private static readonly Compact WithoutDeputy = Drafts.Valid();

    private static readonly Caller Admin = new("admin@bocongan.gov.vn", true, null);

    private static Caller UserOf(string unit) => new($"user@{unit}.gov.vn", false, unit);

    [Theory]
    [InlineData("thanh-hoa", "nghe-an", true)] // the head reviews the deputy
    [InlineData("thanh-hoa", "ha-tinh", true)] // and every other member
    [InlineData("nghe-an", "thanh-hoa", true)] // the deputy reviews the head's own report
    [InlineData("thanh-hoa", "thanh-hoa", false)] // nobody reviews their own unit
    [InlineData("nghe-an", "nghe-an", false)]
    [InlineData("ha-tinh", "ha-tinh", false)]
    [InlineData("nghe-an", "ha-tinh", false)] // the deputy reviews only the head
    [InlineData("ha-tinh", "nghe-an", false)]
    [InlineData("ha-tinh", "thanh-hoa", false)]
    [InlineData("quang-binh", "ha-tinh", false)] // not a member
    public void Head_users_review_the_members_and_deputy_users_review_the_head(string callerUnit, string reportUnit, bool may) =>
        Assert.Equal(may, ReviewAccess.MayReview(UserOf(callerUnit), WithDeputy, reportUnit));

    [Fact]
    public void Without_a_deputy_only_admins_review_the_heads_report()
    {
        Assert.False(ReviewAccess.MayReview(UserOf("nghe-an"), WithoutDeputy, "thanh-hoa"));
        Assert.False(ReviewAccess.MayReview(UserOf("ha-tinh"), WithoutDeputy, "thanh-hoa"));
        Assert.True(ReviewAccess.MayReview(Admin, WithoutDeputy, "thanh-hoa"));
        Assert.True(ReviewAccess.MayReview(UserOf("thanh-hoa"), WithoutDeputy, "nghe-an"));
    }

    [Fact]
    public void Admins_review_read_and_explain_every_members_report_and_nothing_outside_the_compact()
    {
        foreach (var unit in new[] { "thanh-hoa", "nghe-an", "ha-tinh" })
        {
            Assert.True(ReviewAccess.MayReview(Admin, WithDeputy, unit));
            Assert.True(ReviewAccess.MayRead(Admin, WithDeputy, unit));
            Assert.True(ReviewAccess.MayExplain(Admin, WithDeputy, unit));
        }

        Assert.False(ReviewAccess.MayReview(Admin, WithDeputy, "quang-binh"));
        Assert.False(ReviewAccess.MayRead(Admin, WithDeputy, "quang-binh"));
    }

    [Theory]
    [InlineData("ha-tinh", "ha-tinh", true, true)] // its own users
    [InlineData("thanh-hoa", "ha-tinh", true, false)] // its reviewers
    [InlineData("thanh-hoa", "thanh-hoa", true, true)]
    [InlineData("nghe-an", "thanh-hoa", true, false)] // the deputy reads the head's report ...
    [InlineData("nghe-an", "ha-tinh", false, false)] // ... and no other member's
    [InlineData("ha-tinh", "nghe-an", false, false)]
    [InlineData("ha-tinh", "thanh-hoa", false, false)]
    public void A_report_is_read_by_its_units_users_and_reviewers_and_explained_by_its_units_users(
        string callerUnit, string reportUnit, bool mayRead, bool mayExplain)
    {
        Assert.Equal(mayRead, ReviewAccess.MayRead(UserOf(callerUnit), WithDeputy, reportUnit));
        Assert.Equal(mayRead, Access.CanReadReport(UserOf(callerUnit), WithDeputy, reportUnit));
        Assert.Equal(mayExplain, ReviewAccess.MayExplain(UserOf(callerUnit), WithDeputy, reportUnit));
    }

    [Fact]
    public void Reading_every_members_report_at_once_stays_with_the_head_and_admins()
    {
        Assert.True(Access.CanReadPeriodReports(UserOf("thanh-hoa"), WithDeputy));
        Assert.True(Access.CanReadPeriodReports(Admin, WithDeputy));
        Assert.False(Access.CanReadPeriodReports(UserOf("nghe-an"), WithDeputy));
    }

    [Fact]
    public void The_queue_shows_every_member_to_the_head_and_admins_only_the_head_to_the_deputy_and_nothing_to_others()
    {
        Assert.Equal(["thanh-hoa", "nghe-an", "ha-tinh"], ReviewAccess.QueueUnits(Admin, WithDeputy));
        Assert.Equal(["thanh-hoa", "nghe-an", "ha-tinh"], ReviewAccess.QueueUnits(UserOf("thanh-hoa"), WithDeputy));
        Assert.Equal(["thanh-hoa"], ReviewAccess.QueueUnits(UserOf("nghe-an"), WithDeputy));
        Assert.Null(ReviewAccess.QueueUnits(UserOf("ha-tinh"), WithDeputy));
        Assert.Null(ReviewAccess.QueueUnits(UserOf("nghe-an"), WithoutDeputy));
        Assert.Null(ReviewAccess.QueueUnits(UserOf("quang-binh"), WithDeputy));
    }
}

namespace Compacts.Domain.Tests;

/// <summary>Draft and active compacts (what a draft may lack, what activation asks) and next year's compact derived from this year's.</summary>
public class NextYearTests
{
    private static CompactDraft WithoutBaselines(CompactDraft draft) => draft with
    {
        Contents = [.. draft.Contents!.Select(c => c! with
        {
            Criteria = [.. c.Criteria!.Select(k => k!.Targets is null ? k : k with { Targets = k.Targets.ToDictionary(t => t.Key, t => (TargetDraft?)(t.Value! with { Baseline = null })) })],
        })],
    };

    [Fact]
    public void A_compact_without_status_is_active_and_accepts_reports()
    {
        var compact = Drafts.Valid();

        Assert.Equal(CompactStatus.Active, compact.Status);
        Assert.Empty(compact.MissingForActivation());
        Assert.Null(compact.RefusesReports());
    }

    [Fact]
    public void A_draft_may_lack_its_signing_date_and_baselines_and_lists_them_as_missing()
    {
        var (draft, errors) = CompactValidator.Validate(WithoutBaselines(Drafts.Compact()) with { Status = "draft", SignedOn = null });

        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Keys));
        Assert.Equal(CompactStatus.Draft, draft!.Status);
        Assert.Null(draft.SignedOn);
        Assert.Equal(["signedOn", "baseline of crime-reduction for nghe-an", "baseline of crime-reduction for thanh-hoa"], draft.MissingForActivation());
        Assert.Equal(["signedOn", "baseline of crime-reduction for nghe-an", "baseline of crime-reduction for thanh-hoa", "status active"], draft.RefusesReports());
    }

    [Fact]
    public void A_complete_draft_still_refuses_reports_until_it_is_active()
    {
        var (draft, _) = CompactValidator.Validate(Drafts.Compact() with { Status = "draft" });

        Assert.Empty(draft!.MissingForActivation());
        Assert.Equal(["status active"], draft.RefusesReports());
    }

    [Fact]
    public void An_active_compact_is_refused_while_its_signing_date_or_a_baseline_is_missing_each_named()
    {
        var (compact, errors) = CompactValidator.Validate(WithoutBaselines(Drafts.Compact()) with { Status = "active", SignedOn = null });

        Assert.Null(compact);
        Assert.Equal(
            ["contents[0].criteria[0].targets.nghe-an.baseline", "contents[0].criteria[0].targets.thanh-hoa.baseline", "signedOn"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("signed")]
    [InlineData("")]
    public void An_unknown_status_is_refused(string status)
    {
        var (_, errors) = CompactValidator.Validate(Drafts.Compact() with { Status = status });

        Assert.Equal(["status"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_draft_still_checks_a_baseline_it_gives_and_its_signing_date_form()
    {
        var (_, errors) = CompactValidator.Validate(Drafts.Compact() with { Status = "draft", SignedOn = "14/03/2025" });

        Assert.Equal(["signedOn"], errors.ToDictionary().Keys);
    }

    private static Compact Source() => Drafts.Valid() with { Place = "Thanh Hóa" };

    [Fact]
    public void Next_year_is_a_draft_of_the_following_year_with_baselines_and_signing_date_cleared()
    {
        var source = Source();

        var (next, errors) = NextYear.Derive("cum6-2024", source, new NextYearDraft("cum6-2025", "nghe-an", "ha-tinh"));

        Assert.True(errors.IsEmpty);
        Assert.Equal(CompactStatus.Draft, next!.Status);
        Assert.Equal(2025, next.Year);
        Assert.Null(next.SignedOn);
        Assert.Equal("Giao ước thi đua \"Vì an ninh Tổ quốc\" năm 2025", next.Title);
        Assert.Equal(source.Cluster, next.Cluster);
        Assert.Equal("Thanh Hóa", next.Place);
        Assert.Equal(source.Reporting, next.Reporting);
        Assert.Equal(source.Review, next.Review);
        var crime = next.AllCriteria().Single(c => c.Id == "crime-reduction");
        Assert.All(crime.Targets!.Values, t => Assert.Null(t.Baseline));
        Assert.Equal(source.AllCriteria().Single(c => c.Id == "crime-reduction").Targets!.ToDictionary(t => t.Key, t => t.Value.Target), crime.Targets.ToDictionary(t => t.Key, t => t.Value.Target));
        Assert.Equal(source.AllCriteria().Where(c => c.Id != "crime-reduction"), next.AllCriteria().Where(c => c.Id != "crime-reduction"));
        Assert.Equal(["signedOn", "baseline of crime-reduction for nghe-an", "baseline of crime-reduction for thanh-hoa"], next.MissingForActivation());
    }

    [Fact]
    public void Next_year_keeps_the_members_the_old_head_becoming_a_member_and_the_named_head_and_deputy_taking_their_roles()
    {
        var (next, _) = NextYear.Derive("cum6-2024", Source(), new NextYearDraft("cum6-2025", "nghe-an", "ha-tinh"));

        Assert.Equal(
            [new Member("thanh-hoa", MemberRole.Member), new Member("nghe-an", MemberRole.Head), new Member("ha-tinh", MemberRole.Deputy)],
            next!.Members);
    }

    [Fact]
    public void Next_year_without_a_deputy_has_none_and_an_old_deputy_becomes_a_member()
    {
        var source = Source() with { Members = [new("thanh-hoa", MemberRole.Head), new("nghe-an", MemberRole.Deputy), new("ha-tinh", MemberRole.Member)] };

        var (next, errors) = NextYear.Derive("cum6-2024", source, new NextYearDraft("cum6-2025", "ha-tinh", null));

        Assert.True(errors.IsEmpty);
        Assert.Null(next!.DeputyUnitId());
        Assert.Equal("ha-tinh", next.HeadUnitId());
        Assert.Equal(MemberRole.Member, next.FindMember("nghe-an")!.Role);
    }

    [Fact]
    public void A_title_without_the_year_is_carried_as_it_is_and_a_longer_number_is_not_a_year()
    {
        var source = Source() with { Title = "Giao ước số 12024 của cụm" };

        var (next, _) = NextYear.Derive("cum6-2024", source, new NextYearDraft("cum6-2025", "nghe-an", null));

        Assert.Equal("Giao ước số 12024 của cụm", next!.Title);
    }

    public static TheoryData<string, NextYearDraft, string[]> Refused => new()
    {
        { "no head", new NextYearDraft("cum6-2025", null, null), ["head"] },
        { "a head outside the compact", new NextYearDraft("cum6-2025", "da-nang", null), ["head"] },
        { "a deputy outside the compact", new NextYearDraft("cum6-2025", "nghe-an", "da-nang"), ["deputy"] },
        { "the deputy the head's unit", new NextYearDraft("cum6-2025", "nghe-an", "nghe-an"), ["deputy"] },
        { "a head id that is no id", new NextYearDraft("cum6-2025", "Nghe An", null), ["head"] },
        { "no compact id", new NextYearDraft(null, "nghe-an", null), ["compactId"] },
        { "a compact id that is no id", new NextYearDraft("cum6/2025", "nghe-an", null), ["compactId"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Next_year_is_refused_for_each_broken_rule_by_its_field(string because, NextYearDraft draft, string[] fields)
    {
        var (next, errors) = NextYear.Derive("cum6-2024", Source(), draft);

        Assert.Null(next);
        Assert.True(fields.SequenceEqual(errors.ToDictionary().Keys), because);
    }

    [Fact]
    public void There_is_no_year_after_2100()
    {
        var (_, errors) = NextYear.Derive("cum-2100", Source() with { Year = 2100 }, new NextYearDraft("cum-2101", "nghe-an", null));

        Assert.Equal(["year"], errors.ToDictionary().Keys);
    }
}

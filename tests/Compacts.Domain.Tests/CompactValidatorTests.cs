namespace Compacts.Domain.Tests;

public class CompactValidatorTests
{
    [Fact]
    public void A_complete_compact_is_accepted_with_its_fields_typed()
    {
        var compact = Drafts.Valid();

        Assert.Equal(2024, compact.Year);
        Assert.Equal("thanh-hoa", compact.HeadUnitId());
        var crime = compact.AllCriteria().First();
        Assert.Equal(Direction.Decrease, crime.Direction);
        Assert.Equal(Measure.PercentChange, crime.Measure);
        Assert.Equal(ScoringMethod.LeaderRelative, crime.Method);
        Assert.Equal(2410, crime.Targets!["thanh-hoa"].Baseline);
        Assert.Equal(new TimeOnly(17, 0), compact.Reporting.DueTime);
    }

    [Fact]
    public void Reporting_rules_default_as_the_scoring_rules_say()
    {
        var (withDefaults, errors) = CompactValidator.Validate(Drafts.Compact() with { Reporting = null, TimeZone = null });

        Assert.True(errors.IsEmpty);
        Assert.Equal(ReportingRules.Default.DueDay, withDefaults!.Reporting.DueDay);
        Assert.Equal(new TimeOnly(17, 0), withDefaults.Reporting.DueTime);
        Assert.Equal(0.5m, withDefaults.Reporting.LatePenalty);
        Assert.Equal(10, withDefaults.Reporting.FinalizeAfterDays);
        Assert.Equal("Asia/Ho_Chi_Minh", withDefaults.TimeZone);
    }

    [Fact]
    public void A_compact_without_review_settings_or_deputy_has_the_defaults()
    {
        var compact = Drafts.Valid();

        Assert.Equal(ReviewSettings.Default, compact.Review);
        Assert.Equal(new ReviewSettings(false, 10, 5), compact.Review);
        Assert.Null(compact.DeputyUnitId());
    }

    [Fact]
    public void A_place_is_optional_and_kept_trimmed()
    {
        Assert.Null(CompactValidator.Validate(Drafts.Compact()).Compact!.Place);
        Assert.Equal("Thanh Hóa", CompactValidator.Validate(Drafts.Compact() with { Place = " Thanh Hóa " }).Compact!.Place);
    }

    [Fact]
    public void A_deputy_and_review_settings_are_read_each_field_defaulting_on_its_own()
    {
        var draft = Drafts.Compact() with
        {
            Members = [new("thanh-hoa", "head"), new("nghe-an", "deputy"), new("ha-tinh", "member")],
            Review = new ReviewDraft(true, null, 60),
        };

        var (compact, errors) = CompactValidator.Validate(draft);

        Assert.True(errors.IsEmpty);
        Assert.Equal("nghe-an", compact!.DeputyUnitId());
        Assert.Equal("thanh-hoa", compact.HeadUnitId());
        Assert.Equal(MemberRole.Deputy, compact.FindMember("nghe-an")!.Role);
        Assert.Equal(new ReviewSettings(true, 10, 60), compact.Review);
        Assert.Equal(new ReviewSettings(false, 1, 5), CompactValidator.Validate(Drafts.Compact() with { Review = new ReviewDraft(null, 1, null) }).Compact!.Review);
    }

    public static TheoryData<string, Func<CompactDraft, CompactDraft>, string> Invalid => new()
    {
        { "missing title", d => d with { Title = null }, "title" },
        { "blank title", d => d with { Title = "   " }, "title" },
        { "over-long title", d => d with { Title = new string('a', 501) }, "title" },
        { "over-long place", d => d with { Place = new string('a', 101) }, "place" },
        { "blank place", d => d with { Place = " " }, "place" },
        { "place with a line break", d => d with { Place = "Thanh\nHóa" }, "place" },
        { "control characters", d => d with { Cluster = "Cụm\u0000 6" }, "cluster" },
        { "missing year", d => d with { Year = null }, "year" },
        { "year out of range", d => d with { Year = 1999 }, "year" },
        { "unknown time zone", d => d with { TimeZone = "Mars/Olympus" }, "timeZone" },
        { "bad signing date", d => d with { SignedOn = "14/03/2024" }, "signedOn" },
        { "no members", d => d with { Members = [] }, "members" },
        { "no head", d => d with { Members = [new("thanh-hoa", "member"), new("nghe-an", "member")] }, "members" },
        { "two heads", d => d with { Members = [new("thanh-hoa", "head"), new("nghe-an", "head")] }, "members" },
        { "duplicate member", d => d with { Members = [new("thanh-hoa", "head"), new("thanh-hoa", "member")] }, "members[1].unitId" },
        { "bad member id", d => d with { Members = [new("Thanh Hoa", "head")] }, "members[0].unitId" },
        { "bad role", d => d with { Members = [new("thanh-hoa", "chief")] }, "members[0].role" },
        { "two deputies", d => d with { Members = [new("thanh-hoa", "head"), new("nghe-an", "deputy"), new("ha-tinh", "deputy")] }, "members" },
        { "the head listed again as deputy", d => d with { Members = [new("thanh-hoa", "head"), new("nghe-an", "member"), new("thanh-hoa", "deputy")] }, "members[2].unitId" },
        { "reviewDays 0", d => d with { Review = new ReviewDraft(null, 0, null) }, "review.reviewDays" },
        { "reviewDays 61", d => d with { Review = new ReviewDraft(true, 61, null) }, "review.reviewDays" },
        { "negative explainDays", d => d with { Review = new ReviewDraft(null, null, -1) }, "review.explainDays" },
        { "explainDays 61", d => d with { Review = new ReviewDraft(null, 10, 61) }, "review.explainDays" },
        { "due day 29", d => d with { Reporting = new ReportingDraft(29, null, null, null, null) }, "reporting.dueDay" },
        { "due time 24:00", d => d with { Reporting = new ReportingDraft(null, "24:00", null, null, null) }, "reporting.dueTime" },
        { "due time without minutes", d => d with { Reporting = new ReportingDraft(null, "17", null, null, null) }, "reporting.dueTime" },
        { "negative late penalty", d => d with { Reporting = new ReportingDraft(null, null, -0.5m, null, null) }, "reporting.latePenalty" },
        { "NaN late penalty", d => d with { Reporting = new ReportingDraft(null, null, new NumberLiteral("NaN"), null, null) }, "reporting.latePenalty" },
        { "negative finalize days", d => d with { Reporting = new ReportingDraft(null, null, null, -1, null) }, "reporting.finalizeAfterDays" },
        { "repeated reminder day", d => d with { Reporting = new ReportingDraft(null, null, null, null, [3, 3]) }, "reporting.remindDaysBefore" },
        { "reminder day 0", d => d with { Reporting = new ReportingDraft(null, null, null, null, [0]) }, "reporting.remindDaysBefore" },
        { "no contents", d => d with { Contents = [] }, "contents" },
        { "content without criteria", d => d with { Contents = [new ContentDraft("c1", "Nội dung", [])] }, "contents[0].criteria" },
        { "duplicate content id", d => d with { Contents = [new ContentDraft("c1", "A", [Drafts.Qualitative("a")]), new ContentDraft("c1", "B", [Drafts.Qualitative("b")])] }, "contents[1].id" },
        { "duplicate criterion id across contents", d => d with { Contents = [new ContentDraft("c1", "A", [Drafts.Qualitative("a")]), new ContentDraft("c2", "B", [Drafts.Qualitative("a")])] }, "contents[1].criteria[0].id" },
        { "reserved criterion id", d => d with { Contents = [new ContentDraft("c1", "A", [Drafts.Qualitative("note")])] }, "contents[0].criteria[0].id" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_compact_is_rejected_naming_the_field(string because, Func<CompactDraft, CompactDraft> change, string field)
    {
        var (compact, errors) = CompactValidator.Validate(change(Drafts.Compact()));

        Assert.Null(compact);
        Assert.True(errors.ToDictionary().ContainsKey(field), $"{because}: expected an error at '{field}', got {string.Join(", ", errors.ToDictionary().Keys)}");
    }

    public static TheoryData<string, CriterionDraft, string> InvalidCriteria => new()
    {
        { "decrease measured in absolute numbers", Drafts.Quantitative() with { Measure = "absolute", Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, null) } }, "direction" },
        { "unknown type", Drafts.Qualitative() with { Type = "boolean" }, "type" },
        { "an evidence setting that is neither required nor none", Drafts.Qualitative() with { Evidence = "Required" }, "evidence" },
        { "no maxPoints", Drafts.Qualitative() with { MaxPoints = null }, "maxPoints" },
        { "zero maxPoints", Drafts.Occurrence() with { MaxPoints = 0 }, "maxPoints" },
        { "infinite maxPoints", Drafts.Occurrence() with { MaxPoints = new NumberLiteral("Infinity") }, "maxPoints" },
        { "maxPoints on an adjustment", Drafts.Adjustment() with { MaxPoints = 5 }, "maxPoints" },
        { "missing direction", Drafts.Quantitative() with { Direction = null }, "direction" },
        { "unknown measure", Drafts.Quantitative() with { Measure = "percent" }, "measure" },
        { "unknown accrual", Drafts.Quantitative() with { Accrual = "monthly" }, "accrual" },
        { "unknown method", Drafts.Quantitative() with { Method = "relative" }, "method" },
        { "no targets", Drafts.Quantitative() with { Targets = new Dictionary<string, TargetDraft?>() }, "targets" },
        { "target for a unit outside the compact", Drafts.Quantitative() with { Targets = new Dictionary<string, TargetDraft?> { ["da-nang"] = new(5, 100) } }, "targets.da-nang" },
        { "zero target", Drafts.Quantitative() with { Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(0, 100) } }, "targets.thanh-hoa.target" },
        { "percentChange without baseline", Drafts.Quantitative() with { Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, null) } }, "targets.thanh-hoa.baseline" },
        { "negative baseline", Drafts.Quantitative() with { Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, -3) } }, "targets.thanh-hoa.baseline" },
        { "baseline on an absolute target", Drafts.Quantitative() with { Direction = "increase", Measure = "absolute", Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, 100) } }, "targets.thanh-hoa.baseline" },
        { "targets on a qualitative criterion", Drafts.Qualitative() with { Targets = new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, null) } }, "targets" },
        { "pointsEach missing", Drafts.Occurrence() with { PointsEach = null }, "pointsEach" },
        { "pointsEach on a qualitative criterion", Drafts.Qualitative() with { PointsEach = 1 }, "pointsEach" },
        { "adjustment with min above zero", Drafts.Adjustment() with { Min = 1, Max = 2 }, "min" },
        { "adjustment with max below zero", Drafts.Adjustment() with { Min = -2, Max = -1 }, "max" },
        { "adjustment fixed at zero", Drafts.Adjustment() with { Min = 0, Max = 0 }, "" },
        { "min on a quantitative criterion", Drafts.Quantitative() with { Min = 0 }, "min" },
        { "bad criterion id", Drafts.Qualitative("Tiêu chí 1"), "id" },
        { "missing title", Drafts.Qualitative() with { Title = null }, "title" },
    };

    [Theory]
    [MemberData(nameof(InvalidCriteria))]
    public void An_invalid_criterion_is_rejected_naming_its_field(string because, CriterionDraft criterion, string field)
    {
        var (compact, errors) = CompactValidator.Validate(Drafts.Compact(criterion));

        var path = field.Length == 0 ? "contents[0].criteria[0]" : $"contents[0].criteria[0].{field}";
        Assert.Null(compact);
        Assert.True(errors.ToDictionary().ContainsKey(path), $"{because}: expected an error at '{path}', got {string.Join(", ", errors.ToDictionary().Keys)}");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (_, errors) = CompactValidator.Validate(Drafts.Compact() with { Title = null, Year = 1900, SignedOn = "x" });

        Assert.Equal(["signedOn", "title", "year"], errors.ToDictionary().Keys.Order().ToArray());
    }

    [Fact]
    public void Evidence_is_asked_only_by_criteria_that_say_required()
    {
        var compact = Drafts.Valid(Drafts.Quantitative() with { Evidence = "required" }, Drafts.Qualitative() with { Evidence = "none" }, Drafts.Occurrence());

        Assert.Equal([EvidenceRule.Required, null, null], compact.AllCriteria().Select(c => c.Evidence));
    }

    [Fact]
    public void A_unit_without_a_target_is_not_assigned_the_quantitative_criterion()
    {
        var compact = Drafts.Valid();

        Assert.Contains(compact.CriteriaAssignedTo("thanh-hoa"), c => c.Id == "crime-reduction");
        Assert.DoesNotContain(compact.CriteriaAssignedTo("ha-tinh"), c => c.Id == "crime-reduction");
        Assert.Contains(compact.CriteriaAssignedTo("ha-tinh"), c => c.Id == "ministry-targets");
    }
}

using Compacts.Domain.Evidence;

namespace Compacts.Domain.Tests.Evidence;

public class RequiredEvidenceTests
{
    private static readonly Period March = new(2024, 3);

    private static Compact AllRequired() => Drafts.Valid(
        Drafts.Quantitative() with { Evidence = "required" },
        Drafts.Qualitative() with { Evidence = "required" },
        Drafts.Occurrence() with { Evidence = "required" },
        Drafts.Adjustment() with { Evidence = "required" });

    private static Dictionary<string, ReportValue> Scoring() => new(StringComparer.Ordinal)
    {
        // nghe-an's baseline 2650 over three months is 662.5: 600 crimes is a 9.4% reduction.
        ["crime-reduction"] = ReportValue.Of(600),
        ["ministry-targets"] = ReportValue.Of(true),
        ["charity-houses"] = ReportValue.Of(2),
        ["bonus"] = ReportValue.Of(1),
    };

    [Fact]
    public void Every_required_criterion_with_a_scoring_value_and_no_evidence_is_missing_in_compact_order()
    {
        var missing = RequiredEvidence.Missing(AllRequired(), March, "nghe-an", Scoring(), new HashSet<string>());

        Assert.Equal(["crime-reduction", "ministry-targets", "charity-houses", "bonus"], missing);
    }

    [Fact]
    public void Evidence_for_a_criterion_satisfies_it()
    {
        var missing = RequiredEvidence.Missing(AllRequired(), March, "nghe-an", Scoring(), new HashSet<string> { "crime-reduction", "bonus" });

        Assert.Equal(["ministry-targets", "charity-houses"], missing);
    }

    [Fact]
    public void Values_that_score_nothing_need_no_evidence()
    {
        var values = new Dictionary<string, ReportValue>(StringComparer.Ordinal)
        {
            ["crime-reduction"] = ReportValue.Of(662.5m), // exactly the baseline: r = 0
            ["ministry-targets"] = ReportValue.Of(false),
            ["charity-houses"] = ReportValue.Of(0),
            ["bonus"] = ReportValue.Of(0),
        };

        Assert.Empty(RequiredEvidence.Missing(AllRequired(), March, "nghe-an", values, new HashSet<string>()));
    }

    [Fact]
    public void An_absent_value_needs_no_evidence()
    {
        Assert.Empty(RequiredEvidence.Missing(AllRequired(), March, "nghe-an", new Dictionary<string, ReportValue>(), new HashSet<string>()));
    }

    [Fact]
    public void A_negative_adjustment_scores_and_needs_evidence()
    {
        var compact = Drafts.Valid(Drafts.Qualitative(), Drafts.Adjustment() with { Min = -2, Evidence = "required" });

        Assert.Equal(["bonus"], RequiredEvidence.Missing(compact, March, "nghe-an",
            new Dictionary<string, ReportValue> { ["bonus"] = ReportValue.Of(-1) }, new HashSet<string>()));
    }

    [Fact]
    public void Criteria_that_ask_for_no_evidence_are_never_missing()
    {
        Assert.Empty(RequiredEvidence.Missing(Drafts.Valid(), March, "nghe-an", Scoring(), new HashSet<string>()));
    }

    [Fact]
    public void A_quantitative_criterion_not_assigned_to_the_unit_is_not_asked()
    {
        Assert.Empty(RequiredEvidence.Missing(AllRequired(), March, "ha-tinh",
            new Dictionary<string, ReportValue> { ["crime-reduction"] = ReportValue.Of(1) }, new HashSet<string>()));
    }

    [Fact]
    public void A_worse_figure_than_the_baseline_scores_nothing()
    {
        Assert.False(RequiredEvidence.Scores(AllRequired().AllCriteria().First(), ReportValue.Of(700), "nghe-an", 3));
    }
}

using Compacts.Domain.Review;
using Compacts.Domain.Scoring;
using static Compacts.Domain.Tests.Scoring;

namespace Compacts.Domain.Tests;

public class StandingsEngineTests
{
    private static readonly Period June = new(2024, 6);

    [Fact]
    public void In_the_worked_example_the_leader_scores_full_points_and_the_others_their_share_of_its_excess()
    {
        var criterion = Quantitative("x", 20, Direction.Increase, Measure.Absolute, Accrual.Cumulative, ScoringMethod.LeaderRelative,
            ("a", 120, null), ("b", 120, null), ("c", 120, null));
        var compact = Compact(["a", "b", "c"], 0.5m, [criterion]);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("x", 90)), Unit("b", 6, ("x", 66)), Unit("c", 6, ("x", 30))]);

        Assert.Equal(20, rows.Row("a").Criteria["x"]);
        Assert.Equal(12, rows.Row("b").Criteria["x"]);
        Assert.Equal(5, rows.Row("c").Criteria["x"]);
        Assert.Equal([100.0m, 60.0m, 25.0m], rows.Select(r => r.Score!.Value));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank!.Value));
        Assert.Equal(1, rows.Row("b").Exceeded);
        Assert.Equal(0, rows.Row("c").Exceeded);
    }

    [Fact]
    public void A_confirms_corrected_values_are_what_the_worked_example_scores()
    {
        // The worked example with a bonus (adjustment 0..2). Reported: a 90 and bonus 2, b 66, c 30. The reviewer corrects a's 90
        // to 72 and removes its bonus, and gives c the bonus 1 it left empty. Month 6: t = 120 × 6/12 = 60.
        // r: a 72/60 = 1.2, b 66/60 = 1.1, c 30/60 = 0.5; L = 0.2. a: 10 + 10 × 0.2/0.2 = 20; b: 10 + 10 × 0.1/0.2 = 15;
        // c: 0.5 × 20 × 0.5 = 5, total 5 + 1 = 6. Scores on assignedMax 20: 100, 75, 30.
        // (As reported: L = 0.5; a 20 + 2 → 110, b 10 + 10 × 0.1/0.5 = 12 → 60, c 5 → 25.)
        var criterion = Quantitative("x", 20, Direction.Increase, Measure.Absolute, Accrual.Cumulative, ScoringMethod.LeaderRelative,
            ("a", 120, null), ("b", 120, null), ("c", 120, null));
        var compact = Compact(["a", "b", "c"], 0.5m, [criterion, Adjustment("bonus", 0, 2)]);
        var reported = new[] { Unit("a", 6, ("x", 90), ("bonus", 2)), Unit("b", 6, ("x", 66)), Unit("c", 6, ("x", 30)) };
        var reviews = new Dictionary<string, ReviewInput>
        {
            ["a"] = new(1, "confirm", "", new Dictionary<string, ReviewItemInput>
            {
                ["x"] = new(true, new NumberInput("72"), "Theo số liệu thống kê ngành"),
                ["bonus"] = new(true, new OtherInput("Null"), "Không có quyết định khen"),
            }),
            ["b"] = new(1, "confirm", "", new Dictionary<string, ReviewItemInput> { ["x"] = new(true, new NumberInput("66"), null) }),
            ["c"] = new(1, "confirm", "", new Dictionary<string, ReviewItemInput> { ["bonus"] = new(true, new NumberInput("1"), "Được Bộ khen đột xuất") }),
        };

        var confirmed = reported.Select(u =>
        {
            var (body, errors) = ReviewValidator.Validate(compact, u.UnitId, reviews[u.UnitId], u.Current!);
            Assert.True(errors.IsEmpty);
            return u with { Current = EffectiveValues.Of(u.Current!, body!.Items) };
        }).ToList();
        var before = StandingsEngine.Compute(compact, June, reported);
        var rows = StandingsEngine.Compute(compact, June, confirmed);

        Assert.Equal([110m, 60m, 25m], before.Select(r => r.Score!.Value));
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.UnitId));
        Assert.Equal([20m, 15m, 5m], rows.Select(r => r.Criteria["x"]));
        Assert.Equal([0m, 0m, 1m], rows.Select(r => r.Adjustments!.Value));
        Assert.Equal([20m, 15m, 6m], rows.Select(r => r.Total!.Value));
        Assert.Equal([100m, 75m, 30m], rows.Select(r => r.Score!.Value));
        Assert.All(rows, r => Assert.Null(r.ReviewState)); // the service fills it in
    }

    public static TheoryData<string, Criterion, object, decimal> CriterionCases => new()
    {
        // linear, absolute, increase, cumulative: t = 100 × 6/12 = 50
        { "linear half way", Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Cumulative, ScoringMethod.Linear, ("a", 100, null)), 25, 5 },
        { "linear capped at full points", Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Cumulative, ScoringMethod.Linear, ("a", 100, null)), 80, 10 },
        { "linear at zero", Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Cumulative, ScoringMethod.Linear, ("a", 100, null)), 0, 0 },
        // rate: t = target, whatever the month
        { "linear rate", Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 40, null)), 30, 7.5m },
        // percentChange decrease, cumulative: b = 1200 × 6/12 = 600; v = 585 → a = 2.5m% → r = 0.5m of 5%
        { "crime reduced by half the target", Quantitative("x", 20, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.Linear, ("a", 5, 1200)), 585, 10 },
        // v = 630 → a = −5% → r = −1 → linear clamps to 0
        { "crime increased", Quantitative("x", 20, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.Linear, ("a", 5, 1200)), 630, 0 },
        // leaderRelative below target: 0.5m × MS × r; r = (600 − 588)/600×100 / 5 = 0.4m → 4
        { "leaderRelative below target", Quantitative("x", 20, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.LeaderRelative, ("a", 5, 1200)), 588, 4 },
        // leaderRelative with negative r: max(r, 0) = 0
        { "leaderRelative with negative achievement", Quantitative("x", 20, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.LeaderRelative, ("a", 5, 1200)), 700, 0 },
        // leaderRelative above target, alone: it is its own leader, e = L → full points
        { "leaderRelative leader alone", Quantitative("x", 20, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.LeaderRelative, ("a", 5, 1200)), 540, 20 },
        // percentChange increase, rate: b = 200; v = 230 → a = 15% → r = 1.5m of 10% → linear caps
        { "percent increase on a rate", Quantitative("x", 10, Direction.Increase, Measure.PercentChange, Accrual.Rate, ScoringMethod.Linear, ("a", 10, 200)), 210, 5 },
        { "qualitative achieved", Qualitative("x", 15), true, 15 },
        { "qualitative not achieved", Qualitative("x", 15), false, 0 },
        { "occurrences below the cap", Occurrence("x", 10, 2.5m), 3, 7.5m },
        { "occurrences capped at maxPoints", Occurrence("x", 10, 2.5m), 5, 10 },
        { "no occurrences", Occurrence("x", 10, 2.5m), 0, 0 },
    };

    [Theory]
    [MemberData(nameof(CriterionCases))]
    public void Each_criterion_type_scores_as_the_rules_say(string because, Criterion criterion, object value, decimal expected)
    {
        var compact = Compact(["a"], 0.5m, [criterion]);

        var row = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("x", value))]).Single();

        Assert.Equal((because, expected), (because, row.Criteria["x"]));
        Assert.Equal(StandingsEngine.Round2(expected / criterion.MaxPoints!.Value * 100), row.Score);
    }

    [Fact]
    public void Adjustments_are_clamped_absent_ones_are_zero_and_they_never_count_in_assignedMax()
    {
        var compact = Compact(["a", "b", "c"], 0.5m, [Qualitative("q", 10), Adjustment("bonus", 0, 2), Adjustment("minus", -2, 0)]);

        var rows = StandingsEngine.Compute(compact, June, [
            Unit("a", 6, ("q", true), ("bonus", 1.5m)),
            Unit("b", 6, ("q", true), ("bonus", 2), ("minus", -1)),
            Unit("c", 6, ("q", true))]);

        Assert.All(rows, r => Assert.Equal(10, r.AssignedMax));
        Assert.Equal(1.5m, rows.Row("a").Adjustments);
        Assert.Equal(11.5m, rows.Row("a").Total);
        Assert.Equal(115, rows.Row("a").Score);
        Assert.Equal(1, rows.Row("b").Adjustments);
        Assert.Equal(0, rows.Row("c").Adjustments);
        Assert.Equal(0, rows.Row("c").Criteria["bonus"]);
    }

    [Fact]
    public void A_unit_without_a_target_is_not_assigned_and_its_score_is_on_its_own_assignedMax()
    {
        var compact = Compact(["a", "b"], 0.5m, [
            Quantitative("x", 20, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 10, null)),
            Qualitative("q", 10)]);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("x", 5), ("q", true)), Unit("b", 6, ("q", true))]);

        Assert.Equal(30, rows.Row("a").AssignedMax);
        Assert.Equal(20, rows.Row("a").Base);
        Assert.Equal(66.67m, rows.Row("a").Score);
        Assert.Equal(10, rows.Row("b").AssignedMax);
        Assert.Equal(100, rows.Row("b").Score);
        Assert.False(rows.Row("b").Criteria.ContainsKey("x"));
        Assert.Equal(["b", "a"], rows.Select(r => r.UnitId));
    }

    [Fact]
    public void The_leader_on_a_leaderRelative_criterion_is_measured_among_ranked_units_only()
    {
        var criterion = Quantitative("x", 20, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.LeaderRelative,
            ("a", 100, null), ("b", 100, null), ("c", 100, null));
        var compact = Compact(["a", "b", "c"], 0.5m, [criterion]);
        var unreported = new UnitInput("c", "C", new Dictionary<int, DateTimeOffset>(), null);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("x", 150)), Unit("b", 6, ("x", 125)), unreported]);

        Assert.Equal(20, rows.Row("a").Criteria["x"]); // e = 0.5m = L
        Assert.Equal(15, rows.Row("b").Criteria["x"]); // 10 + 10 × 0.25m / 0.5m
    }

    [Fact]
    public void A_unit_without_a_report_is_not_ranked_but_listed_last_with_its_late_months()
    {
        var compact = Compact(["a", "b", "c"], 0.5m, [Qualitative("q", 10)]);
        var missingJune = new UnitInput("b", "B", Enumerable.Range(1, 5).ToDictionary(k => k, OnTime), null);
        var never = new UnitInput("a", "A", new Dictionary<int, DateTimeOffset>(), null);

        var rows = StandingsEngine.Compute(compact, June, [never, missingJune, Unit("c", 6, ("q", false))]);

        Assert.Equal(["c", "a", "b"], rows.Select(r => r.UnitId));
        Assert.Equal(1, rows.Row("c").Rank);
        Assert.True(rows.Row("b").NotRanked);
        Assert.Null(rows.Row("b").Rank);
        Assert.Null(rows.Row("b").Score);
        Assert.Equal(1, rows.Row("b").LateMonths);
        Assert.Equal(6, rows.Row("a").LateMonths);
        Assert.Equal(3, rows.Row("a").Penalty);
    }

    [Fact]
    public void Late_and_missing_months_before_this_one_each_cost_the_late_penalty()
    {
        var compact = Compact(["a"], 0.5m, [Qualitative("q", 10)]);
        var receipts = new Dictionary<int, DateTimeOffset>
        {
            [1] = OnTime(1),
            [2] = Late(2), /* 3 missing */
            [4] = OnTime(4),
            [5] = Late(5),
            [6] = OnTime(6),
        };

        var row = StandingsEngine.Compute(compact, June, [new UnitInput("a", "A", receipts, Values(("q", true)))]).Single();

        Assert.Equal(3, row.LateMonths);
        Assert.Equal(1.5m, row.Penalty);
        Assert.Equal(8.5m, row.Total);
        Assert.Equal(85, row.Score);
    }

    [Fact]
    public void The_scored_month_itself_counts_when_its_first_revision_was_late()
    {
        var compact = Compact(["a"], 0.5m, [Qualitative("q", 10)]);
        var receipts = Enumerable.Range(1, 6).ToDictionary(k => k, k => k == 6 ? Late(6) : OnTime(k));

        var row = StandingsEngine.Compute(compact, June, [new UnitInput("a", "A", receipts, Values(("q", true)))]).Single();

        Assert.Equal(1, row.LateMonths);
        Assert.Equal(95, row.Score);
    }

    [Fact]
    public void The_December_report_is_on_time_until_5_January_17_00_of_the_next_year()
    {
        var compact = Compact(["a", "b"], 0.5m, [Qualitative("q", 10)]);
        var due = new DateTimeOffset(2025, 1, 5, 17, 0, 0, TimeSpan.FromHours(7));
        UnitInput With(string id, DateTimeOffset december) =>
            new(id, id, Enumerable.Range(1, 12).ToDictionary(k => k, k => k == 12 ? december : OnTime(k)), Values(("q", true)));

        var rows = StandingsEngine.Compute(compact, new Period(2024, 12), [With("a", due), With("b", due.AddSeconds(1))]);

        Assert.Equal(0, rows.Row("a").LateMonths);
        Assert.Equal(1, rows.Row("b").LateMonths);
    }

    [Fact]
    public void Tie_break_1_the_higher_score_ranks_first()
    {
        var compact = Compact(["a", "z"], 0.5m, [Qualitative("q1", 10), Qualitative("q2", 5)]);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("q1", false), ("q2", true)), Unit("z", 6, ("q1", true), ("q2", false))]);

        Assert.Equal(["z", "a"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Tie_break_2_on_equal_scores_the_first_contents_points_decide()
    {
        var compact = Compact(["a", "z"], 0.5m, [Qualitative("q1", 10)], [Qualitative("q2", 10)]);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("q1", false), ("q2", true)), Unit("z", 6, ("q1", true), ("q2", false))]);

        Assert.Equal(rows[0].Score, rows[1].Score);
        Assert.Equal(["z", "a"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Tie_break_3_then_the_number_of_targets_exceeded()
    {
        var compact = Compact(["a", "z"], 0.5m, [Qualitative("q", 10)],
            [Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 10, null), ("z", 10, null))]);

        var rows = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("q", true), ("x", 10)), Unit("z", 6, ("q", true), ("x", 20))]);

        Assert.Equal(rows[0].Score, rows[1].Score);
        Assert.Equal(["z", "a"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 0], rows.Select(r => r.Exceeded!.Value));
        Assert.Equal([1, 2], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Tie_break_4_then_fewer_late_months()
    {
        // z was late once (−0.5m) and has a 0.5m bonus in the second content: same score, same first content, same exceeded.
        var compact = Compact(["a", "z"], 0.5m, [Qualitative("q", 10)], [Adjustment("bonus", 0, 2)]);
        var lateOnce = new UnitInput("a", "A", Enumerable.Range(1, 6).ToDictionary(k => k, k => k == 2 ? Late(2) : OnTime(k)), Values(("q", true), ("bonus", 0.5m)));

        var rows = StandingsEngine.Compute(compact, June, [lateOnce, Unit("z", 6, ("q", true))]);

        Assert.Equal(rows[0].Score, rows[1].Score);
        Assert.Equal(["z", "a"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Units_equal_on_all_four_share_a_rank_and_the_next_rank_skips()
    {
        var compact = Compact(["a", "b", "c", "d"], 0.5m, [Qualitative("q1", 10), Qualitative("q2", 10)]);

        var rows = StandingsEngine.Compute(compact, June, [
            Unit("d", 6, ("q1", false), ("q2", false)),
            Unit("c", 6, ("q1", true), ("q2", false)),
            Unit("b", 6, ("q1", true), ("q2", false)),
            Unit("a", 6, ("q1", true), ("q2", true))]);

        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank!.Value));
    }

    [Theory]
    [InlineData("1.005", "1.01")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("2.675", "2.68")]
    [InlineData("66.666666", "66.67")]
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("93.25", "93.25")]
    public void Round2_rounds_half_away_from_zero(string value, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(decimal.Parse(expected, inv), StandingsEngine.Round2(decimal.Parse(value, inv)));
    }

    [Fact]
    public void Only_the_results_are_rounded_not_the_steps()
    {
        // Three criteria each worth 10/3 points: rounding each step would give 3.33 × 3 = 9.99, not 10.
        var compact = Compact(["a"], 0.5m, [
            Quantitative("x", 10, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 3, null)),
            Quantitative("y", 10, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 3, null)),
            Quantitative("z", 10, Direction.Increase, Measure.Absolute, Accrual.Rate, ScoringMethod.Linear, ("a", 3, null))]);

        var row = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("x", 1), ("y", 1), ("z", 1))]).Single();

        Assert.Equal(3.33m, row.Criteria["x"]);
        Assert.Equal(10, row.Total);
        Assert.Equal(33.33m, row.Score);
    }

    [Fact]
    public void A_value_exactly_at_target_is_not_exceeded()
    {
        // +5 % of 100 × 1/12 is 8.75: r = 1 exactly for nghe-an, so only thanh-hoa exceeded its target.
        var criterion = Quantitative("x", 20, Direction.Increase, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.Linear,
            ("thanh-hoa", 5, 100), ("nghe-an", 5, 100));
        var compact = Compact(["thanh-hoa", "nghe-an"], 0.5m, [criterion]);

        var rows = StandingsEngine.Compute(compact, new Period(2024, 1), [Unit("thanh-hoa", 1, ("x", 9)), Unit("nghe-an", 1, ("x", 8.75m))]);

        Assert.Equal((1, 1), (rows.Row("thanh-hoa").Rank!.Value, rows.Row("thanh-hoa").Exceeded!.Value));
        Assert.Equal((2, 0), (rows.Row("nghe-an").Rank!.Value, rows.Row("nghe-an").Exceeded!.Value));
    }

    [Fact]
    public void Under_leaderRelative_a_value_exactly_at_target_scores_half_the_points()
    {
        var criterion = Quantitative("x", 20, Direction.Increase, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.LeaderRelative,
            ("thanh-hoa", 5, 100), ("nghe-an", 5, 100));
        var compact = Compact(["thanh-hoa", "nghe-an"], 0.5m, [criterion]);

        var rows = StandingsEngine.Compute(compact, new Period(2024, 1), [Unit("thanh-hoa", 1, ("x", 8.75m)), Unit("nghe-an", 1, ("x", 8.5m))]);

        Assert.Equal(10m, rows.Row("thanh-hoa").Criteria["x"]);
        Assert.Equal(50m, rows.Row("thanh-hoa").Score);
    }

    [Fact]
    public void Round2_of_an_exact_midpoint_rounds_away_from_zero()
    {
        // percentChange/rate/linear, MS 7.5, target 0.5, baseline 400, value 400.14: a = 0.035 %, r = 0.07, score 0.525 exactly.
        var criterion = Quantitative("x", 7.5m, Direction.Increase, Measure.PercentChange, Accrual.Rate, ScoringMethod.Linear, ("a", 0.5m, 400));
        var compact = Compact(["a"], 0.5m, [criterion]);

        var row = StandingsEngine.Compute(compact, new Period(2024, 1), [Unit("a", 1, ("x", 400.14m))]).Single();

        Assert.Equal(0.53m, row.Criteria["x"]);
        Assert.Equal(0.53m, row.Base);
    }

    [Fact]
    public void A_negative_total_at_a_midpoint_rounds_away_from_zero()
    {
        // 0.525 − 0.66 = −0.135 → −0.14.
        var compact = Compact(["a"], 0.66m, [
            Quantitative("x", 7.5m, Direction.Increase, Measure.PercentChange, Accrual.Rate, ScoringMethod.Linear, ("a", 0.5m, 400))]);
        var late = new UnitInput("a", "A", new Dictionary<int, DateTimeOffset> { [1] = Late(1) }, Values(("x", 400.14m)));

        var row = StandingsEngine.Compute(compact, new Period(2024, 1), [late]).Single();

        Assert.Equal(-0.14m, row.Total);
    }

    [Fact]
    public void AssignedMax_is_the_exact_decimal_sum()
    {
        var compact = Compact(["a"], 0.5m, [Qualitative("p", 0.1m), Qualitative("q", 0.2m)]);

        var row = StandingsEngine.Compute(compact, June, [Unit("a", 6, ("p", true), ("q", true))]).Single();

        Assert.Equal(0.3m, row.AssignedMax);
        Assert.Equal("0.3", row.AssignedMax.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100m, row.Score);
    }

    [Fact]
    public void Extreme_numbers_within_the_bounds_score_without_overflow()
    {
        var compact = Compact(["a", "b"], 1000m, [
            Quantitative("x", 0.000001m, Direction.Decrease, Measure.PercentChange, Accrual.Cumulative, ScoringMethod.LeaderRelative,
                ("a", 0.000001m, 1_000_000_000_000m), ("b", 1_000_000_000_000m, 0.000001m)),
            Occurrence("o", 1000, 0.000001m),
            Adjustment("adj", -1000, 1000)]);

        var rows = StandingsEngine.Compute(compact, new Period(2024, 12), [
            Unit("a", 12, ("x", 0), ("o", 1_000_000_000), ("adj", -1000)),
            Unit("b", 12, ("x", 1_000_000_000_000m), ("o", 0), ("adj", 1000))]);

        Assert.All(rows, r => Assert.NotNull(r.Score));
        Assert.Equal(0m, rows.Row("a").Criteria["x"]); // the leader's full 0.000001 points, rounded to 2 decimals
    }
}

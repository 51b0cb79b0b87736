namespace Compacts.Domain.Tests.Reference;

public class ReferenceStandingsTests
{
    private static readonly RefReporting Defaults = new(5, new TimeOnly(17, 0), N("0.5"), 10);

    [Fact]
    public void Worked_example_scores_A_20_B_12_C_5()
    {
        var q = LeaderRelative("q", "20", ("A", "120"), ("B", "120"), ("C", "120"));
        var compact = Compact([q], "A", "B", "C");

        var rows = ReferenceStandings.Compute(compact, 6, [OnTime(compact, "C", 6, ("q", "30")), OnTime(compact, "A", 6, ("q", "90")), OnTime(compact, "B", 6, ("q", "66"))]);

        Assert.Equal(["A", "B", "C"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank));
        Assert.Equal([N("20"), N("12"), N("5")], rows.Select(r => r.Criteria["q"]));
        Assert.Equal([N("100"), N("60"), N("25")], rows.Select(r => r.Score!.Value));
        Assert.Equal([1, 1, 0], rows.Select(r => r.Exceeded!.Value));
        Assert.All(rows, r => Assert.Equal(N("20"), r.AssignedMax));
    }

    [Fact]
    public void Value_exactly_at_target_is_not_exceeded_and_scores_half_the_maximum_under_leaderRelative()
    {
        var absolute = LeaderRelative("abs", "20", ("A", "120"), ("B", "120"));
        var decrease = new RefCriterion("dec", "quantitative", N("10"), "decrease", "percentChange", "cumulative", "leaderRelative",
            Targets(("A", new RefTarget(N("5"), N("200"))), ("B", new RefTarget(N("5"), N("200")))));
        var compact = Compact([absolute, decrease], "A", "B");

        // Month 6: t = 60 for abs; b = 100 for dec, so 95 is exactly 5% less.
        var rows = ReferenceStandings.Compute(compact, 6,
            [OnTime(compact, "A", 6, ("abs", "60"), ("dec", "95")), OnTime(compact, "B", 6, ("abs", "90"), ("dec", "90"))]);

        var a = rows.Single(r => r.UnitId == "A");
        Assert.Equal(0, a.Exceeded);
        Assert.Equal(N("10"), a.Criteria["abs"]);
        Assert.Equal(N("5"), a.Criteria["dec"]);
        var b = rows.Single(r => r.UnitId == "B");
        Assert.Equal(2, b.Exceeded);
        Assert.Equal(N("20"), b.Criteria["abs"]);
        Assert.Equal(N("10"), b.Criteria["dec"]);
    }

    [Theory]
    [InlineData("0.525", "0.53")]
    [InlineData("-0.135", "-0.14")]
    [InlineData("2.675", "2.68")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("0.524999", "0.52")]
    [InlineData("-0.134999", "-0.13")]
    [InlineData("7", "7")]
    public void Round2_rounds_an_exact_midpoint_away_from_zero(string value, string expected) =>
        Assert.Equal(N(expected), N(value).Round2());

    [Fact]
    public void Score_and_total_are_rounded_half_away_from_zero()
    {
        var compact = Compact([Qualitative("ok", "1"), Adjustment("adj", "-10", "10")], "A", "B");

        var rows = ReferenceStandings.Compute(compact, 1,
            [OnTime(compact, "A", 1, ("ok", true), ("adj", "0.00525")), OnTime(compact, "B", 1, ("ok", false), ("adj", "-0.00135"))]);

        Assert.Equal(N("100.53"), rows[0].Score);
        Assert.Equal(N("1.01"), rows[0].Total);
        Assert.Equal(N("0.01"), rows[0].Adjustments);
        Assert.Equal(N("-0.14"), rows[1].Score);
        Assert.Equal(N("0"), rows[1].Total);
    }

    [Fact]
    public void Linear_clamps_r_to_0_and_1_and_occurrences_stop_at_the_maximum()
    {
        var growth = new RefCriterion("g", "quantitative", N("10"), "increase", "percentChange", "rate", "linear",
            Targets(("A", new RefTarget(N("10"), N("200"))), ("B", new RefTarget(N("10"), N("200")))));
        var events = new RefCriterion("o", "occurrence", N("3"), PointsEach: N("0.75"));
        var compact = Compact([growth, events], "A", "B");

        // A: a = (190 - 200) / 200 * 100 = -5, r = -0.5. B: a = 15, r = 1.5; B reports 5 x 0.75 = 3.75 > 3.
        var rows = ReferenceStandings.Compute(compact, 3,
            [OnTime(compact, "A", 3, ("g", "190"), ("o", "2")), OnTime(compact, "B", 3, ("g", "230"), ("o", "5"))]);

        var a = rows.Single(r => r.UnitId == "A");
        Assert.Equal(BigRational.Zero, a.Criteria["g"]);
        Assert.Equal(N("1.5"), a.Criteria["o"]);
        var b = rows.Single(r => r.UnitId == "B");
        Assert.Equal(N("10"), b.Criteria["g"]);
        Assert.Equal(N("3"), b.Criteria["o"]);
        Assert.Equal(1, b.Exceeded);
    }

    [Fact]
    public void The_reference_sums_assignedMax_exactly()
    {
        var compact = Compact([Qualitative("a", "0.1"), Qualitative("b", "0.2")], "A");

        var row = ReferenceStandings.Compute(compact, 1, [OnTime(compact, "A", 1, ("a", true), ("b", true))]).Single();

        Assert.Equal(N("0.3"), row.AssignedMax);
        Assert.Equal("0.3", row.AssignedMax.ToString());
        Assert.Equal(N("100"), row.Score);
    }

    [Fact]
    public void A_quantitative_criterion_without_a_target_for_the_unit_is_left_out_of_its_assignedMax()
    {
        var compact = Compact([LeaderRelative("q", "20", ("A", "10")), Qualitative("ok", "5")], "A", "B");

        var rows = ReferenceStandings.Compute(compact, 12, [OnTime(compact, "A", 12, ("q", "10"), ("ok", true)), OnTime(compact, "B", 12, ("ok", true))]);

        Assert.Equal(N("25"), rows.Single(r => r.UnitId == "A").AssignedMax);
        var b = rows.Single(r => r.UnitId == "B");
        Assert.Equal(N("5"), b.AssignedMax);
        Assert.False(b.Criteria.ContainsKey("q"));
        Assert.Equal(N("100"), b.Score);
    }

    [Fact]
    public void A_unit_with_no_assigned_maximum_scores_zero()
    {
        var compact = Compact([Adjustment("adj", "0", "5")], "A");

        var row = ReferenceStandings.Compute(compact, 1, [OnTime(compact, "A", 1, ("adj", "3"))]).Single();

        Assert.Equal(BigRational.Zero, row.AssignedMax);
        Assert.Equal(N("3"), row.Total);
        Assert.Equal(BigRational.Zero, row.Score);
    }

    [Fact]
    public void Equal_units_share_a_rank_the_next_rank_is_skipped_and_equals_are_ordered_by_unitId()
    {
        var compact = Compact([Qualitative("x", "1"), Qualitative("y", "1")], "u4", "u3", "u2", "u1");

        var rows = ReferenceStandings.Compute(compact, 1,
        [
            OnTime(compact, "u4", 1, ("x", false), ("y", false)),
            OnTime(compact, "u3", 1, ("x", true), ("y", false)),
            OnTime(compact, "u2", 1, ("x", true), ("y", false)),
            OnTime(compact, "u1", 1, ("x", true), ("y", true)),
        ]);

        Assert.Equal(["u1", "u2", "u3", "u4"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_first_content_then_targets_exceeded_then_fewer_late_months()
    {
        var first = new RefContent("c1", [Qualitative("f", "1"), Linear("lin", "1", ("e2", "12"), ("e1", "12"), ("l1", "12"), ("l0", "12"))]);
        var second = new RefContent("c2", [Qualitative("s", "1")]);
        var compact = new RefCompact(2025, "Asia/Ho_Chi_Minh", Defaults with { LatePenalty = BigRational.Zero }, [first, second],
            ["a-second", "b-first", "e1", "e2", "l1", "l0"]);
        var lateFebruary = Late(compact, "l1", 2, ("f", true), ("lin", "0"), ("s", false));

        var rows = ReferenceStandings.Compute(compact, 2,
        [
            OnTime(compact, "a-second", 2, ("f", false), ("s", true)),
            OnTime(compact, "b-first", 2, ("f", true), ("s", false)),
            OnTime(compact, "e1", 2, ("f", false), ("lin", "2"), ("s", false)),
            OnTime(compact, "e2", 2, ("f", false), ("lin", "3"), ("s", false)),
            lateFebruary,
            OnTime(compact, "l0", 2, ("f", true), ("lin", "0"), ("s", false)),
        ]);

        // b-first and a-second: 50 each, first content 1 vs 0. The rest score 33.33 with first content 1:
        // e2 exceeded 1 (r = 1.5); e1 (r = 1) and l0 exceeded 0, late 0: equal; l1 is late once.
        Assert.Equal(["b-first", "a-second", "e2", "e1", "l0", "l1"], rows.Select(r => r.UnitId));
        Assert.Equal([1, 2, 3, 4, 4, 6], rows.Select(r => r.Rank));
        Assert.Equal(N("33.33"), rows[2].Score);
    }

    [Fact]
    public void Units_without_a_report_are_not_ranked_and_listed_last_by_unitId()
    {
        var compact = Compact([Qualitative("ok", "1")], "m", "0", "b", "a");

        var rows = ReferenceStandings.Compute(compact, 3,
        [
            OnTime(compact, "m", 3, ("ok", false)),
            OnTime(compact, "b", 2, ("ok", true)) with { Current = null },
        ]);

        Assert.Equal(["m", "0", "a", "b"], rows.Select(r => r.UnitId));
        Assert.Equal([false, true, true, true], rows.Select(r => r.NotRanked));
        Assert.Equal([1, null, null, null], rows.Select(r => r.Rank));
        var b = rows.Single(r => r.UnitId == "b");
        Assert.Null(b.Score);
        Assert.Null(b.Total);
        Assert.Empty(b.Criteria);
        Assert.Equal(1, b.LateMonths);
        Assert.Equal(3, rows.Single(r => r.UnitId == "a").LateMonths);
    }

    [Fact]
    public void Late_and_missing_months_each_cost_the_late_penalty()
    {
        var compact = Compact([Qualitative("ok", "10")], "A");
        var receipts = new Dictionary<int, DateTimeOffset>
        {
            [1] = ReferenceStandings.Due(compact, 1).AddDays(-3),
            [2] = ReferenceStandings.Due(compact, 2).AddMinutes(1), // late by a minute
            // 3: no report at all
            [4] = ReferenceStandings.Due(compact, 4), // exactly at due: on time
        };

        var row = ReferenceStandings.Compute(compact, 4, [new RefUnit("A", receipts, Values(("ok", true)))]).Single();

        Assert.Equal(2, row.LateMonths);
        Assert.Equal(N("1"), row.Penalty);
        Assert.Equal(N("9"), row.Total);
        Assert.Equal(N("90"), row.Score);
    }

    [Fact]
    public void The_month_being_computed_counts_when_its_report_is_late()
    {
        var compact = Compact([Qualitative("ok", "10")], "A");

        var row = ReferenceStandings.Compute(compact, 2, [Late(compact, "A", 2, ("ok", true))]).Single();

        Assert.Equal(1, row.LateMonths);
        Assert.Equal(N("0.5"), row.Penalty);
        Assert.Equal(N("95"), row.Score);
    }

    [Fact]
    public void Due_of_December_is_in_January_of_the_next_year_in_the_compact_zone()
    {
        var compact = Compact([Qualitative("ok", "1")], "A");

        Assert.Equal(DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ReferenceStandings.Due(compact, 12));
        Assert.Equal(TimeSpan.FromHours(7), ReferenceStandings.Due(compact, 12).Offset);
    }

    [Theory]
    [InlineData("Europe/Berlin", 30, "02:30", 2, "2025-03-30T01:30:00Z")] // gap 02:00-03:00: read at +01:00
    [InlineData("Europe/Berlin", 26, "02:30", 9, "2025-10-26T00:30:00Z")] // repeated 02:00-03:00: first, +02:00
    [InlineData("Europe/Berlin", 26, "03:00", 9, "2025-10-26T02:00:00Z")] // just after the repeated hour
    [InlineData("Europe/Berlin", 30, "01:59", 2, "2025-03-30T00:59:00Z")] // just before the gap
    [InlineData("Europe/Berlin", 30, "03:00", 2, "2025-03-30T01:00:00Z")] // the gap's end
    [InlineData("America/New_York", 9, "02:30", 2, "2025-03-09T07:30:00Z")] // gap 02:00-03:00: read at -05:00
    [InlineData("America/New_York", 2, "01:30", 10, "2025-11-02T05:30:00Z")] // repeated 01:00-02:00: first, -04:00
    [InlineData("America/New_York", 5, "17:00", 6, "2025-07-05T21:00:00Z")]
    public void Due_reads_a_gap_with_the_offset_before_it_and_a_repeated_hour_as_its_first_occurrence(
        string zone, int dueDay, string dueTime, int month, string expected)
    {
        var compact = Compact([Qualitative("ok", "1")], "A") with
        {
            TimeZone = zone,
            Reporting = Defaults with { DueDay = dueDay, DueTime = TimeOnly.Parse(dueTime, System.Globalization.CultureInfo.InvariantCulture) },
        };

        var due = ReferenceStandings.Due(compact, month);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void A_report_received_after_a_due_time_in_a_daylight_saving_gap_is_late()
    {
        // due(2) = 2025-03-09 02:30 in New York, inside the gap: 02:30 at -05:00 = 07:30Z.
        var compact = Compact([Qualitative("ok", "1")], "A") with
        {
            TimeZone = "America/New_York",
            Reporting = Defaults with { DueDay = 9, DueTime = new TimeOnly(2, 30) },
        };
        var january = ReferenceStandings.Due(compact, 1).AddDays(-1);
        DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        var onTime = new RefUnit("A", new Dictionary<int, DateTimeOffset> { [1] = january, [2] = At("2025-03-09T07:30:00Z") }, Values(("ok", true)));
        var late = onTime with { FirstReceipts = new Dictionary<int, DateTimeOffset> { [1] = january, [2] = At("2025-03-09T07:30:01Z") } };

        Assert.Equal(0, ReferenceStandings.Compute(compact, 2, [onTime]).Single().LateMonths);
        Assert.Equal(1, ReferenceStandings.Compute(compact, 2, [late]).Single().LateMonths);
    }

    [Fact]
    public void A_due_day_that_the_month_does_not_have_is_refused()
    {
        var compact = Compact([Qualitative("ok", "1")], "A") with { Reporting = Defaults with { DueDay = 30 } };

        Assert.Throws<ArgumentException>(() => ReferenceStandings.Due(compact, 1));
    }

    [Fact]
    public void A_confirmed_report_is_scored_on_the_reviews_values_where_it_gave_one()
    {
        var compact = Compact([Qualitative("ok", "10"), Adjustment("bonus", "0", "2"), Adjustment("extra", "0", "2")], "A", "B");
        var a = OnTime(compact, "A", 1, ("ok", false), ("bonus", "2")) with
        {
            Confirmed = new Dictionary<string, RefValue?> { ["ok"] = RefValue.Of(true), ["bonus"] = null, ["extra"] = RefValue.Of(N("0.5")) },
        };
        var b = OnTime(compact, "B", 1, ("ok", true), ("bonus", "1")); // not confirmed: as reported

        var rows = ReferenceStandings.Compute(compact, 1, [a, b]);

        var rowA = rows.Single(r => r.UnitId == "A");
        Assert.Equal(N("10"), rowA.Criteria["ok"]);
        Assert.Equal(N("0"), rowA.Criteria["bonus"]);
        Assert.Equal(N("0.5"), rowA.Adjustments);
        Assert.Equal(N("105"), rowA.Score);
        Assert.Equal(N("110"), rows.Single(r => r.UnitId == "B").Score);
    }

    [Theory]
    [InlineData("-12.345", -2469, 200)]
    [InlineData("1e3", 1000, 1)]
    [InlineData("2.5E-2", 1, 40)]
    [InlineData("+0.50", 1, 2)]
    [InlineData(".5", 1, 2)]
    [InlineData("-0", 0, 1)]
    public void BigRational_parses_decimal_strings_exactly(string text, long numerator, long denominator)
    {
        var value = BigRational.Parse(text);

        Assert.Equal(numerator, (long)value.Numerator);
        Assert.Equal(denominator, (long)value.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("abc")]
    public void BigRational_refuses_what_is_not_a_decimal(string text) =>
        Assert.Throws<FormatException>(() => BigRational.Parse(text));

    [Fact]
    public void BigRational_arithmetic_is_exact()
    {
        Assert.Equal(N("0.3"), N("0.1") + N("0.2"));
        Assert.Equal(new BigRational(1, 3), BigRational.One / 3);
        Assert.Equal(N("-0.06"), N("0.2") * N("-0.3"));
        Assert.True(new BigRational(2, 3) > N("0.666666"));
        Assert.Equal(N("-12.345"), BigRational.FromDecimal(-12.345m));
        Assert.Equal("-12.345", N("-12.345").ToString());
        Assert.Equal("1/3", new BigRational(2, 6).ToString());
    }

    private static BigRational N(string text) => BigRational.Parse(text);

    private static RefCompact Compact(IReadOnlyList<RefCriterion> criteria, params string[] members) =>
        new(2025, "Asia/Ho_Chi_Minh", Defaults, [new RefContent("c1", criteria)], members);

    private static RefCriterion LeaderRelative(string id, string maxPoints, params (string Unit, string Target)[] targets) =>
        new(id, "quantitative", N(maxPoints), "increase", "absolute", "cumulative", "leaderRelative",
            Targets(targets.Select(t => (t.Unit, new RefTarget(N(t.Target)))).ToArray()));

    private static RefCriterion Linear(string id, string maxPoints, params (string Unit, string Target)[] targets) =>
        new(id, "quantitative", N(maxPoints), "increase", "absolute", "cumulative", "linear",
            Targets(targets.Select(t => (t.Unit, new RefTarget(N(t.Target)))).ToArray()));

    private static RefCriterion Qualitative(string id, string maxPoints) => new(id, "qualitative", N(maxPoints));

    private static RefCriterion Adjustment(string id, string min, string max) => new(id, "adjustment", Min: N(min), Max: N(max));

    private static Dictionary<string, RefTarget> Targets(params (string Unit, RefTarget Target)[] targets) =>
        targets.ToDictionary(t => t.Unit, t => t.Target, StringComparer.Ordinal);

    /// <summary>A unit whose reports for months 1..month all arrived a day before they were due.</summary>
    private static RefUnit OnTime(RefCompact compact, string unitId, int month, params (string Id, object Value)[] values) =>
        new(unitId, Enumerable.Range(1, month).ToDictionary(k => k, k => ReferenceStandings.Due(compact, k).AddDays(-1)), Values(values));

    /// <summary>On time for months 1..month-1; month itself first arrived a second after it was due.</summary>
    private static RefUnit Late(RefCompact compact, string unitId, int month, params (string Id, object Value)[] values)
    {
        var unit = OnTime(compact, unitId, month, values);
        var receipts = new Dictionary<int, DateTimeOffset>(unit.FirstReceipts) { [month] = ReferenceStandings.Due(compact, month).AddSeconds(1) };
        return unit with { FirstReceipts = receipts };
    }

    private static Dictionary<string, RefValue> Values(params (string Id, object Value)[] values) =>
        values.ToDictionary(v => v.Id, v => v.Value switch
        {
            bool flag => RefValue.Of(flag),
            string number => RefValue.Of(N(number)),
            _ => throw new ArgumentException($"Unsupported value {v.Value}.", nameof(values)),
        }, StringComparer.Ordinal);
}

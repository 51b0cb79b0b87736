using Compacts.Domain.Scoring;

namespace Compacts.Domain.Tests;

/// <summary>Small compacts and reports for hand-computed scoring cases. Year 2024, Asia/Ho_Chi_Minh, due day 5 at 17:00.</summary>
internal static class Scoring
{
    public static Criterion Quantitative(string id, decimal ms, Direction direction, Measure measure, Accrual accrual, ScoringMethod method,
        params (string Unit, decimal Target, decimal? Baseline)[] targets) =>
        new(id, id, CriterionType.Quantitative)
        {
            MaxPoints = ms,
            Direction = direction,
            Measure = measure,
            Accrual = accrual,
            Method = method,
            Targets = targets.ToDictionary(t => t.Unit, t => new UnitTarget(t.Target, t.Baseline)),
        };

    public static Criterion Qualitative(string id, decimal ms) => new(id, id, CriterionType.Qualitative) { MaxPoints = ms };

    public static Criterion Occurrence(string id, decimal ms, decimal each) => new(id, id, CriterionType.Occurrence) { MaxPoints = ms, PointsEach = each };

    public static Criterion Adjustment(string id, decimal min, decimal max) => new(id, id, CriterionType.Adjustment) { Min = min, Max = max };

    public static Compact Compact(string[] units, decimal latePenalty, params Criterion[][] contents) => new(
        "Test", "Cụm", 2024, "Asia/Ho_Chi_Minh", new DateOnly(2024, 3, 14),
        units.Select((u, i) => new Member(u, i == 0 ? MemberRole.Head : MemberRole.Member)).ToList(),
        ReportingRules.Default with { LatePenalty = latePenalty },
        contents.Select((c, i) => new Content($"c{i + 1}", $"Nội dung {i + 1}", c)).ToList());

    /// <summary>The instant a report for month k arrives "on time": the 3rd of the next month, 09:00 local.</summary>
    public static DateTimeOffset OnTime(int month) =>
        new DateTimeOffset(month == 12 ? 2025 : 2024, month == 12 ? 1 : month + 1, 3, 9, 0, 0, TimeSpan.FromHours(7));

    public static DateTimeOffset Late(int month) => OnTime(month).AddDays(5);

    /// <summary>A unit that reported every month 1..m on time, with these values for month m.</summary>
    public static UnitInput Unit(string id, int m, params (string Criterion, object Value)[] values) =>
        new(id, id.ToUpperInvariant(), Enumerable.Range(1, m).ToDictionary(k => k, OnTime), Values(values));

    public static Dictionary<string, ReportValue> Values(params (string Criterion, object Value)[] values) =>
        values.ToDictionary(v => v.Criterion, v => v.Value is bool b ? ReportValue.Of(b) : ReportValue.Of(Convert.ToDecimal(v.Value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A value as a JSON body would bring it (a reviewer repeating or correcting it).</summary>
    public static InputValue Input(ReportValue value) =>
        value.Flag is { } flag ? new BooleanInput(flag) : new NumberInput(value.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static StandingRow Row(this IReadOnlyList<StandingRow> rows, string unitId) => rows.Single(r => r.UnitId == unitId);
}

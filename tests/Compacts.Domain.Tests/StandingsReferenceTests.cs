using System.Globalization;
using System.Text;
using Compacts.Domain.Review;
using Compacts.Domain.Scoring;
using Compacts.Domain.Tests.Reference;
using CsCheck;

namespace Compacts.Domain.Tests;

/// <summary>
/// The engine against the reference implementation (written from the rules' text alone, with exact rationals) on thousands of
/// generated compacts whose numbers sit where binary arithmetic breaks: values exactly at target, round2 midpoints, ties, the
/// bounds of the number rules, receipts exactly at the due instant, due times in daylight-saving gaps and repeated hours.
/// A disagreement fails with CsCheck's shrunk case printed.
/// </summary>
public class StandingsReferenceTests
{
    private static readonly string[] Zones =
        ["Asia/Ho_Chi_Minh", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC", "Pacific/Chatham", "America/Havana"];

    private static readonly TimeOnly[] DueTimes =
        [new(17, 0), new(2, 30), new(1, 30), new(0, 0), new(23, 59), new(3, 0), new(2, 0), new(0, 30), new(1, 0)];

    private static readonly decimal[] MaxPointsPool = [1, 2, 5, 7.5m, 10, 20, 0.1m, 0.2m, 0.3m, 1000, 0.000001m, 33.333333m, 12.5m];
    private static readonly decimal[] TargetPool = [1, 5, 0.5m, 12, 120, 100, 3, 7, 0.000001m, 1_000_000_000_000m, 2410, 0.3m, 36];
    private static readonly decimal[] BaselinePool = [100, 400, 1200, 2410, 0.000001m, 1_000_000_000_000m, 7, 3, 12, 0.5m];
    private static readonly decimal[] EachPool = [0.5m, 1, 2.5m, 0.000001m, 1000, 0.3m, 0.125m];
    private static readonly decimal[] MinPool = [0, -0.5m, -2, -1000, -0.135m, -0.005m];
    private static readonly decimal[] MaxPool = [0, 0.5m, 2, 1000, 0.525m, 0.005m];
    private static readonly decimal[] PenaltyPool = [0, 0.5m, 0.66m, 1, 1000, 0.135m, 0.005m];
    private static readonly decimal[] ValuePool = [0, 1, 8.75m, 9, 400.14m, 66, 90, 30, 0.000001m, 1_000_000_000_000m, 585, 2289.5m, 0.5m, 100.07m];
    private static readonly decimal[] CountPool = [0, 1, 3, 5, 1_000_000_000, 2, 7];
    private static readonly decimal[] RatioPool = [1, 1.5m, 1.1m, 0.5m, 2, 0.07m, 1.000001m, 0.999999m];

    private const int MaxUnits = 6;
    private const int MaxCriteria = 9;

    /// <summary>A case as small integers (indexes into the pools above), so CsCheck shrinks it; <see cref="Build"/> maps it.</summary>
    public sealed record Spec(int[] Header, int[][] Criteria, int[][] Units)
    {
        public override string ToString()
        {
            static string Arr(int[] a) => "[" + string.Join(",", a) + "]";
            return $"Header {Arr(Header)}; Criteria [{string.Join(" ", Criteria.Select(Arr))}]; Units [{string.Join(" ", Units.Select(Arr))}]";
        }
    }

    private static readonly Gen<Spec> Specs = Gen.Select(
        Gen.Int[0, 1000].Array[6],
        Gen.Int[0, 1000].Array[9].Array[1, MaxCriteria],
        Gen.Int[0, 1000].Array[12 + 1 + (2 * MaxCriteria)].Array[1, MaxUnits],
        (header, criteria, units) => new Spec(header, criteria, units));

    [Fact]
    public void The_engine_agrees_with_the_reference_implementation_on_generated_compacts()
    {
        Specs.Sample(spec =>
        {
            var (compact, refCompact, month, inputs, refUnits) = Build(spec);
            var expected = ReferenceStandings.Compute(refCompact, month, refUnits);
            var actual = StandingsEngine.Compute(compact, new Period(compact.Year, month), inputs);
            var difference = Compare(expected, actual);
            Assert.True(difference is null, $"{difference}\n{Describe(compact, month, inputs)}");
        }, iter: 3000, print: spec => spec.ToString());
    }

    /// <summary>Per unit: whether its report is confirmed, then per criterion (in compact order) what the confirming review does.</summary>
    private static readonly Gen<(Spec Spec, int[][] Reviews)> ReviewedSpecs = Gen.Select(
        Specs, Gen.Int[0, 1000].Array[1 + (2 * MaxCriteria)].Array[MaxUnits], (spec, reviews) => (spec, reviews));

    [Fact]
    public void A_confirmed_reports_corrected_values_score_as_the_reference_applies_the_review()
    {
        ReviewedSpecs.Sample(c =>
        {
            var (compact, refCompact, month, inputs, refUnits) = Build(c.Spec);
            Confirm(compact, month, c.Reviews, inputs, refUnits);
            var expected = ReferenceStandings.Compute(refCompact, month, refUnits);
            var actual = StandingsEngine.Compute(compact, new Period(compact.Year, month), inputs);
            var difference = Compare(expected, actual);
            Assert.True(difference is null, $"{difference}\n{Describe(compact, month, inputs)}");
        }, iter: 2000, print: c => $"{c.Spec}; Reviews [{string.Join(" ", c.Reviews.Select(r => "[" + string.Join(",", r) + "]"))}]");
    }

    /// <summary>
    /// Confirms the reports the review specs choose, with reviews that leave a criterion alone, comment on it, repeat the reported
    /// figure, remove an adjustment or give another figure: the engine gets <see cref="EffectiveValues.Of"/> of the validated review,
    /// the reference the reviewer's values as given (it applies them itself).
    /// </summary>
    private static void Confirm(Compact compact, int month, int[][] reviews, List<UnitInput> inputs, List<RefUnit> refUnits)
    {
        var order = compact.AllCriteria().ToList();
        for (var u = 0; u < inputs.Count; u++)
        {
            var (unit, review) = (inputs[u], reviews[u]);
            if (unit.Current is not { } reported || review[0] % 3 == 0)
            {
                continue; // no report, or not confirmed
            }

            var items = new Dictionary<string, ReviewItemInput>(StringComparer.Ordinal);
            var reviewed = new Dictionary<string, RefValue?>(StringComparer.Ordinal);
            for (var k = 0; k < order.Count; k++)
            {
                var criterion = order[k];
                var (kind, index) = (review[1 + (2 * k)] % 5, review[2 + (2 * k)]);
                if (!criterion.IsAssignedTo(unit.UnitId) || kind == 0)
                {
                    continue;
                }

                if (kind == 1)
                {
                    items[criterion.Id] = new ReviewItemInput(false, null, "Đã đối chiếu");
                    continue;
                }

                var value = kind switch
                {
                    2 when reported.TryGetValue(criterion.Id, out var same) => same,
                    3 when criterion.Type == CriterionType.Adjustment => null,
                    _ => Value(criterion, unit.UnitId, month, index / 3, index),
                };
                items[criterion.Id] = new ReviewItemInput(true, value is { } v ? Scoring.Input(v) : new OtherInput("Null"), "Theo số liệu ngành");
                reviewed[criterion.Id] = value is { } w ? ToReference(w) : null;
            }

            var (body, errors) = ReviewValidator.Validate(compact, unit.UnitId, new ReviewInput(1, "confirm", "", items), reported);
            Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
            inputs[u] = unit with { Current = EffectiveValues.Of(reported, body!.Items) };
            refUnits[u] = refUnits[u] with { Confirmed = reviewed };
        }
    }

    private static RefValue ToReference(ReportValue value) =>
        value.Flag is { } flag ? RefValue.Of(flag) : RefValue.Of(BigRational.FromDecimal(value.Number!.Value));

    private static string? Compare(IReadOnlyList<RefRow> expected, IReadOnlyList<StandingRow> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"row count {expected.Count} ≠ {actual.Count}";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var fields = new (string Name, string? Expected, string? Actual)[]
            {
                ("unitId", e.UnitId, a.UnitId),
                ("rank", e.Rank?.ToString(CultureInfo.InvariantCulture), a.Rank?.ToString(CultureInfo.InvariantCulture)),
                ("notRanked", e.NotRanked.ToString(), a.NotRanked.ToString()),
                ("score", Text(e.Score), Text(a.Score)),
                ("total", Text(e.Total), Text(a.Total)),
                ("assignedMax", Text(e.AssignedMax), Text(a.AssignedMax)),
                ("base", Text(e.Base), Text(a.Base)),
                ("adjustments", Text(e.Adjustments), Text(a.Adjustments)),
                ("penalty", Text(e.Penalty), Text(a.Penalty)),
                ("lateMonths", e.LateMonths.ToString(CultureInfo.InvariantCulture), a.LateMonths.ToString(CultureInfo.InvariantCulture)),
                ("exceeded", e.Exceeded?.ToString(CultureInfo.InvariantCulture), a.Exceeded?.ToString(CultureInfo.InvariantCulture)),
                ("criteria", string.Join(";", e.Criteria.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={Text(c.Value)}")),
                    string.Join(";", a.Criteria.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={Text(c.Value)}"))),
            };
            foreach (var (name, want, got) in fields)
            {
                if (want != got)
                {
                    return $"row {i} ({e.UnitId}): {name} expected {want ?? "null"}, engine gave {got ?? "null"}";
                }
            }
        }

        return null;
    }

    private static string? Text(BigRational? value) => value is { } v ? Text(decimal.Parse(Decimal(v), CultureInfo.InvariantCulture)) : null;

    private static string? Text(decimal? value) => value is { } v ? ExactNumbers.Normalize(v).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A round2 result is a terminating decimal: write it as one.</summary>
    private static string Decimal(BigRational value) =>
        ((decimal)value.Numerator / (decimal)value.Denominator).ToString(CultureInfo.InvariantCulture);

    private static T Pick<T>(T[] pool, int index) => pool[index % pool.Length];

    internal static (Compact, RefCompact, int Month, List<UnitInput>, List<RefUnit>) Build(Spec spec)
    {
        var h = spec.Header;
        var zone = Pick(Zones, h[0]);
        var dueDay = 1 + (h[1] % 28);
        var dueTime = Pick(DueTimes, h[2]);
        var penalty = Pick(PenaltyPool, h[3]);
        var month = 1 + (h[4] % 12);
        var unitIds = Enumerable.Range(0, spec.Units.Length).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var contentCount = 1 + (h[5] % 3);

        var criteria = new List<Criterion>();
        for (var k = 0; k < spec.Criteria.Length; k++)
        {
            var c = spec.Criteria[k];
            var id = $"k{k}";
            var type = (CriterionType)(c[0] % 4);
            var criterion = new Criterion(id, id, type);
            switch (type)
            {
                case CriterionType.Quantitative:
                    var measure = (Measure)(c[2] % 2);
                    var direction = measure == Measure.Absolute ? Direction.Increase : (Direction)(c[1] % 2);
                    var assigned = unitIds.Where((_, u) => ((c[7] >> u) & 1) == 0 || u == c[7] % unitIds.Length).ToArray();
                    criterion = criterion with
                    {
                        MaxPoints = Pick(MaxPointsPool, c[1] / 2),
                        Direction = direction,
                        Measure = measure,
                        Accrual = (Accrual)(c[3] % 2),
                        Method = (ScoringMethod)(c[4] % 2),
                        Targets = assigned.ToDictionary(
                            u => u,
                            u => new UnitTarget(
                                Pick(TargetPool, c[5] + (c[8] % 2 == 0 ? 0 : u[0])),
                                measure == Measure.PercentChange ? Pick(BaselinePool, c[6] + (c[8] % 3 == 0 ? 0 : u[0])) : null),
                            StringComparer.Ordinal),
                    };
                    break;
                case CriterionType.Qualitative:
                    criterion = criterion with { MaxPoints = Pick(MaxPointsPool, c[1]) };
                    break;
                case CriterionType.Occurrence:
                    criterion = criterion with { MaxPoints = Pick(MaxPointsPool, c[1]), PointsEach = Pick(EachPool, c[2]) };
                    break;
                default:
                    var min = Pick(MinPool, c[1]);
                    var max = Pick(MaxPool, c[2]);
                    criterion = criterion with { Min = min, Max = min == 0 && max == 0 ? 1 : max };
                    break;
            }

            criteria.Add(criterion);
        }

        var contents = Enumerable.Range(0, contentCount)
            .Select(i => new Content($"c{i}", $"c{i}", criteria.Where((_, k) => k % contentCount == i).ToList()))
            .Where(content => content.Criteria.Count > 0)
            .ToList();
        var reporting = ReportingRules.Default with { DueDay = dueDay, DueTime = dueTime, LatePenalty = penalty };
        var compact = new Compact("T", "C", 2024, zone, new DateOnly(2024, 1, 10),
            unitIds.Select((u, i) => new Member(u, i == 0 ? MemberRole.Head : MemberRole.Member)).ToList(), reporting, contents);
        var refCompact = ToReference(compact);

        var inputs = new List<UnitInput>();
        var refUnits = new List<RefUnit>();
        for (var u = 0; u < unitIds.Length; u++)
        {
            var row = spec.Units[u];
            var reported = row[12] % 5 != 0;
            var receipts = new Dictionary<int, DateTimeOffset>();
            for (var k = 1; k <= month; k++)
            {
                var due = ReferenceStandings.Due(refCompact, k);
                var kind = row[k - 1] % 6;
                if (k == month && reported && kind == 0)
                {
                    kind = 1;
                }

                DateTimeOffset? at = kind switch
                {
                    0 => null,
                    1 => due.AddDays(-1),
                    2 => due.AddDays(3),
                    3 => due,
                    4 => due.AddTicks(1),
                    _ => due.AddMinutes(-30),
                };
                if (at is { } instant)
                {
                    receipts[k] = instant.ToUniversalTime();
                }
            }

            Dictionary<string, ReportValue>? values = null;
            if (reported)
            {
                values = new Dictionary<string, ReportValue>(StringComparer.Ordinal);
                var order = compact.AllCriteria().ToList();
                for (var k = 0; k < order.Count; k++)
                {
                    var criterion = order[k];
                    if (!criterion.IsAssignedTo(unitIds[u]))
                    {
                        continue;
                    }

                    var (kind, index) = (row[13 + (2 * k)], row[14 + (2 * k)]);
                    if (Value(criterion, unitIds[u], month, kind, index) is { } value)
                    {
                        values[criterion.Id] = value;
                    }
                }
            }

            inputs.Add(new UnitInput(unitIds[u], unitIds[u], receipts, values));
            refUnits.Add(new RefUnit(unitIds[u], receipts, values?.ToDictionary(v => v.Key, v => ToReference(v.Value), StringComparer.Ordinal)));
        }

        return (compact, refCompact, month, inputs, refUnits);
    }

    /// <summary>A value of the criterion's type: often exactly at target, or at a chosen achievement ratio, or from a pool that makes ties.</summary>
    private static ReportValue? Value(Criterion criterion, string unitId, int month, int kind, int index)
    {
        switch (criterion.Type)
        {
            case CriterionType.Qualitative:
                return ReportValue.Of(index % 3 != 0);
            case CriterionType.Occurrence:
                return ReportValue.Of(Pick(CountPool, index));
            case CriterionType.Adjustment:
                return kind % 3 == 0 ? null : ReportValue.Of(Math.Clamp(Pick(ValuePool, index) * (index % 2 == 0 ? 1 : -1), criterion.Min!.Value, criterion.Max!.Value));
        }

        if (kind % 3 == 0)
        {
            return ReportValue.Of(Pick(ValuePool, index));
        }

        // v such that r = ratio: absolute a = v, t = target × f; percentChange a = ±(v − b)/b × 100 with b = baseline × f.
        var target = criterion.Targets![unitId];
        var ratio = kind % 3 == 1 ? 1 : Pick(RatioPool, index);
        var f = criterion.Accrual == Accrual.Cumulative ? month / 12m : 1m;
        decimal v;
        if (criterion.Measure == Measure.Absolute)
        {
            v = target.Target * f * ratio;
        }
        else
        {
            var b = target.Baseline!.Value * f;
            var change = b * target.Target * ratio / 100;
            v = criterion.Direction == Direction.Increase ? b + change : b - change;
        }

        return ReportValue.Of(Representable(Math.Clamp(v, 0, ReportValidator.MaxQuantity)));
    }

    /// <summary>The nearest value the number rules allow (at most 6 decimals and 15 significant digits).</summary>
    private static decimal Representable(decimal value)
    {
        for (var decimals = 6; decimals >= 0; decimals--)
        {
            var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            if (ExactNumbers.IsWithinPrecision(rounded))
            {
                return ExactNumbers.Normalize(rounded);
            }
        }

        return Math.Round(value, 0);
    }

    private static RefCompact ToReference(Compact compact) => new(
        compact.Year,
        compact.TimeZone,
        new RefReporting(compact.Reporting.DueDay, compact.Reporting.DueTime, BigRational.FromDecimal(compact.Reporting.LatePenalty),
            compact.Reporting.FinalizeAfterDays),
        compact.Contents.Select(content => new RefContent(content.Id, content.Criteria.Select(ToReference).ToList())).ToList(),
        compact.Members.Select(m => m.UnitId).ToList());

    private static RefCriterion ToReference(Criterion c) => new(
        c.Id,
        c.Type.ToString().ToLowerInvariant(),
        Rational(c.MaxPoints),
        c.Direction?.ToString().ToLowerInvariant(),
        c.Measure switch { Measure.Absolute => "absolute", Measure.PercentChange => "percentChange", _ => null },
        c.Accrual?.ToString().ToLowerInvariant(),
        c.Method switch { ScoringMethod.Linear => "linear", ScoringMethod.LeaderRelative => "leaderRelative", _ => null },
        c.Targets?.ToDictionary(t => t.Key, t => new RefTarget(BigRational.FromDecimal(t.Value.Target), Rational(t.Value.Baseline)), StringComparer.Ordinal),
        Rational(c.PointsEach),
        Rational(c.Min),
        Rational(c.Max));

    private static BigRational? Rational(decimal? value) => value is { } v ? BigRational.FromDecimal(v) : null;

    private static string Describe(Compact compact, int month, List<UnitInput> inputs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"month {month}, zone {compact.TimeZone}, due day {compact.Reporting.DueDay} {compact.Reporting.DueTime}, penalty {compact.Reporting.LatePenalty}\n");
        foreach (var c in compact.AllCriteria())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {c.Id} {c.Type} ms={c.MaxPoints} {c.Direction} {c.Measure} {c.Accrual} {c.Method} each={c.PointsEach} min={c.Min} max={c.Max}");
            if (c.Targets is { } targets)
            {
                text.Append(" targets " + string.Join(", ", targets.Select(t => $"{t.Key}:{t.Value.Target}/{t.Value.Baseline}")));
            }

            text.Append('\n');
        }

        foreach (var u in inputs)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {u.UnitId}: receipts {string.Join(",", u.FirstReceipts.OrderBy(r => r.Key).Select(r => $"{r.Key}@{r.Value:O}"))}; values ");
            text.Append(u.Current is null ? "none" : string.Join(", ", u.Current.Select(v => $"{v.Key}={(object?)v.Value.Number ?? v.Value.Flag}")));
            text.Append('\n');
        }

        return text.ToString();
    }
}

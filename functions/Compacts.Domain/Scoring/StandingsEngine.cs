using Compacts.Domain.Review;

namespace Compacts.Domain.Scoring;

/// <summary>What the engine needs of one member unit: when each month's report first arrived, and the current values of the scored month.</summary>
public sealed record UnitInput(
    string UnitId,
    string UnitName,
    IReadOnlyDictionary<int, DateTimeOffset> FirstReceipts,
    IReadOnlyDictionary<string, ReportValue>? Current);

/// <summary>
/// One unit's line in the standings. Ranked-only fields are null for a unit that is not ranked. <paramref name="ReviewState"/> is
/// the ranked report's review state, filled in by the caller after computing (the engine leaves it null; rows stored before review have none).
/// </summary>
public sealed record StandingRow(
    int? Rank,
    string UnitId,
    string UnitName,
    decimal? Score,
    decimal? Total,
    decimal AssignedMax,
    decimal? Base,
    decimal? Adjustments,
    decimal Penalty,
    int LateMonths,
    int? Exceeded,
    bool NotRanked,
    IReadOnlyDictionary<string, decimal> Criteria,
    ReviewState? ReviewState = null);

/// <summary>
/// The standings of one month, exactly as the scoring rules define them: every ratio, comparison with 1, the leader's excess, sum and
/// round2 is computed on exact fractions of the decimal numbers as written, so a value exactly at target has r = 1.
/// </summary>
public static class StandingsEngine
{
    private static readonly Rational Half = Rational.Of(1, 2);
    private static readonly Rational Hundred = Rational.Of(100);

    public static IReadOnlyList<StandingRow> Compute(Compact compact, Period period, IReadOnlyCollection<UnitInput> inputs)
    {
        if (period.Year != compact.Year)
        {
            throw new ArgumentException($"{period} is not a month of the compact's year {compact.Year}.", nameof(period));
        }

        var calendar = new CompactCalendar(compact);
        var m = period.Month;
        var byUnit = inputs.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        var units = compact.Members
            .Select(member => byUnit.GetValueOrDefault(member.UnitId) ?? new UnitInput(member.UnitId, member.UnitId, new Dictionary<int, DateTimeOffset>(), null))
            .ToArray();
        var criteria = compact.AllCriteria().ToArray();
        var inFirstContent = criteria.Select(c => compact.Contents[0].Criteria.Contains(c)).ToArray();
        var dueInstants = Enumerable.Range(1, m).Select(k => calendar.DueInstant(new Period(period.Year, k))).ToArray();

        // Achievement ratios of the quantitative criteria (null: not assigned or not ranked), needed before leaderRelative scores:
        // L spans the ranked units assigned the criterion.
        var ratios = new Rational?[units.Length, criteria.Length];
        var leaders = Enumerable.Repeat(Rational.Zero, criteria.Length).ToArray();
        for (var u = 0; u < units.Length; u++)
        {
            for (var k = 0; k < criteria.Length; k++)
            {
                var criterion = criteria[k];
                if (units[u].Current is { } values && criterion.Type == CriterionType.Quantitative && criterion.IsAssignedTo(units[u].UnitId))
                {
                    var r = Ratio(criterion, values, units[u].UnitId, m);
                    ratios[u, k] = r;
                    if (criterion.Method == ScoringMethod.LeaderRelative)
                    {
                        leaders[k] = Rational.Max(leaders[k], r - Rational.One);
                    }
                }
            }
        }

        var results = new List<Result>(units.Length);
        for (var u = 0; u < units.Length; u++)
        {
            var unit = units[u];
            var lateMonths = 0;
            for (var k = 1; k <= m; k++)
            {
                if (!unit.FirstReceipts.TryGetValue(k, out var first) || first > dueInstants[k - 1])
                {
                    lateMonths++;
                }
            }

            var penalty = compact.Reporting.LatePenalty * lateMonths;
            var assignedMax = 0m;
            var baseScore = Rational.Zero;
            var adjustments = 0m;
            var firstContentSum = Rational.Zero;
            var exceeded = 0;
            var scores = unit.Current is null ? null : new Dictionary<string, decimal>(criteria.Length, StringComparer.Ordinal);
            for (var k = 0; k < criteria.Length; k++)
            {
                var criterion = criteria[k];
                if (!criterion.IsAssignedTo(unit.UnitId))
                {
                    continue;
                }

                if (criterion.Type != CriterionType.Adjustment)
                {
                    assignedMax += criterion.MaxPoints!.Value;
                }

                if (scores is null)
                {
                    continue;
                }

                var value = unit.Current!.GetValueOrDefault(criterion.Id);
                Rational score;
                if (criterion.Type == CriterionType.Adjustment)
                {
                    var adjustment = Math.Clamp(value.Number ?? 0, criterion.Min!.Value, criterion.Max!.Value);
                    adjustments += adjustment;
                    score = Rational.Of(adjustment);
                }
                else
                {
                    score = criterion.Type switch
                    {
                        CriterionType.Quantitative => QuantitativeScore(criterion, ratios[u, k]!.Value, leaders[k]),
                        CriterionType.Qualitative => value.Flag == true ? Rational.Of(criterion.MaxPoints!.Value) : Rational.Zero,
                        _ => Rational.Of(Math.Min((value.Number ?? 0) * criterion.PointsEach!.Value, criterion.MaxPoints!.Value)),
                    };
                    baseScore += score;
                }

                scores[criterion.Id] = score.Round2();
                if (inFirstContent[k])
                {
                    firstContentSum += score;
                }

                if (ratios[u, k] is { } ratio && ratio > Rational.One)
                {
                    exceeded++;
                }
            }

            if (scores is null)
            {
                results.Add(new Result(unit, assignedMax, lateMonths, penalty, null));
                continue;
            }

            var total = baseScore + Rational.Of(adjustments) - Rational.Of(penalty);
            var score100 = assignedMax > 0 ? (total / Rational.Of(assignedMax) * Hundred).Round2() : 0m;
            var scored = new Scored(score100, total.Round2(), baseScore.Round2(), adjustments, exceeded, firstContentSum.Round2(), scores);
            results.Add(new Result(unit, assignedMax, lateMonths, penalty, scored));
        }

        return Rank(results);
    }

    /// <summary>Half away from zero, to 2 decimals (1.005 gives 1.01, −0.135 gives −0.14).</summary>
    public static decimal Round2(decimal value) => ExactNumbers.Normalize(Math.Round(value, 2, MidpointRounding.AwayFromZero));

    /// <summary>r = a / t (the scoring rules, "quantitative"), exactly.</summary>
    internal static Rational Ratio(Criterion criterion, IReadOnlyDictionary<string, ReportValue> values, string unitId, int month)
    {
        var v = Rational.Of(values.GetValueOrDefault(criterion.Id).Number ?? 0);
        var target = criterion.Targets![unitId];
        var f = criterion.Accrual == Accrual.Cumulative ? Rational.Of(month, 12) : Rational.One;
        Rational a, t;
        if (criterion.Measure == Measure.Absolute)
        {
            a = v;
            t = Rational.Of(target.Target) * f;
        }
        else
        {
            var b = Rational.Of(target.Baseline!.Value) * f;
            a = (criterion.Direction == Direction.Increase ? v - b : b - v) / b * Hundred;
            t = Rational.Of(target.Target);
        }

        return a / t;
    }

    private static Rational QuantitativeScore(Criterion criterion, Rational r, Rational leaderExcess)
    {
        var ms = Rational.Of(criterion.MaxPoints!.Value);
        if (criterion.Method == ScoringMethod.Linear)
        {
            return ms * Rational.Clamp(r, Rational.Zero, Rational.One);
        }

        return r <= Rational.One
            ? Half * ms * Rational.Max(r, Rational.Zero)
            : (Half * ms) + (Half * ms * (r - Rational.One) / leaderExcess);
    }

    private static List<StandingRow> Rank(List<Result> results)
    {
        var ranked = results.Where(r => r.Scored is not null)
            .OrderByDescending(r => r.Scored!.Score)
            .ThenByDescending(r => r.Scored!.FirstContentSum)
            .ThenByDescending(r => r.Scored!.Exceeded)
            .ThenBy(r => r.LateMonths)
            .ThenBy(r => r.Unit.UnitId, StringComparer.Ordinal)
            .ToList();

        var rows = new List<StandingRow>();
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && SameStanding(ranked[i], ranked[i - 1]) ? rows[i - 1].Rank!.Value : i + 1;
            var (unit, scored) = (ranked[i].Unit, ranked[i].Scored!);
            rows.Add(new StandingRow(
                rank, unit.UnitId, unit.UnitName, scored.Score, scored.Total, ExactNumbers.Normalize(ranked[i].AssignedMax), scored.Base,
                Round2(scored.Adjustments), Round2(ranked[i].Penalty), ranked[i].LateMonths, scored.Exceeded, NotRanked: false, scored.Scores));
        }

        rows.AddRange(results.Where(r => r.Scored is null).OrderBy(r => r.Unit.UnitId, StringComparer.Ordinal).Select(r => new StandingRow(
            null, r.Unit.UnitId, r.Unit.UnitName, null, null, ExactNumbers.Normalize(r.AssignedMax), null, null, Round2(r.Penalty), r.LateMonths,
            null, NotRanked: true, new Dictionary<string, decimal>())));
        return rows;
    }

    private static bool SameStanding(Result a, Result b) =>
        a.Scored!.Score == b.Scored!.Score
        && a.Scored.FirstContentSum == b.Scored.FirstContentSum
        && a.Scored.Exceeded == b.Scored.Exceeded
        && a.LateMonths == b.LateMonths;

    private sealed record Scored(
        decimal Score, decimal Total, decimal Base, decimal Adjustments, int Exceeded, decimal FirstContentSum, Dictionary<string, decimal> Scores);

    private sealed record Result(UnitInput Unit, decimal AssignedMax, int LateMonths, decimal Penalty, Scored? Scored);
}

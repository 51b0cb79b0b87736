namespace Compacts.Domain.Scoring;

/// <summary>What the engine needs of one member unit: when each month's report first arrived, and the current values of the scored month.</summary>
public sealed record UnitInput(
    string UnitId,
    string UnitName,
    IReadOnlyDictionary<int, DateTimeOffset> FirstReceipts,
    IReadOnlyDictionary<string, ReportValue>? Current);

/// <summary>One unit's line in the standings. Ranked-only fields are null for a unit that is not ranked.</summary>
public sealed record StandingRow(
    int? Rank,
    string UnitId,
    string UnitName,
    double? Score,
    double? Total,
    double AssignedMax,
    double? Base,
    double? Adjustments,
    double Penalty,
    int LateMonths,
    int? Exceeded,
    bool NotRanked,
    IReadOnlyDictionary<string, double> Criteria);

/// <summary>The standings of one month, exactly as SCORING.md defines them.</summary>
public static class StandingsEngine
{
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

        // Achievement ratios of the quantitative criteria (NaN: not assigned or not ranked), needed before leaderRelative scores:
        // L spans the ranked units assigned the criterion.
        var ratios = new double[units.Length, criteria.Length];
        var leaders = new double[criteria.Length];
        for (var u = 0; u < units.Length; u++)
        {
            for (var k = 0; k < criteria.Length; k++)
            {
                var criterion = criteria[k];
                ratios[u, k] = double.NaN;
                if (units[u].Current is { } values && criterion.Type == CriterionType.Quantitative && criterion.IsAssignedTo(units[u].UnitId))
                {
                    ratios[u, k] = Ratio(criterion, values, units[u].UnitId, m);
                    if (criterion.Method == ScoringMethod.LeaderRelative)
                    {
                        leaders[k] = Math.Max(leaders[k], ratios[u, k] - 1);
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
            double assignedMax = 0, baseScore = 0, adjustments = 0, firstContentSum = 0;
            var exceeded = 0;
            var scores = unit.Current is null ? null : new Dictionary<string, double>(criteria.Length, StringComparer.Ordinal);
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
                var score = criterion.Type switch
                {
                    CriterionType.Quantitative => QuantitativeScore(criterion, ratios[u, k], leaders[k]),
                    CriterionType.Qualitative => value.Flag == true ? criterion.MaxPoints!.Value : 0,
                    CriterionType.Occurrence => Math.Min((value.Number ?? 0) * criterion.PointsEach!.Value, criterion.MaxPoints!.Value),
                    _ => Math.Clamp(value.Number ?? 0, criterion.Min!.Value, criterion.Max!.Value),
                };
                scores[criterion.Id] = score;
                if (criterion.Type == CriterionType.Adjustment)
                {
                    adjustments += score;
                }
                else
                {
                    baseScore += score;
                }

                if (inFirstContent[k])
                {
                    firstContentSum += score;
                }

                if (ratios[u, k] > 1)
                {
                    exceeded++;
                }
            }

            if (scores is null)
            {
                results.Add(new Result(unit, assignedMax, lateMonths, penalty, null));
                continue;
            }

            var total = baseScore + adjustments - penalty;
            var scored = new Scored(assignedMax > 0 ? Round2(total / assignedMax * 100) : 0, total, baseScore, adjustments, exceeded, Round2(firstContentSum), scores);
            results.Add(new Result(unit, assignedMax, lateMonths, penalty, scored));
        }

        return Rank(results);
    }

    /// <summary>Half away from zero, to 2 decimals, on the number as written in decimal (so 1.005 gives 1.01).</summary>
    public static double Round2(double value)
    {
        // Far from a midpoint, binary rounding gives the same result as decimal rounding, and is much cheaper.
        var scaled = value * 100;
        if (double.IsFinite(scaled) && Math.Abs(Math.Abs(scaled - Math.Truncate(scaled)) - 0.5) > 1e-6)
        {
            return Math.Round(scaled, MidpointRounding.AwayFromZero) / 100;
        }

        return (double)Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>r = a / t (SCORING.md, "quantitative").</summary>
    private static double Ratio(Criterion criterion, IReadOnlyDictionary<string, ReportValue> values, string unitId, int month)
    {
        var v = values.GetValueOrDefault(criterion.Id).Number ?? 0;
        var target = criterion.Targets![unitId];
        var f = criterion.Accrual == Accrual.Cumulative ? month / 12.0 : 1.0;
        double a, t;
        if (criterion.Measure == Measure.Absolute)
        {
            a = v;
            t = target.Target * f;
        }
        else
        {
            var b = target.Baseline!.Value * f;
            a = criterion.Direction == Direction.Increase ? (v - b) / b * 100 : (b - v) / b * 100;
            t = target.Target;
        }

        return a / t;
    }

    private static double QuantitativeScore(Criterion criterion, double r, double leaderExcess)
    {
        var ms = criterion.MaxPoints!.Value;
        if (criterion.Method == ScoringMethod.Linear)
        {
            return ms * Math.Clamp(r, 0, 1);
        }

        return r <= 1
            ? 0.5 * ms * Math.Max(r, 0)
            : (0.5 * ms) + (0.5 * ms * (r - 1) / leaderExcess);
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
            foreach (var id in scored.Scores.Keys)
            {
                scored.Scores[id] = Round2(scored.Scores[id]); // in place: the dictionary is this run's own
            }

            rows.Add(new StandingRow(
                rank, unit.UnitId, unit.UnitName, scored.Score, Round2(scored.Total), ranked[i].AssignedMax, Round2(scored.Base),
                Round2(scored.Adjustments), Round2(ranked[i].Penalty), ranked[i].LateMonths, scored.Exceeded, NotRanked: false, scored.Scores));
        }

        rows.AddRange(results.Where(r => r.Scored is null).OrderBy(r => r.Unit.UnitId, StringComparer.Ordinal).Select(r => new StandingRow(
            null, r.Unit.UnitId, r.Unit.UnitName, null, null, r.AssignedMax, null, null, Round2(r.Penalty), r.LateMonths, null, NotRanked: true,
            new Dictionary<string, double>())));
        return rows;
    }

    private static bool SameStanding(Result a, Result b) =>
        a.Scored!.Score == b.Scored!.Score
        && a.Scored.FirstContentSum == b.Scored.FirstContentSum
        && a.Scored.Exceeded == b.Scored.Exceeded
        && a.LateMonths == b.LateMonths;

    private sealed record Scored(
        double Score, double Total, double Base, double Adjustments, int Exceeded, double FirstContentSum, Dictionary<string, double> Scores);

    private sealed record Result(UnitInput Unit, double AssignedMax, int LateMonths, double Penalty, Scored? Scored);
}

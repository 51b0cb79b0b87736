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
            .ToList();

        var criteria = compact.AllCriteria().ToList();
        var firstContent = compact.Contents[0].Criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var ranked = units.Where(u => u.Current is not null).ToList();

        // Achievement ratios of every quantitative criterion, needed before leaderRelative scores (L spans the ranked units).
        var ratios = new Dictionary<(string Unit, string Criterion), double>();
        foreach (var unit in ranked)
        {
            foreach (var criterion in criteria.Where(c => c.Type == CriterionType.Quantitative && c.IsAssignedTo(unit.UnitId)))
            {
                ratios[(unit.UnitId, criterion.Id)] = Ratio(criterion, unit.Current!, unit.UnitId, m);
            }
        }

        var leaders = criteria
            .Where(c => c is { Type: CriterionType.Quantitative, Method: ScoringMethod.LeaderRelative })
            .ToDictionary(
                c => c.Id,
                c => ranked.Where(u => c.IsAssignedTo(u.UnitId)).Select(u => ratios[(u.UnitId, c.Id)] - 1).DefaultIfEmpty(0).Max(),
                StringComparer.Ordinal);

        var results = new List<Result>();
        foreach (var unit in units)
        {
            var lateMonths = Enumerable.Range(1, m).Count(k => IsLate(calendar, period.Year, k, unit.FirstReceipts));
            var penalty = compact.Reporting.LatePenalty * lateMonths;
            var assignedMax = criteria.Where(c => c.Type != CriterionType.Adjustment && c.IsAssignedTo(unit.UnitId)).Sum(c => c.MaxPoints!.Value);
            if (unit.Current is null)
            {
                results.Add(new Result(unit, assignedMax, lateMonths, penalty, null));
                continue;
            }

            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var criterion in criteria.Where(c => c.IsAssignedTo(unit.UnitId)))
            {
                scores[criterion.Id] = criterion.Type switch
                {
                    CriterionType.Quantitative => QuantitativeScore(criterion, ratios[(unit.UnitId, criterion.Id)], leaders.GetValueOrDefault(criterion.Id)),
                    CriterionType.Qualitative => unit.Current.GetValueOrDefault(criterion.Id).Flag == true ? criterion.MaxPoints!.Value : 0,
                    CriterionType.Occurrence => Math.Min((unit.Current.GetValueOrDefault(criterion.Id).Number ?? 0) * criterion.PointsEach!.Value, criterion.MaxPoints!.Value),
                    _ => Math.Clamp(unit.Current.GetValueOrDefault(criterion.Id).Number ?? 0, criterion.Min!.Value, criterion.Max!.Value),
                };
            }

            var baseScore = criteria.Where(c => c.Type != CriterionType.Adjustment && scores.ContainsKey(c.Id)).Sum(c => scores[c.Id]);
            var adjustments = criteria.Where(c => c.Type == CriterionType.Adjustment).Sum(c => scores[c.Id]);
            var total = baseScore + adjustments - penalty;
            var score = assignedMax > 0 ? Round2(total / assignedMax * 100) : 0;
            var exceeded = criteria.Count(c => ratios.TryGetValue((unit.UnitId, c.Id), out var r) && r > 1);
            var firstContentSum = Round2(scores.Where(s => firstContent.Contains(s.Key)).Sum(s => s.Value));
            results.Add(new Result(unit, assignedMax, lateMonths, penalty,
                new Scored(score, total, baseScore, adjustments, exceeded, firstContentSum, scores)));
        }

        return Rank(results);
    }

    /// <summary>Half away from zero, to 2 decimals, on the number as written in decimal (so 1.005 gives 1.01).</summary>
    public static double Round2(double value) =>
        (double)Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    private static bool IsLate(CompactCalendar calendar, int year, int month, IReadOnlyDictionary<int, DateTimeOffset> firstReceipts) =>
        !firstReceipts.TryGetValue(month, out var first) || calendar.IsLate(new Period(year, month), first);

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
            rows.Add(new StandingRow(
                rank, unit.UnitId, unit.UnitName, scored.Score, Round2(scored.Total), ranked[i].AssignedMax, Round2(scored.Base),
                Round2(scored.Adjustments), Round2(ranked[i].Penalty), ranked[i].LateMonths, scored.Exceeded, NotRanked: false,
                scored.Scores.ToDictionary(s => s.Key, s => Round2(s.Value), StringComparer.Ordinal)));
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

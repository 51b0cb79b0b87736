namespace Compacts.Domain.Tests.Reference;

/// <summary>
/// A reference implementation of the standings rules (docs: "Scoring and standings rules"), written
/// from the rules' text alone, with exact rationals and no shortcuts, to compare the engine with.
/// Choices where the rules are silent are marked "Choice:" below.
/// </summary>
public static class ReferenceStandings
{
    private static readonly BigRational Half = new(1, 2);

    /// <summary>
    /// The standings of <paramref name="month"/> (1..12): ranked rows first (rank, then unitId),
    /// then not-ranked rows by unitId.
    /// Choice: every member is listed; a member missing from <paramref name="units"/> has no reports
    /// at all. A unit that is not a member, or is given twice, is an argument error.
    /// </summary>
    public static IReadOnlyList<RefRow> Compute(RefCompact compact, int month, IReadOnlyList<RefUnit> units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);

        var everyUnit = AllMembers(compact, units).Select(ForScoring).ToList();
        var dues = new Dictionary<int, DateTimeOffset>();
        for (var k = 1; k <= month; k++)
        {
            dues[k] = Due(compact, k);
        }

        var criteria = compact.Contents.SelectMany(content => content.Criteria).ToList();
        var firstContentIds = compact.Contents.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : compact.Contents[0].Criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var ranked = everyUnit.Where(u => u.Current is not null).ToList();

        // r for every (ranked unit, quantitative criterion assigned to it).
        var ratios = new Dictionary<(string UnitId, string CriterionId), BigRational>();
        foreach (var unit in ranked)
        {
            foreach (var criterion in criteria.Where(c => c.Type == "quantitative"))
            {
                if (criterion.Targets is not null && criterion.Targets.TryGetValue(unit.UnitId, out var target))
                {
                    var value = NumberOf(unit, criterion);
                    ratios[(unit.UnitId, criterion.Id)] = Ratio(criterion, target, value, month);
                }
            }
        }

        // L per criterion: the largest e = r - 1 among the ranked units assigned it. Only read when
        // some unit has r > 1, and then L >= that unit's e > 0.
        var leaderExcess = new Dictionary<string, BigRational>(StringComparer.Ordinal);
        foreach (var ((_, criterionId), r) in ratios)
        {
            var e = r - 1;
            if (!leaderExcess.TryGetValue(criterionId, out var largest) || e > largest)
            {
                leaderExcess[criterionId] = e;
            }
        }

        var rankedRows = new List<(RefRow Row, BigRational FirstContent)>();
        var notRankedRows = new List<RefRow>();
        foreach (var unit in everyUnit)
        {
            var lateMonths = LateMonths(unit, month, dues);
            var penalty = compact.Reporting.LatePenalty * lateMonths;
            var assignedMax = BigRational.Zero;
            foreach (var criterion in criteria)
            {
                if (criterion.Type != "adjustment" && IsAssigned(criterion, unit.UnitId))
                {
                    assignedMax += criterion.MaxPoints!.Value;
                }
            }

            if (unit.Current is null)
            {
                notRankedRows.Add(new RefRow(
                    Rank: null, unit.UnitId, NotRanked: true, Score: null, Total: null, assignedMax,
                    Base: null, Adjustments: null, penalty.Round2(), lateMonths, Exceeded: null,
                    new Dictionary<string, BigRational>(StringComparer.Ordinal)));
                continue;
            }

            var baseSum = BigRational.Zero;
            var adjustments = BigRational.Zero;
            var firstContent = BigRational.Zero;
            var exceeded = 0;
            var criterionScores = new Dictionary<string, BigRational>(StringComparer.Ordinal);
            foreach (var criterion in criteria)
            {
                if (!IsAssigned(criterion, unit.UnitId))
                {
                    continue;
                }

                BigRational score;
                switch (criterion.Type)
                {
                    case "quantitative":
                        var r = ratios[(unit.UnitId, criterion.Id)];
                        if (r > 1)
                        {
                            exceeded++;
                        }

                        score = QuantitativeScore(criterion, r, leaderExcess[criterion.Id]);
                        baseSum += score;
                        break;
                    case "qualitative":
                        score = FlagOf(unit, criterion) ? criterion.MaxPoints!.Value : BigRational.Zero;
                        baseSum += score;
                        break;
                    case "occurrence":
                        score = BigRational.Min(NumberOf(unit, criterion) * criterion.PointsEach!.Value, criterion.MaxPoints!.Value);
                        baseSum += score;
                        break;
                    case "adjustment":
                        // Absent = 0.
                        var v = unit.Current.TryGetValue(criterion.Id, out var given) ? NumberOf(unit, criterion, given) : BigRational.Zero;
                        score = BigRational.Clamp(v, criterion.Min!.Value, criterion.Max!.Value);
                        adjustments += score;
                        break;
                    default:
                        throw new ArgumentException($"Criterion '{criterion.Id}' has unknown type '{criterion.Type}'.", nameof(compact));
                }

                criterionScores[criterion.Id] = score.Round2();

                // Choice: "the unit's criterion scores in the first content" includes its adjustment
                // criteria there (an adjustment is a criterion with a score).
                if (firstContentIds.Contains(criterion.Id))
                {
                    firstContent += score;
                }
            }

            var total = baseSum + adjustments - penalty;

            // Choice: the rules are silent when assignedMax is 0 (only adjustment criteria, or no
            // quantitative criterion assigned and no other): score is 0 then, whatever the total.
            var scaled = assignedMax.Sign == 0 ? BigRational.Zero : (total / assignedMax * 100).Round2();
            var row = new RefRow(
                Rank: null, unit.UnitId, NotRanked: false, scaled, total.Round2(), assignedMax,
                baseSum.Round2(), adjustments.Round2(), penalty.Round2(), lateMonths, exceeded, criterionScores);
            rankedRows.Add((row, firstContent.Round2()));
        }

        var ordered = rankedRows
            .OrderByDescending(x => x.Row.Score!.Value)
            .ThenByDescending(x => x.FirstContent)
            .ThenByDescending(x => x.Row.Exceeded!.Value)
            .ThenBy(x => x.Row.LateMonths)
            .ThenBy(x => x.Row.UnitId, StringComparer.Ordinal)
            .ToList();

        var result = new List<RefRow>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i + 1;
            if (i > 0 && SameKey(ordered[i - 1], ordered[i]))
            {
                rank = result[i - 1].Rank!.Value; // competition ranking: 1, 2, 2, 4
            }

            result.Add(ordered[i].Row with { Rank = rank });
        }

        result.AddRange(notRankedRows.OrderBy(r => r.UnitId, StringComparer.Ordinal));
        return result;
    }

    /// <summary>
    /// due(m): dueDay of month m+1 (January of Y+1 for m = 12) at dueTime, local time in the
    /// compact's zone. A local time in a daylight-saving gap is read with the offset in force before
    /// the gap; one that occurs twice is its first occurrence. Returned at the zone's offset then.
    /// </summary>
    public static DateTimeOffset Due(RefCompact compact, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var (year, dueMonth) = month == 12 ? (compact.Year + 1, 1) : (compact.Year, month + 1);
        // Choice: the rules are silent on a dueDay the month lacks (30 for February): refused.
        var dueDay = compact.Reporting.DueDay;
        if (dueDay < 1 || dueDay > DateTime.DaysInMonth(year, dueMonth))
        {
            throw new ArgumentException($"dueDay {dueDay} does not exist in {year:D4}-{dueMonth:D2}.", nameof(compact));
        }

        var local = new DateOnly(year, dueMonth, dueDay).ToDateTime(compact.Reporting.DueTime);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(compact.TimeZone);
        return LocalToInstant(zone, local);
    }

    /// <summary>
    /// Finds the instant of a local wall-clock time by brute force: every UTC offset in use lies
    /// within ±15 hours and is a whole number of minutes, so the instants that show this wall time
    /// are among local - 15h .. local + 15h, minute by minute. The earliest one is the first
    /// occurrence. When none shows it (a gap), the wall clock jumps past it at some instant T; the
    /// offset in force just before T is the offset "before the gap", and the answer is local read
    /// with that offset.
    /// </summary>
    internal static DateTimeOffset LocalToInstant(TimeZoneInfo zone, DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var start = new DateTimeOffset(wall, TimeSpan.Zero).AddHours(-15);
        var end = new DateTimeOffset(wall, TimeSpan.Zero).AddHours(15);
        var step = TimeSpan.FromMinutes(1);

        for (var u = start; u <= end; u += step)
        {
            if (WallClock(zone, u) == wall)
            {
                return u.ToOffset(zone.GetUtcOffset(u));
            }
        }

        for (var u = start; u <= end; u += step)
        {
            if (WallClock(zone, u) > wall)
            {
                var before = zone.GetUtcOffset(u - step);
                var instant = new DateTimeOffset(wall, before);
                return instant.ToOffset(zone.GetUtcOffset(instant));
            }
        }

        throw new InvalidOperationException($"No instant found for {wall:s} in {zone.Id}.");
    }

    private static DateTime WallClock(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateTime.SpecifyKind(instant.UtcDateTime + zone.GetUtcOffset(instant), DateTimeKind.Unspecified);

    private static List<RefUnit> AllMembers(RefCompact compact, IReadOnlyList<RefUnit> units)
    {
        var members = compact.MemberUnitIds.ToHashSet(StringComparer.Ordinal);
        var given = new Dictionary<string, RefUnit>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!members.Contains(unit.UnitId))
            {
                throw new ArgumentException($"Unit '{unit.UnitId}' is not a member of the compact.", nameof(units));
            }

            if (!given.TryAdd(unit.UnitId, unit))
            {
                throw new ArgumentException($"Unit '{unit.UnitId}' is given twice.", nameof(units));
            }
        }

        return members
            .Select(id => given.TryGetValue(id, out var unit)
                ? unit
                : new RefUnit(id, new Dictionary<int, DateTimeOffset>(), Current: null))
            .ToList();
    }

    /// <summary>Late months k in 1..m-1, plus month m itself: late = no report for k, or revision 1
    /// of k received strictly after due(k).</summary>
    private static int LateMonths(RefUnit unit, int month, Dictionary<int, DateTimeOffset> dues)
    {
        if (unit.Current is not null && !unit.FirstReceipts.ContainsKey(month))
        {
            throw new ArgumentException($"Unit '{unit.UnitId}' has a current report for month {month} but no first receipt for it.", nameof(unit));
        }

        var late = 0;
        for (var k = 1; k <= month; k++)
        {
            if (!unit.FirstReceipts.TryGetValue(k, out var receivedAt) || receivedAt > dues[k])
            {
                late++;
            }
        }

        return late;
    }

    private static bool IsAssigned(RefCriterion criterion, string unitId) =>
        criterion.Type != "quantitative" || (criterion.Targets?.ContainsKey(unitId) ?? false);

    /// <summary>The achievement ratio r = a / t.</summary>
    private static BigRational Ratio(RefCriterion criterion, RefTarget target, BigRational v, int month)
    {
        var f = criterion.Accrual switch
        {
            "cumulative" => new BigRational(month, 12),
            "rate" => BigRational.One,
            _ => throw new ArgumentException($"Criterion '{criterion.Id}' has unknown accrual '{criterion.Accrual}'.", nameof(criterion)),
        };

        BigRational a;
        BigRational t;
        switch (criterion.Measure, criterion.Direction)
        {
            case ("absolute", "increase"):
                a = v;
                t = target.Target * f;
                break;
            case ("percentChange", "increase"):
            {
                var b = target.Baseline!.Value * f;
                a = (v - b) / b * 100;
                t = target.Target;
                break;
            }

            case ("percentChange", "decrease"):
            {
                var b = target.Baseline!.Value * f;
                a = (b - v) / b * 100;
                t = target.Target;
                break;
            }

            default:
                throw new ArgumentException($"Criterion '{criterion.Id}': measure '{criterion.Measure}' with direction '{criterion.Direction}' is not valid.", nameof(criterion));
        }

        return a / t;
    }

    private static BigRational QuantitativeScore(RefCriterion criterion, BigRational r, BigRational leaderExcess)
    {
        var ms = criterion.MaxPoints!.Value;
        switch (criterion.Method)
        {
            case "linear":
                return ms * BigRational.Clamp(r, BigRational.Zero, BigRational.One);
            case "leaderRelative":
                if (r <= 1)
                {
                    return Half * ms * BigRational.Max(r, BigRational.Zero);
                }

                var e = r - 1;
                return (Half * ms) + (Half * ms * e / leaderExcess);
            default:
                throw new ArgumentException($"Criterion '{criterion.Id}' has unknown method '{criterion.Method}'.", nameof(criterion));
        }
    }

    /// <summary>
    /// The review rules ("Scoring"): a criterion's value for scoring is the confirming review's value
    /// for a confirmed report (the reported value where the review gave none); otherwise the reported
    /// value. A review's null takes the value out (an adjustment it removed: scored as absent).
    /// </summary>
    private static RefUnit ForScoring(RefUnit unit)
    {
        if (unit.Current is null || unit.Confirmed is null)
        {
            return unit;
        }

        var values = new Dictionary<string, RefValue>(StringComparer.Ordinal);
        foreach (var (criterionId, reported) in unit.Current)
        {
            if (!unit.Confirmed.ContainsKey(criterionId))
            {
                values[criterionId] = reported;
            }
        }

        foreach (var (criterionId, reviewed) in unit.Confirmed)
        {
            if (reviewed is not null)
            {
                values[criterionId] = reviewed;
            }
        }

        return unit with { Current = values, Confirmed = null };
    }

    private static BigRational NumberOf(RefUnit unit, RefCriterion criterion)
    {
        if (!unit.Current!.TryGetValue(criterion.Id, out var value))
        {
            throw new ArgumentException($"Unit '{unit.UnitId}' reports no value for criterion '{criterion.Id}'.", nameof(unit));
        }

        return NumberOf(unit, criterion, value);
    }

    private static BigRational NumberOf(RefUnit unit, RefCriterion criterion, RefValue value) =>
        value.Number ?? throw new ArgumentException($"Unit '{unit.UnitId}' reports a non-number for criterion '{criterion.Id}'.", nameof(unit));

    private static bool FlagOf(RefUnit unit, RefCriterion criterion) =>
        unit.Current!.TryGetValue(criterion.Id, out var value) && value.Flag is bool flag
            ? flag
            : throw new ArgumentException($"Unit '{unit.UnitId}' reports no boolean for criterion '{criterion.Id}'.", nameof(unit));

    private static bool SameKey((RefRow Row, BigRational FirstContent) a, (RefRow Row, BigRational FirstContent) b) =>
        a.Row.Score == b.Row.Score
        && a.FirstContent == b.FirstContent
        && a.Row.Exceeded == b.Row.Exceeded
        && a.Row.LateMonths == b.Row.LateMonths;
}

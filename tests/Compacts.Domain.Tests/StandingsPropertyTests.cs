using Compacts.Domain.Review;
using Compacts.Domain.Scoring;
using static Compacts.Domain.Tests.Scoring;

namespace Compacts.Domain.Tests;

/// <summary>Properties over many random compacts and reports (seeded, so a failure names its seed and repeats).</summary>
public class StandingsPropertyTests
{
    private const int Cases = 300;

    private sealed record Case(Compact Compact, Period Period, List<UnitInput> Units);

    private static Case Generate(int seed)
    {
        var random = new Random(seed);
        var units = Enumerable.Range(0, random.Next(2, 9)).Select(i => $"u{i}").ToArray();
        var month = random.Next(1, 13);
        var contents = new List<Criterion[]>();
        var n = 0;
        for (var c = 0; c < random.Next(1, 4); c++)
        {
            var criteria = new List<Criterion>();
            for (var k = 0; k < random.Next(1, 4); k++)
            {
                var id = $"k{n++}";
                var assigned = units.Where(_ => random.NextDouble() < 0.8).DefaultIfEmpty(units[0]).ToArray();
                criteria.Add(random.Next(6) switch
                {
                    0 => Quantitative(id, random.Next(1, 30), Direction.Increase, Measure.Absolute, Pick<Accrual>(random), Pick<ScoringMethod>(random),
                        assigned.Select(u => (u, (decimal)random.Next(10, 1000), (decimal?)null)).ToArray()),
                    1 => Quantitative(id, random.Next(1, 30), Pick<Direction>(random), Measure.PercentChange, Pick<Accrual>(random), Pick<ScoringMethod>(random),
                        assigned.Select(u => (u, (decimal)random.Next(1, 20), (decimal?)random.Next(100, 5000))).ToArray()),
                    2 => Qualitative(id, random.Next(1, 20)),
                    3 => Occurrence(id, random.Next(1, 20), random.Next(1, 5) / 2.0m),
                    4 => Adjustment(id, -random.Next(0, 3), random.Next(1, 3)),
                    _ => Qualitative(id, 5),
                });
            }

            contents.Add(criteria.ToArray());
        }

        var compact = Compact(units, random.Next(0, 3) / 2.0m, contents.ToArray());
        var inputs = units.Select(u =>
        {
            var receipts = Enumerable.Range(1, month).Where(_ => random.NextDouble() < 0.9)
                .ToDictionary(k => k, k => random.NextDouble() < 0.8 ? OnTime(k) : Late(k));
            var reported = receipts.ContainsKey(month) || random.NextDouble() < 0.1;
            return new UnitInput(u, u, receipts, reported ? RandomValues(random, compact, u) : null);
        }).ToList();
        return new Case(compact, new Period(2024, month), inputs);
    }

    private static Dictionary<string, ReportValue> RandomValues(Random random, Compact compact, string unit) =>
        compact.CriteriaAssignedTo(unit).Where(c => c.Type != CriterionType.Adjustment || random.NextDouble() < 0.5).ToDictionary(
            c => c.Id,
            c => c.Type switch
            {
                CriterionType.Qualitative => ReportValue.Of(random.NextDouble() < 0.7),
                CriterionType.Occurrence => ReportValue.Of(random.Next(0, 8)),
                CriterionType.Adjustment => ReportValue.Of(Math.Round(c.Min!.Value + ((decimal)random.NextDouble() * (c.Max!.Value - c.Min.Value)), 1)),
                _ when c.Measure == Measure.PercentChange => ReportValue.Of(Math.Round(c.Targets![unit].Baseline!.Value * random.Next(70, 130) / 100.0m)),
                _ => ReportValue.Of(random.Next(0, (int)c.Targets![unit].Target * 2)),
            });

    private static T Pick<T>(Random random) where T : struct, Enum => Enum.GetValues<T>()[random.Next(Enum.GetValues<T>().Length)];

    private static string Describe(IReadOnlyList<StandingRow> rows) =>
        string.Join(" | ", rows.Select(r => $"{r.Rank}:{r.UnitId}:{r.Score}:{string.Join(",", r.Criteria.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))}"));

    [Fact]
    public void A_confirm_that_repeats_every_reported_figure_changes_no_standing()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (compact, period, units) = Generate(seed);
            var confirmed = units.Select(u =>
            {
                if (u.Current is not { } reported)
                {
                    return u;
                }

                var items = reported.ToDictionary(v => v.Key, v => new ReviewItemInput(true, Input(v.Value), null));
                var (body, errors) = ReviewValidator.Validate(compact, u.UnitId, new ReviewInput(1, "confirm", "", items), reported);
                Assert.True(errors.IsEmpty, $"seed {seed}");
                Assert.DoesNotContain(body!.Items.Values, i => i.Corrects);
                return u with { Current = EffectiveValues.Of(reported, body.Items) };
            }).ToList();

            Assert.Equal($"seed {seed}: {Describe(StandingsEngine.Compute(compact, period, units))}",
                $"seed {seed}: {Describe(StandingsEngine.Compute(compact, period, confirmed))}");
        }
    }

    [Fact]
    public void Permuting_the_units_never_changes_the_standings()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (compact, period, units) = Generate(seed);
            var random = new Random(seed + 7);
            var shuffledMembers = compact.Members.OrderBy(_ => random.Next()).ToList();
            var shuffledInputs = units.OrderBy(_ => random.Next()).ToList();

            var original = StandingsEngine.Compute(compact, period, units);
            var permuted = StandingsEngine.Compute(compact with { Members = shuffledMembers }, period, shuffledInputs);

            Assert.Equal($"seed {seed}: {Describe(original)}", $"seed {seed}: {Describe(permuted)}");
        }
    }

    [Fact]
    public void Improving_one_units_report_never_lowers_its_rank()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (compact, period, units) = Generate(seed);
            var random = new Random(seed + 11);
            var unit = units.Where(u => u.Current is not null).OrderBy(_ => random.Next()).FirstOrDefault();
            if (unit is null)
            {
                continue;
            }

            var criterion = compact.CriteriaAssignedTo(unit.UnitId).OrderBy(_ => random.Next()).FirstOrDefault();
            if (criterion is null)
            {
                continue;
            }

            var value = unit.Current!.GetValueOrDefault(criterion.Id);
            var better = criterion.Type switch
            {
                CriterionType.Qualitative => ReportValue.Of(true),
                CriterionType.Occurrence => ReportValue.Of((value.Number ?? 0) + random.Next(1, 4)),
                CriterionType.Adjustment => ReportValue.Of(criterion.Max!.Value),
                _ when criterion.Direction == Direction.Decrease => ReportValue.Of(Math.Max(0, (value.Number ?? 0) - random.Next(1, 200))),
                _ => ReportValue.Of((value.Number ?? 0) + random.Next(1, 200)),
            };
            var improvedValues = new Dictionary<string, ReportValue>(unit.Current!) { [criterion.Id] = better };
            var improved = units.Select(u => u == unit ? u with { Current = improvedValues } : u).ToList();

            var before = StandingsEngine.Compute(compact, period, units).Row(unit.UnitId);
            var after = StandingsEngine.Compute(compact, period, improved).Row(unit.UnitId);

            Assert.True(after.Rank <= before.Rank, $"seed {seed}: {criterion.Id} {value} -> {better}: rank {before.Rank} -> {after.Rank}");
            Assert.True(after.Score >= before.Score, $"seed {seed}: score {before.Score} -> {after.Score}");
        }
    }

    [Fact]
    public void Ranks_follow_standard_competition_ranking_and_every_member_is_listed_once()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var (compact, period, units) = Generate(seed);

            var rows = StandingsEngine.Compute(compact, period, units);

            Assert.Equal(compact.Members.Select(m => m.UnitId).Order(), rows.Select(r => r.UnitId).Order());
            var ranked = rows.TakeWhile(r => !r.NotRanked).ToList();
            Assert.All(rows.Skip(ranked.Count), r => Assert.True(r.NotRanked && r.Rank is null));
            for (var i = 0; i < ranked.Count; i++)
            {
                var expected = i == 0 ? 1 : ranked[i].Rank == ranked[i - 1].Rank ? ranked[i - 1].Rank : i + 1;
                Assert.Equal($"seed {seed}, row {i}: rank {expected} in {Describe(rows)}", $"seed {seed}, row {i}: rank {ranked[i].Rank} in {Describe(rows)}");
                Assert.True(i == 0 || ranked[i].Score <= ranked[i - 1].Score, $"seed {seed}: scores out of order");
                if (ranked[i].AssignedMax > 0)
                {
                    // score comes from the unrounded total, so it may differ from the rounded total's by a rounding step
                    Assert.InRange(ranked[i].Score!.Value - (ranked[i].Total!.Value / ranked[i].AssignedMax * 100), -0.01m - (0.005m / ranked[i].AssignedMax * 100), 0.01m + (0.005m / ranked[i].AssignedMax * 100));
                }
            }
        }
    }
}

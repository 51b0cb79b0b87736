using BenchmarkDotNet.Attributes;
using Compacts.Domain.Scoring;

namespace Compacts.Bench;

/// <summary>The scoring engine alone: one compact of 100 units × 50 criteria, scored and ranked.</summary>
[MemoryDiagnoser]
public class ScoringBenchmark
{
    private Compact _compact = null!;
    private List<UnitInput> _units = null!;

    [GlobalSetup]
    public void Setup() => (_compact, _units) = Build(100, 50);

    [Benchmark]
    public IReadOnlyList<StandingRow> Standings_of_100_units_x_50_criteria() => StandingsEngine.Compute(_compact, new Period(2024, 6), _units);

    public static (Compact, List<UnitInput>) Build(int unitCount, int criterionCount)
    {
        var random = new Random(42);
        var units = Enumerable.Range(0, unitCount).Select(i => $"u{i:D3}").ToArray();
        var criteria = Enumerable.Range(0, criterionCount).Select(k => (k % 5) switch
        {
            0 => new Criterion($"k{k}", "q", CriterionType.Qualitative) { MaxPoints = 5 },
            1 => new Criterion($"k{k}", "o", CriterionType.Occurrence) { MaxPoints = 10, PointsEach = 2 },
            2 => new Criterion($"k{k}", "a", CriterionType.Adjustment) { Min = -2, Max = 2 },
            3 => new Criterion($"k{k}", "d", CriterionType.Quantitative)
            {
                MaxPoints = 20,
                Direction = Direction.Decrease,
                Measure = Compacts.Domain.Measure.PercentChange,
                Accrual = Accrual.Cumulative,
                Method = ScoringMethod.LeaderRelative,
                Targets = units.ToDictionary(u => u, _ => new UnitTarget(5, 1000)),
            },
            _ => new Criterion($"k{k}", "l", CriterionType.Quantitative)
            {
                MaxPoints = 10,
                Direction = Direction.Increase,
                Measure = Compacts.Domain.Measure.Absolute,
                Accrual = Accrual.Rate,
                Method = ScoringMethod.Linear,
                Targets = units.ToDictionary(u => u, _ => new UnitTarget(100, null)),
            },
        }).ToList();
        var compact = new Compact("Bench", "Cụm", 2024, "Asia/Ho_Chi_Minh", new DateOnly(2024, 1, 1),
            units.Select((u, i) => new Member(u, i == 0 ? MemberRole.Head : MemberRole.Member)).ToList(), ReportingRules.Default,
            criteria.Chunk(10).Select((c, i) => new Content($"c{i}", "Nội dung", c)).ToList());
        var inputs = units.Select(u => new UnitInput(u, u,
            Enumerable.Range(1, 6).ToDictionary(m => m, m => new DateTimeOffset(2024, m + 1, 3, 2, 0, 0, TimeSpan.Zero)),
            criteria.ToDictionary(c => c.Id, c => c.Type switch
            {
                CriterionType.Qualitative => ReportValue.Of(random.NextDouble() < 0.8),
                CriterionType.Occurrence => ReportValue.Of(random.Next(0, 8)),
                CriterionType.Adjustment => ReportValue.Of(random.Next(-2, 3)),
                _ when c.Measure == Compacts.Domain.Measure.PercentChange => ReportValue.Of(random.Next(440, 520)),
                _ => ReportValue.Of(random.Next(50, 150)),
            }))).ToList();
        return (compact, inputs);
    }
}

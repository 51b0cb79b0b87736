using Compacts.Functions.Standings;
using static Compacts.Bench.Fixtures;

namespace Compacts.Bench;

/// <summary>`--only trips`: storage round trips per operation, against each one's goal.</summary>
internal static class RoundTrips
{
    public static async Task RunAsync(BenchContext bench)
    {
        var counter = new Counter();
        await using var app = bench.CreateApp(Prefix(), counter, new FixedTime(new DateTimeOffset(2024, 4, 4, 1, 0, 0, TimeSpan.Zero)));
        await bench.SeedAsync(app.Services, BenchContext.Units);
        var reporter = ClientPrincipal.Encode("can-bo@nghe-an.vn");
        await Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-02", "nghe-an", default)); // warm caches
        await app.Services.GetRequiredService<StandingsService>().ComputeAsync("cum6-2024", new Period(2024, 2), "bench", true, default); // and the standings table
        var rows = new List<(string, int, string)>
        {
            ("report PUT, first revision (caches warm)", await Count(counter, () => Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "≤ 2"),
            ("report PUT, next revision", await Count(counter, () => Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "≤ 2"),
            ("report GET", await Count(counter, () => Call<ReportsFunctions>(app.Services, Get(reporter), (f, r) => f.GetReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "—"),
            ("standings computation, 5 units (1 transaction)", await Count(counter, () => app.Services.GetRequiredService<StandingsService>().ComputeAsync("cum6-2024", new Period(2024, 3), "bench", true, default)), "≤ 3 reads + 1"),
            await ReminderRun.RunAsync(bench, app, counter),
        };

        Console.WriteLine("\n## Storage round trips per operation\n\n| operation | round trips | goal |\n|---|---:|---|");
        foreach (var (name, trips, goal) in rows)
        {
            Console.WriteLine($"| {name} | {trips} | {goal} |");
        }
    }
}

using Compacts.Functions.Compacts;
using Compacts.Functions.Standings;
using Compacts.Functions.Units;

namespace Compacts.Bench;

/// <summary>
/// `--only workbook`: the year's scoring workbook of a compact of 200 units × 100 criteria (twelve months of reports and
/// runs), `GET …/year?format=xlsx` through HTTP to the development host in its own process: the time to the last byte, the
/// file's size, and the host's working set sampled every 2 ms during the request (as the evidence upload is measured).
/// </summary>
internal static class YearWorkbookMemory
{
    private const string CompactId = "year-200";
    private const int Units = 200;
    private const int Contents = 5;
    private const int CriteriaPerContent = 20;

    public static async Task RunAsync(BenchContext bench)
    {
        await using var rig = await PutRig.StartAsync(bench, bench.Connection);
        var services = rig.Services;
        var units = Enumerable.Range(1, Units).Select(i => $"don-vi-{i:D3}").ToArray();
        var criteria = Enumerable.Range(0, Contents * CriteriaPerContent).Select(i => $"tc-{i:D3}").ToArray();
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (unit, ct) =>
            await services.GetRequiredService<UnitStore>().PutAsync(new Unit(unit, $"Công an tỉnh {unit}", [$"vp@{unit}.vn"]), ct));
        await services.GetRequiredService<CompactStore>().PutAsync(CompactId, Compact(units, criteria), null, false, default);
        var reports = services.GetRequiredService<ReportStore>();
        await Parallel.ForEachAsync(Enumerable.Range(1, 12).SelectMany(m => units.Select((unit, u) => (Month: m, Unit: unit, Index: u))), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (report, ct) =>
        {
            var values = criteria.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i % 2 == 0 ? ReportValue.Of((report.Index + x.i + report.Month) % 5 != 0) : ReportValue.Of((report.Index * 7 + x.i + report.Month) % 13));
            var period = new Period(2024, report.Month);
            await reports.SubmitAsync(CompactId, period, report.Unit, new RevisionDraft(values, null, new DateTimeOffset(2024, report.Month, 28, 2, 0, 0, TimeSpan.Zero).AddDays(3), "bench"), _ => false, null, null, ct);
        });
        var standings = services.GetRequiredService<StandingsService>();
        for (var month = 1; month <= 12; month++)
        {
            await standings.ComputeAsync(CompactId, new Period(2024, month), "bench", force: true, default);
        }

        seeding.Stop();
        var host = rig.HostProcess ?? Process.GetCurrentProcess();
        var first = await DownloadAsync(rig, host); // the first: JIT, pools, connections
        var rounds = bench.Quick ? 1 : 3;
        var results = new List<(long Before, long Peak, double Seconds, long Bytes)>();
        for (var round = 0; round < rounds; round++)
        {
            results.Add(await DownloadAsync(rig, host));
        }

        const double MiB = 1024 * 1024;
        var growth = results.Select(r => (r.Peak - r.Before) / MiB).Order().ToArray();
        Console.WriteLine($"\n## The year's workbook: {Units} units × {Contents * CriteriaPerContent} criteria\n\n`GET …/year?format=xlsx` through HTTP ({rounds} downloads after a first one, shown apart; twelve months of reports and runs seeded in {seeding.Elapsed.TotalSeconds:0} s). The host's working set sampled every 2 ms during each download{(rig.HostProcess is null ? " (in-process host: the load generator's memory is in it too)" : "")}; medians.\n");
        Console.WriteLine("| workbook | seconds to the last byte | size MB | host working set before (MiB) | peak during (MiB) | peak − before (MiB) | largest peak − before (MiB) | first download: seconds, peak − before (MiB) |\n|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Units} units × {Contents * CriteriaPerContent} criteria, 12 months | {results.Select(r => r.Seconds).Order().ElementAt(results.Count / 2):0.00} | {results[0].Bytes / 1e6:0.0} | {results.Average(r => r.Before) / MiB:0} | {results.Average(r => r.Peak) / MiB:0} | {growth[growth.Length / 2]:0.0} | {growth[^1]:0.0} | {first.Seconds:0.00}, {(first.Peak - first.Before) / MiB:0.0} |"));
    }

    private static async Task<(long Before, long Peak, double Seconds, long Bytes)> DownloadAsync(PutRig rig, Process host)
    {
        var (before, peak, (seconds, bytes)) = await Load.WithPeakWorkingSet(host, TimeSpan.FromMilliseconds(2), async () =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await rig.Http.GetAsync($"compacts/{CompactId}/year?format=xlsx", HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The year's workbook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            var counted = 0L;
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                counted += read;
            }

            return (clock.Elapsed.TotalSeconds, counted);
        });
        return (before, peak, seconds, bytes);
    }

    /// <summary>A compact of the units (the first the head) with five contents of twenty criteria, qualitative and occurrence in turn.</summary>
    private static Compact Compact(string[] units, string[] criteria) => CompactValidator.Validate(new CompactDraft("Cụm thi đua 200 đơn vị", "Cụm", 2024, null, "2024-01-10",
        units.Select((u, i) => new MemberDraft(u, i == 0 ? "head" : "member")).ToList(), null,
        [.. Enumerable.Range(0, Contents).Select(c => new ContentDraft($"nd-{c + 1}", $"Nội dung {c + 1}", [
            .. criteria.Skip(c * CriteriaPerContent).Take(CriteriaPerContent).Select((id, i) => i % 2 == 0
                ? new CriterionDraft(id, $"Tiêu chí {id}", "qualitative", 1, null, null, null, null, null, null, null, null)
                : new CriterionDraft(id, $"Tiêu chí {id}", "occurrence", 1, null, null, null, null, null, 1, null, null)),
        ]))])).Compact ?? throw new InvalidOperationException("The bench's compact is not valid.");
}

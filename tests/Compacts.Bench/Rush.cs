using System.Text;
using Compacts.Functions.Compacts;
using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Bench;

/// <summary>
/// `--only rush`: the due day. N units across 50 compacts each submit their report for last month within one window (one
/// minute; 15 s with `--quick`), arrivals at random instants spread evenly over it, each unit's reporter through HTTP to the
/// development host in its own process. The host runs its timers and queue workers meanwhile, the standings planner every
/// 15 s and the reminder planner every 30 s (in Azure: hourly and daily), so the standings and reminder workers compute
/// and write while the reports arrive. Reported: errors, the PUTs' p50/p99 against an idle PUT's (the same host, one
/// reporter, before the rush), the host's peak working set, and the CPU of the host, of Azurite and of the whole machine.
/// </summary>
internal static class Rush
{
    private const int Compacts = 50;

    public static async Task RunAsync(BenchContext bench)
    {
        var window = TimeSpan.FromSeconds(bench.Quick ? 15 : 60);
        var sizes = bench.Quick ? new[] { 100, 500 } : new[] { 100, 500, 2000 };
        var azurite = int.TryParse(Environment.GetEnvironmentVariable("COMPACTS_BENCH_AZURITE_PID"), CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        Console.WriteLine($"\n## The due-day rush: N units across {Compacts} compacts submit last month's report within {window.TotalSeconds:0} s\n\nArrivals at uniformly random instants over the window{(bench.Quick ? " (compressed 4×: `--quick`)" : "")}, each unit's reporter through HTTP to the development host (its own process) while its standings planner (every 15 s) and reminder planner (every 30 s) and their queue workers run. Idle: the same host, one reporter's PUTs one at a time before the rush. CPU: user + system time over the window, in % of one core (the machine has {Environment.ProcessorCount}).{(azurite == 0 ? " Azurite's CPU is not known (COMPACTS_BENCH_AZURITE_PID unset)." : "")}\n");
        Console.WriteLine("| units | PUTs | errors | p50 ms | p99 ms | max ms | idle p50 ms | idle p99 ms | p99 / idle p99 | host peak working set MiB | host CPU % | Azurite CPU % | machine busy % | mails written |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var units in sizes)
        {
            await RunSizeAsync(bench, units, window, azurite);
        }
    }

    private static async Task RunSizeAsync(BenchContext bench, int unitCount, TimeSpan window, int azurite)
    {
        // The month just ended in the compacts' zone; its reports are due today at 23:59 (the 28th at the latest), so today's
        // reminders are in play and the earlier months' standings are planned.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        var month = today.AddMonths(-1);
        var period = new Period(month.Year, month.Month);
        var prefix = Fixtures.Prefix();
        var outbox = Path.Combine(Path.GetTempPath(), $"{prefix}-outbox");
        await using var app = bench.CreateApp(prefix, new Counter(), TimeProvider.System);
        var perCompact = unitCount / Compacts;
        var members = Enumerable.Range(0, Compacts).Select(c => Enumerable.Range(0, perCompact).Select(u => $"r{c:D2}-{u:D3}").ToArray()).ToArray();
        const string IdleUnit = "idle-unit";
        await Parallel.ForEachAsync(members.SelectMany(m => m).Append(IdleUnit), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (unit, ct) =>
        {
            await app.Services.GetRequiredService<UnitStore>().PutAsync(new Unit(unit, unit, [$"vp@{unit}.vn"]), ct);
            await app.Services.GetRequiredService<UserStore>().PutAsync(new User(Reporter(unit), unit, ""), ct);
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, Compacts), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) =>
            await app.Services.GetRequiredService<CompactStore>().PutAsync(CompactId(c), Fixtures.SmallCompact(c == 0 ? [.. members[c], IdleUnit] : members[c], period.Year, Math.Min(today.Day, 28)), null, false, ct));

        var children = new List<Process>();
        try
        {
            var (host, address) = await ServerProcess.StartAsync(children, port => [Path.Combine(AppContext.BaseDirectory, "Compacts.DevHost.dll"), "--urls", $"http://127.0.0.1:{port}"], new()
            {
                ["Storage__ConnectionString"] = bench.Connection, ["Storage__TablePrefix"] = prefix, ["AzureWebJobsStorage"] = bench.Connection,
                ["DevHost__SettingsFile"] = "/nonexistent", ["DevHost__MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
                ["Storage__QueuePrefix"] = $"{prefix}-", ["Scans__Container"] = $"{prefix}-scans", ["Evidence__Container"] = $"{prefix}-evidence",
                ["SendGrid__OutboxPath"] = outbox, ["Logging__LogLevel__Default"] = "Warning",
                ["Standings__Schedule"] = "*/15 * * * * *", ["Reminders__Schedule"] = "*/30 * * * * *",
            });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri(address + "/api/"), Timeout = TimeSpan.FromSeconds(100) };

            // Idle: one reporter's PUTs one at a time (the first ten warm the host and are not counted).
            var idle = new List<double>();
            for (var i = 0; i < 110; i++)
            {
                var (ms, ok) = await PutAsync(http, CompactId(0), period, IdleUnit);
                if (!ok)
                {
                    throw new InvalidOperationException("An idle PUT failed.");
                }

                if (i >= 10)
                {
                    idle.Add(ms);
                }
            }

            var arrivals = members.SelectMany((m, c) => m.Select(unit => (Compact: CompactId(c), Unit: unit))).ToArray();
            var random = new Random(unitCount);
            var offsets = arrivals.Select(_ => random.NextDouble() * window.TotalMilliseconds).Order().ToArray();
            random.Shuffle(arrivals);

            var (hostCpu, azuriteCpu, machine) = (Load.CpuMilliseconds(host.Id), azurite == 0 ? 0 : Load.CpuMilliseconds(azurite), Load.MachineCpu());
            var (_, peak, (results, elapsed)) = await Load.WithPeakWorkingSet(host, TimeSpan.FromMilliseconds(50), async () =>
            {
                var clock = Stopwatch.StartNew();
                var puts = new List<Task<(double Ms, bool Ok)>>(arrivals.Length);
                foreach (var (offset, (compactId, unit)) in offsets.Zip(arrivals))
                {
                    var wait = offset - clock.Elapsed.TotalMilliseconds;
                    if (wait >= 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait));
                    }

                    puts.Add(Task.Run(() => PutAsync(http, compactId, period, unit)));
                }

                return (await Task.WhenAll(puts), clock.Elapsed.TotalMilliseconds);
            });
            var (hostCpuAfter, azuriteCpuAfter, machineAfter) = (Load.CpuMilliseconds(host.Id), azurite == 0 ? 0 : Load.CpuMilliseconds(azurite), Load.MachineCpu());

            var latencies = results.Select(r => r.Ms).Order().ToArray();
            var idleSorted = idle.Order().ToArray();
            var p99 = Load.Percentile(latencies, 0.99);
            var mails = Directory.Exists(outbox) ? Directory.GetFiles(outbox).Length : 0;
            var busy = machineAfter.Busy - machine.Busy;
            var total = machineAfter.Total - machine.Total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {unitCount} | {results.Length} | {results.Count(r => !r.Ok)} | {Load.Percentile(latencies, 0.5):0.0} | {p99:0.0} | {latencies[^1]:0} | {Load.Percentile(idleSorted, 0.5):0.0} | {Load.Percentile(idleSorted, 0.99):0.0} | {p99 / Load.Percentile(idleSorted, 0.99):0.0} | {peak / 1048576.0:0} | {(hostCpuAfter - hostCpu) / elapsed * 100:0} | {(azurite == 0 ? "—" : ((azuriteCpuAfter - azuriteCpu) / elapsed * 100).ToString("0", CultureInfo.InvariantCulture))} | {(total == 0 ? 0 : busy * 100.0 / total):0} | {mails} |"));
        }
        finally
        {
            foreach (var child in children)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }

            if (Directory.Exists(outbox))
            {
                Directory.Delete(outbox, recursive: true);
            }
        }
    }

    private static string CompactId(int c) => $"rush-{c:D2}";

    private static string Reporter(string unit) => $"can-bo@{unit}.vn";

    /// <summary>A report PUT by the unit's reporter: its latency (ms) and whether it was answered with a success.</summary>
    private static async Task<(double Ms, bool Ok)> PutAsync(HttpClient http, string compactId, Period period, string unit)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"compacts/{compactId}/reports/{period}/{unit}")
            {
                Content = new StringContent($$"""{"values":{"q":true,"o":{{unit.Length}}},"note":"Báo cáo tháng"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(Reporter(unit)));
            using var response = await http.SendAsync(request);
            return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
        }
        catch (HttpRequestException)
        {
            return (watch.Elapsed.TotalMilliseconds, false);
        }
    }
}

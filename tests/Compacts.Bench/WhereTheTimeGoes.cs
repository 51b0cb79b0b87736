using System.Text;
using Compacts.DevHost;
using Microsoft.Extensions.Logging;
using static Compacts.Bench.Fixtures;
using static Compacts.Bench.Load;

namespace Compacts.Bench;

/// <summary>
/// `--only put`, after the throughput table: where a lone client's time goes. The same PUT called in process (no HTTP),
/// through the development host's invoker, through HTTP, next to the floor, the HTTP floor, a PUT refused by validation
/// and an HTTP round trip that does no work; the latency of each, and the CPU time of each process on its path.
/// </summary>
internal static class WhereTheTimeGoes
{
    public static async Task RunAsync(PutRig rig, int blockSize)
    {
        var units = BenchContext.Units;
        var admin = BenchContext.Admin;
        var inProcess = (Func<int, int, Task>)((_, _) => Call<ReportsFunctions>(rig.Services, Put(admin, Report(stamped: false)), (f, r) => f.PutReport(r, "cum6-2024", "2024-12", units[1], default)));
        var putFunction = rig.Services.GetRequiredService<FunctionCatalog>().Http.Single(f => f.Name == nameof(ReportsFunctions.PutReport));
        var invokerLogger = rig.Services.GetRequiredService<ILoggerFactory>().CreateLogger("bench");
        var viaInvoker = (Func<int, int, Task>)(async (_, _) =>
        {
            await using var scope = rig.Services.CreateAsyncScope();
            var context = Put(admin, Report(stamped: false));
            context.RequestServices = scope.ServiceProvider;
            context.Request.RouteValues["compactId"] = "cum6-2024";
            context.Request.RouteValues["period"] = "2024-10";
            context.Request.RouteValues["unitId"] = units[3];
            await FunctionInvoker.InvokeHttpAsync(putFunction, context, TimeSpan.FromMinutes(5), invokerLogger);
        });
        var nothing = (Func<int, int, Task>)(async (_, _) => { using var r = await rig.Http.GetAsync("no-such-route"); });
        var invalidBody = rig.Body.Replace("\"propaganda-sessions\":4", "\"propaganda-sessions\":-4", StringComparison.Ordinal);
        var refused = (Func<int, int, Task>)(async (_, _) =>
        {
            using var content = new StringContent(invalidBody, Encoding.UTF8, "application/json");
            using var r = await rig.Http.PutAsync($"compacts/cum6-2024/reports/2024-11/{units[2]}", content);
            if ((int)r.StatusCode != 400)
            {
                throw new InvalidOperationException($"expected 400, got {(int)r.StatusCode}");
            }
        });

        // Each path with the process that serves it (0: none apart from the bench's own).
        var (hostPid, barePid) = (rig.HostProcess?.Id ?? 0, rig.BareProcess?.Id ?? 0);

        // The host as shipped beside hosts that differ in one setting, when the host has its own process: idle workers that
        // spin (the runtime's default; functions/ServerRuntime.props ships 0), and no spans at all (OpenTelemetry's SDK off),
        // which prices the spans the app builds for Application Insights (here they go to no exporter).
        List<(string Name, Func<int, int, Task> Run, int Server)> variants = [];
        if (rig.HostProcess is not null)
        {
            foreach (var (name, environment, period) in new (string, Dictionary<string, string>, string)[]
            {
                ("report PUT through HTTP, the host's idle workers spinning (the runtime's default; not shipped)", new() { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "70" }, "2024-10"),
                ("report PUT through HTTP, no spans built (OTEL_SDK_DISABLED; not shipped)", new() { ["OTEL_SDK_DISABLED"] = "true" }, "2024-09"),
            })
            {
                var (process, http) = await rig.StartVariantHostAsync(environment);
                variants.Add((name, rig.HttpPut(period, units[2], http), process.Id));
            }
        }

        (string Name, Func<int, int, Task> Run, int Server)[] cases =
        [
            ("raw SDK transaction (the floor)", await rig.Floor("floor-split", 1), 0),
            ("report PUT, function called in process", inProcess, 0),
            ("report PUT through the development host's invoker, no HTTP", viaInvoker, 0),
            ("report PUT through HTTP", rig.HttpPut("2024-11", units[2]), hostPid),
            .. variants,
            ("the floor's transaction behind a bare HTTP endpoint (the HTTP floor)", rig.BarePut("bare-split"), barePid),
            ("report PUT refused by validation through HTTP (400, no storage)", refused, hostPid),
            ("HTTP round trip to an unknown route (404)", nothing, hostPid),
        ];
        foreach (var (_, run, _) in cases)
        {
            await WarmUp(1, run, rig.WarmUpTime / 2);
        }

        // Latency: the cases take turns request by request, so slow spells fall on all of them alike.
        var rounds = rig.Rounds;
        var n = rounds * blockSize;
        var latencies = new double[cases.Length, n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await cases[k].Run(0, i);
                latencies[k, i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }

        // CPU time per request of each process on the path, from /proc (clock ticks), over blocks of each case.
        var azurite = int.TryParse(Environment.GetEnvironmentVariable("COMPACTS_BENCH_AZURITE_PID"), out var pid) ? pid : 0;
        var cpu = new double[cases.Length, 3];
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                int[] pids = [Environment.ProcessId, cases[k].Server, azurite];
                var before = pids.Select(CpuMilliseconds).ToArray();
                await Measure(1, blockSize, cases[k].Run);
                for (var p = 0; p < pids.Length; p++)
                {
                    cpu[k, p] += (CpuMilliseconds(pids[p]) - before[p]) / (rounds * blockSize);
                }
            }
        }

        string Cpu(int k, int p) => (p == 1 ? cases[k].Server : p == 2 ? azurite : 1) == 0 ? "—" : cpu[k, p].ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"\n### One client: where the time goes ({n} requests of each path, taking turns; CPU ms per request of each process)\n\n| path | p50 ms | mean ms | mean vs floor | CPU: bench | CPU: server | CPU: Azurite |\n|---|---:|---:|---:|---:|---:|---:|");
        var floorMean = Enumerable.Range(0, n).Average(i => latencies[0, i]);
        foreach (var (k, (name, _, _)) in cases.Index())
        {
            var sorted = Enumerable.Range(0, n).Select(i => latencies[k, i]).Order().ToArray();
            Console.WriteLine($"| {name} | {Percentile(sorted, 0.5):0.00} | {sorted.Average():0.00} | {sorted.Average() / floorMean:0.00} | {Cpu(k, 0)} | {Cpu(k, 1)} | {Cpu(k, 2)} |");
        }
    }
}

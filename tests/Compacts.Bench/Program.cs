using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Compacts.Bench;
using Compacts.DevHost;
using Compacts.Domain;
using Compacts.Functions;
using Compacts.Functions.Auth;
using Compacts.Functions.Functions;
using Compacts.Functions.Http;
using Compacts.Functions.Reminders;
using Compacts.Functions.Standings;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

if (args.FirstOrDefault() == BareServer.Flag)
{
    await BareServer.RunAsync(args);
    return;
}

// The `bench` command (scripts/bench.sh): storage round trips per operation, report PUT throughput against the raw SDK floor,
// the scoring engine alone, and how the standings jobs scale with compacts. Prints ratios as well as times.
var connection = Environment.GetEnvironmentVariable("COMPACTS_BENCH_STORAGE") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true";
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault(); // trips, put, engine or standings
bool Runs(string part) => only is null || only == part;
var root = RepoRoot();
var admin = ClientPrincipal.Encode("thu-ky@cum6.bocongan.vn", ClientPrincipal.AdminRole);
string[] units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];
var demo = File.ReadAllText(Path.Combine(root, "demo", "cum6-2024.compact.json"));

var storageName = connection.Contains("127.0.0.1", StringComparison.Ordinal) || connection.Contains("UseDevelopmentStorage", StringComparison.Ordinal)
    ? "local Azurite"
    : System.Text.RegularExpressions.Regex.Match(connection, "AccountName=([^;]+)").Groups[1].Value is { Length: > 0 } account ? $"account {account}" : "the account in COMPACTS_BENCH_STORAGE";
Console.WriteLine($"# Bench run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; .NET {Environment.Version}; storage: {storageName})");

// 1. Round trips per operation.
if (Runs("trips"))
{
    var counter = new Counter();
    await using var app = App(Prefix(), counter, new FixedTime(new DateTimeOffset(2024, 4, 4, 1, 0, 0, TimeSpan.Zero)));
    await Seed(app.Services, units);
    var reporter = ClientPrincipal.Encode("can-bo@nghe-an.vn");
    await Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-02", "nghe-an", default)); // warm caches
    await app.Services.GetRequiredService<StandingsService>().ComputeAsync("cum6-2024", new Period(2024, 2), "bench", true, default); // and the standings table
    var rows = new List<(string, int, string)>
    {
        ("report PUT, first revision (caches warm)", await Count(counter, () => Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "≤ 2"),
        ("report PUT, next revision", await Count(counter, () => Call<ReportsFunctions>(app.Services, Put(reporter, Report()), (f, r) => f.PutReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "≤ 2"),
        ("report GET", await Count(counter, () => Call<ReportsFunctions>(app.Services, Get(reporter), (f, r) => f.GetReport(r, "cum6-2024", "2024-03", "nghe-an", default))), "—"),
        ("standings computation, 5 units (1 transaction)", await Count(counter, () => app.Services.GetRequiredService<StandingsService>().ComputeAsync("cum6-2024", new Period(2024, 3), "bench", true, default)), "≤ 3 reads + 1"),
    };

    // The daily reminder run over a compact of N units that all owe a reminder, and the demo compact (mails go to a local
    // outbox): the planner's messages, then the worker on each, as the queue trigger runs it.
    const int reminderUnits = 50;
    var many = Enumerable.Range(1, reminderUnits).Select(i => $"unit-{i:D3}").ToArray();
    await Seed(app.Services, many, compactId: "big-2024");
    counter.Reset();
    var planned = await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync(default);
    var reminderQueue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Services.GetRequiredService<WorkQueue<ReminderWork>>().Name);
    var summary = ReminderRunSummary.None;
    foreach (var message in (await reminderQueue.ReceiveMessagesAsync(32)).Value)
    {
        var work = JsonSerializer.Deserialize<ReminderWork>(message.Body, ApiJson.Options)!;
        summary = summary.Add(await app.Services.GetRequiredService<ReminderService>().RunCompactAsync(work.CompactId, default));
        await reminderQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    rows.Add(($"daily reminder run over {reminderUnits + 5} units in {planned.Count} compacts ({summary.Sent} mails): planner + a worker per compact", counter.Count, "~ 2 per mail + reads"));
    Console.WriteLine("\n## Storage round trips per operation\n\n| operation | round trips | goal |\n|---|---:|---|");
    foreach (var (name, trips, goal) in rows)
    {
        Console.WriteLine($"| {name} | {trips} | {goal} |");
    }
}

// 2. Report PUT throughput and latency through the HTTP stack, next to the same number of raw transactions: against the
// local Azurite, then with the storage a network distance away (both through the same latency proxy).
if (Runs("put"))
{
    await ComparePuts(connection, "Report PUT through HTTP vs the raw SDK floor", [1, 8, 32], quick ? 64 : 256, split: true);
    var tableEndpoint = System.Text.RegularExpressions.Regex.Match(connection, @"TableEndpoint=http://127\.0\.0\.1:(\d+)/");
    if (tableEndpoint.Success)
    {
        await using var proxy = new LatencyProxy(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, int.Parse(tableEndpoint.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(1));
        var distant = connection.Replace(tableEndpoint.Value, $"TableEndpoint=http://127.0.0.1:{proxy.Port}/", StringComparison.Ordinal);
        await ComparePuts(distant, $"The same with the table endpoint behind a latency proxy (each chunk held ≥ {proxy.OneWay.TotalMilliseconds:0} ms each way)", [1, 8], quick ? 32 : 64, split: false);
    }
}

async Task ComparePuts(string storage, string title, int[] levels, int blockSize, bool split)
{
    var prefix = Prefix();
    var host = DevHostApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = storage,
        ["Storage:TablePrefix"] = prefix,
        ["AzureWebJobsStorage"] = storage,
        ["DevHost:RunTimers"] = "false",
        ["DevHost:RunQueues"] = "false",
        ["DevHost:SettingsFile"] = "/nonexistent",
        ["DevHost:MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
        ["Storage:QueuePrefix"] = $"{prefix}-",
        ["Scans:Container"] = $"{prefix}-scans",
    }, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
    await host.StartAsync();
    var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Process? child = null, bareServer = null;
    var children = new List<Process>();
    var inProcessServers = new List<WebApplication>();
    if (!args.Contains("--in-process-host"))
    {
        // The development host as its own process, as run.sh runs it: its GC and thread pool apart from the load
        // generator's (and the floor's). The in-process host above serves the in-process rows and the seeding.
        (child, address) = await StartChild(children, port => [Path.Combine(AppContext.BaseDirectory, "Compacts.DevHost.dll"), "--urls", $"http://127.0.0.1:{port}"], new()
        {
            ["Storage__ConnectionString"] = storage, ["Storage__TablePrefix"] = prefix, ["AzureWebJobsStorage"] = storage,
            ["DevHost__RunTimers"] = "false", ["DevHost__RunQueues"] = "false", ["DevHost__SettingsFile"] = "/nonexistent",
            ["DevHost__MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
            ["Storage__QueuePrefix"] = $"{prefix}-", ["Scans__Container"] = $"{prefix}-scans", ["Logging__LogLevel__Default"] = "Warning",
        });
    }

    try
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address + "/api/") };
        http.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, admin);
        await Seed(host.Services, units);
        var table = await host.Services.GetRequiredService<Tables>().GetAsync(Tables.ReportsName);
        var rounds = quick ? 5 : 15;
        var warmUpTime = TimeSpan.FromSeconds(quick ? 2 : 5);
        var body = JsonSerializer.Serialize(Report(stamped: false), ApiJson.Options);
        Func<int, int, Task> HttpPut(string period, string unit) => async (_, _) =>
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PutAsync($"compacts/cum6-2024/reports/{period}/{unit}", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        };

        // The floor writes exactly what the app writes: its entities are copies of the revision row and pointer the app stored.
        var answerFile = Path.Combine(Path.GetTempPath(), $"{prefix}-answer.json");
        using (var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
        using (var first = await http.PutAsync($"compacts/cum6-2024/reports/2024-01/{units[0]}", content))
        {
            await File.WriteAllBytesAsync(answerFile, await first.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        }

        var partition = ReportStore.PartitionKey("cum6-2024", new Period(2024, 1));
        var storedPointer = (await table.GetEntityAsync<TableEntity>(partition, ReportStore.PointerKey(units[0]))).Value;
        var revisionKey = ReportStore.RevisionKey(units[0], storedPointer.GetInt32("Revision")!.Value);
        var storedRevision = (await table.GetEntityAsync<TableEntity>(partition, revisionKey)).Value;

        // The HTTP floor: the same transaction behind the barest HTTP endpoint, served as the development host is (its
        // own process, Server GC), with the same request body in and the app's answer out.
        string bareAddress;
        string[] bareArguments = [BareServer.Flag, "0", prefix, partition, ReportStore.PointerKey(units[0]), revisionKey, answerFile];
        if (child is null)
        {
            var bare = await BareServer.StartAsync("http://127.0.0.1:0", storage, bareArguments);
            inProcessServers.Add(bare);
            bareAddress = bare.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
        else
        {
            (bareServer, bareAddress) = await StartChild(children, port => [Path.Combine(AppContext.BaseDirectory, "Compacts.Bench.dll"), .. bareArguments[..1], port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. bareArguments[2..]],
                new() { ["COMPACTS_BENCH_STORAGE"] = storage, ["DOTNET_gcServer"] = "1" });
        }

        Func<int, int, Task> BarePut(string floorPartition) => async (client, _) =>
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PutAsync($"{bareAddress}/tx/{floorPartition}/{client}", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The HTTP floor answered {(int)response.StatusCode}.");
            }
        };

        var floorRevision = 0;
        async Task<Func<int, int, Task>> Floor(string floorPartition, int clients)
        {
            var etags = new ETag[clients];
            for (var client = 0; client < clients; client++)
            {
                etags[client] = (await table.AddEntityAsync(BareServer.Copy(storedPointer, floorPartition, $"cur_{client}", 0))).Headers.ETag!.Value;
            }

            return async (client, _) =>
            {
                var number = Interlocked.Increment(ref floorRevision);
                var response = await table.SubmitTransactionAsync([
                    new(TableTransactionActionType.Add, BareServer.Copy(storedRevision, floorPartition, $"rev_{client}_{number:D7}", number)),
                    new(TableTransactionActionType.UpdateReplace, BareServer.Copy(storedPointer, floorPartition, $"cur_{client}", number), etags[client])]);
                etags[client] = response.Value[1].Headers.ETag!.Value;
            };
        }

        // Every level's workloads, all warmed up before anything is measured: the host process has just started (JIT
        // tiering), and Azurite's JavaScript and both sides' connection pools warm up too. Side 0 is the floor, the
        // reference of every ratio; side 3 is the floor again on another partition, for the method's own noise.
        var workloads = new List<(int Clients, Func<int, int, Task>[] Sides)>();
        foreach (var clients in levels)
        {
            // Each client writes its own report (unit × month), as the floor's clients each own a pointer.
            var puts = Enumerable.Range(0, clients).Select(client => HttpPut($"2024-{(client / 5) + 1:D2}", units[client % 5])).ToArray();
            workloads.Add((clients, [await Floor($"floor-{clients}", clients), (client, i) => puts[client](client, i), BarePut($"bare-{clients}"), await Floor($"floor-{clients}-b", clients)]));
        }

        foreach (var (clients, sides) in workloads)
        {
            foreach (var (k, side) in sides.Index())
            {
                await WarmUp(clients, side, k == 3 ? warmUpTime / 4 : warmUpTime);
            }
        }

        Console.WriteLine($"\n## {title}\n\nThe floor, the app, the HTTP floor and the floor again (another partition) take turns: one client request by request ({rounds * blockSize} each, the order rotating); more clients in {rounds} rounds of blocks of max({blockSize}, 32 × clients) requests per side. A / B is A's throughput over B's (one client: B's total time over A's; more: the median of the rounds' paired ratios). HTTP floor: the same transaction behind a bare HTTP endpoint in its own process. floor / floor: the method's own noise.\n");
        Console.WriteLine("| clients | app req/s | app p50 ms | app p99 ms | floor tx/s | floor p50 ms | floor p99 ms | app / floor | HTTP floor / floor | app / HTTP floor | floor / floor |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (clients, sides) in workloads)
        {
            var (stats, ratio) = await Compare(clients, sides);
            var (floor, app) = (stats[0], stats[1]);
            Console.WriteLine($"| {clients} | {app.Rate:0} | {app.P50:0.0} | {app.P99:0.0} | {floor.Rate:0} | {floor.P50:0.0} | {floor.P99:0.0} | {ratio(1, 0):0.00} | {ratio(2, 0):0.00} | {ratio(1, 2):0.00} | {ratio(3, 0):0.00} |");
        }

        // The sides take turns; each side's rate and percentiles, and ratio(a, b): a's throughput over b's.
        async Task<((double Rate, double P50, double P99)[] Stats, Func<int, int, double> Ratio)> Compare(int clients, Func<int, int, Task>[] sides)
        {
            static (double Rate, double P50, double P99) Summarize(double[] latencies, double seconds)
            {
                var sorted = latencies.Order().ToArray();
                return (sorted.Length / seconds, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
            }

            if (clients == 1)
            {
                // Request by request, each side first in turn, so every slow spell of the shared machine and every
                // pause of Azurite's or .NET's collector falls on all sides alike.
                var n = rounds * blockSize;
                var latencies = new double[sides.Length][];
                for (var k = 0; k < sides.Length; k++)
                {
                    latencies[k] = new double[n];
                }

                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < sides.Length; j++)
                    {
                        var k = (i + j) % sides.Length;
                        var t0 = Stopwatch.GetTimestamp();
                        await sides[k](0, i);
                        latencies[k][i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    }
                }

                var totals = latencies.Select(l => l.Sum()).ToArray();
                return ([.. latencies.Select((l, k) => Summarize(l, totals[k] / 1000))], (a, b) => totals[b] / totals[a]);
            }

            // Several clients: the sides take turns in blocks; a ratio is the median of the rounds' paired ratios.
            var block = Math.Max(blockSize, clients * 32);
            var runs = sides.Select(_ => new List<(double Seconds, double[] Latencies)>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var j = 0; j < sides.Length; j++)
                {
                    var k = (round + j) % sides.Length;
                    runs[k].Add(await Measure(clients, block, sides[k]));
                }
            }

            return ([.. runs.Select(r => Summarize([.. r.SelectMany(x => x.Latencies)], r.Sum(x => x.Seconds)))],
                (a, b) => runs[a].Zip(runs[b], (x, y) => y.Seconds / x.Seconds).Order().ElementAt(rounds / 2));
        }

        // Where a lone client's time goes: the same PUT called in process (no HTTP), and an HTTP round trip that does no work.
        if (split)
        {
            var inProcess = (Func<int, int, Task>)((_, _) => Call<ReportsFunctions>(host.Services, Put(admin, Report(stamped: false)), (f, r) => f.PutReport(r, "cum6-2024", "2024-12", units[1], default)));
            var putFunction = host.Services.GetRequiredService<FunctionCatalog>().Http.Single(f => f.Name == nameof(ReportsFunctions.PutReport));
            var invokerLogger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("bench");
            var viaInvoker = (Func<int, int, Task>)(async (_, _) =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var context = Put(admin, Report(stamped: false));
                context.RequestServices = scope.ServiceProvider;
                context.Request.RouteValues["compactId"] = "cum6-2024";
                context.Request.RouteValues["period"] = "2024-10";
                context.Request.RouteValues["unitId"] = units[3];
                await FunctionInvoker.InvokeHttpAsync(putFunction, context, TimeSpan.FromMinutes(5), invokerLogger);
            });
            var nothing = (Func<int, int, Task>)(async (_, _) => { using var r = await http.GetAsync("no-such-route"); });
            var invalidBody = body.Replace("\"propaganda-sessions\":4", "\"propaganda-sessions\":-4", StringComparison.Ordinal);
            var refused = (Func<int, int, Task>)(async (_, _) =>
            {
                using var content = new StringContent(invalidBody, System.Text.Encoding.UTF8, "application/json");
                using var r = await http.PutAsync($"compacts/cum6-2024/reports/2024-11/{units[2]}", content);
                if ((int)r.StatusCode != 400)
                {
                    throw new InvalidOperationException($"expected 400, got {(int)r.StatusCode}");
                }
            });
            // Each path with the process that serves it (0: none apart from the bench's own).
            var (hostPid, barePid) = (child?.Id ?? 0, bareServer?.Id ?? 0);
            var cases = new (string Name, Func<int, int, Task> Run, int Server)[]
            {
                ("raw SDK transaction (the floor)", await Floor("floor-split", 1), 0),
                ("report PUT, function called in process", inProcess, 0),
                ("report PUT through the development host's invoker, no HTTP", viaInvoker, 0),
                ("report PUT through HTTP", HttpPut("2024-11", units[2]), hostPid),
                ("the floor's transaction behind a bare HTTP endpoint (the HTTP floor)", BarePut("bare-split"), barePid),
                ("report PUT refused by validation through HTTP (400, no storage)", refused, hostPid),
                ("HTTP round trip to an unknown route (404)", nothing, hostPid),
            };
            foreach (var (_, run, _) in cases)
            {
                await WarmUp(1, run, warmUpTime / 2);
            }

            // Latency: the cases take turns request by request, so slow spells fall on all of them alike.
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

            string Cpu(int k, int p) => (p == 1 ? cases[k].Server : p == 2 ? azurite : 1) == 0 ? "—" : cpu[k, p].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"\n### One client: where the time goes ({n} requests of each path, taking turns; CPU ms per request of each process)\n\n| path | p50 ms | mean ms | mean vs floor | CPU: bench | CPU: server | CPU: Azurite |\n|---|---:|---:|---:|---:|---:|---:|");
            var floorMean = Enumerable.Range(0, n).Average(i => latencies[0, i]);
            foreach (var (k, (name, _, _)) in cases.Index())
            {
                var sorted = Enumerable.Range(0, n).Select(i => latencies[k, i]).Order().ToArray();
                Console.WriteLine($"| {name} | {Percentile(sorted, 0.5):0.00} | {sorted.Average():0.00} | {sorted.Average() / floorMean:0.00} | {Cpu(k, 0)} | {Cpu(k, 1)} | {Cpu(k, 2)} |");
            }
        }
    }
    finally
    {
        foreach (var started in children)
        {
            started.Kill(entireProcessTree: true);
            await started.WaitForExitAsync();
        }

        foreach (var server in inProcessServers)
        {
            await server.DisposeAsync();
        }

        File.Delete(Path.Combine(Path.GetTempPath(), $"{prefix}-answer.json"));
    }

    await host.StopAsync();
    await DropTables(host.Services);
}

// 3. The scoring engine alone.
if (Runs("engine"))
{
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableLogFile);
    var report = BenchmarkRunner.Run<ScoringBenchmark>(config);
    var mean = report.Reports.Single().ResultStatistics!.Mean; // ns
    Console.WriteLine($"\n## Scoring engine (BenchmarkDotNet, in-process, short run)\n\n| case | mean | per compact vs 1 ms |\n|---|---:|---:|\n| 100 units × 50 criteria, ranked | {mean / 1000:0.0} µs | {mean / 1_000_000:0.000} |");
}

// 4. The standings jobs at 1, 100 and 1,000 compacts of 8 units: the planner's messages, then the worker on each.
if (Runs("standings"))
{
    Console.WriteLine("\n## Standings jobs by number of compacts (8 units each; planner + queue worker, 8 at a time)\n");
    Console.WriteLine("| compacts | seconds | round trips | round trips per compact | ms per compact | raw pointer query, ms |\n|---:|---:|---:|---:|---:|---:|");
    var sizes = quick ? new[] { 1, 10, 100 } : new[] { 1, 100, 1000 };
    App? largest = null;
    foreach (var n in sizes)
    {
        var counter = new Counter();
        var app = App(Prefix(), counter, new FixedTime(new DateTimeOffset(2024, 7, 10, 2, 0, 0, TimeSpan.Zero)));
        var eight = Enumerable.Range(1, 8).Select(i => $"u{i}").ToArray();
        await Seed(app.Services, eight, compactId: null);
        var compact = SmallCompact(eight);
        var reports = app.Services.GetRequiredService<ReportStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (k, ct) =>
        {
            await app.Services.GetRequiredService<CompactStore>().PutAsync($"c{k:D4}", compact, null, false, ct);
            foreach (var unit in eight)
            {
                await reports.SubmitAsync($"c{k:D4}", new Period(2024, 6), unit,
                    new RevisionDraft(new Dictionary<string, ReportValue> { ["q"] = ReportValue.Of(unit != "u1"), ["o"] = ReportValue.Of(unit.Length) },
                        null, new DateTimeOffset(2024, 7, 3, 2, 0, 0, TimeSpan.Zero), "bench"), _ => false, null, null, ct);
            }
        });

        counter.Reset();
        var watch = Stopwatch.StartNew();
        var planned = await app.Services.GetRequiredService<StandingsPlanner>().PlanAsync(default);
        var queue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Services.GetRequiredService<WorkQueue<StandingsWork>>().Name);
        var jobs = ActivatorUtilities.CreateInstance<StandingsJobs>(app.Services);
        var done = 0;
        while (done < planned.Count)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (message, ct) =>
            {
                await jobs.ComputeStandings(JsonSerializer.Deserialize<StandingsWork>(message.Body, ApiJson.Options)!, ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            });
            done += messages.Length;
        }

        watch.Stop();
        await queue.DeleteIfExistsAsync();

        var trips = counter.Count;

        // The same query as a computation's report read, issued directly, against the table at this size.
        var table = await app.Services.GetRequiredService<Tables>().GetAsync(Tables.ReportsName);
        var query = Stopwatch.StartNew();
        const int queries = 20;
        for (var k = 0; k < queries; k++)
        {
            var low = ReportStore.PartitionKey($"c{k % n:D4}", new Period(2024, 1));
            var high = ReportStore.PartitionKey($"c{k % n:D4}", new Period(2024, 6));
            await foreach (var _ in table.QueryAsync<TableEntity>(
                e => e.PartitionKey.CompareTo(low) >= 0 && e.PartitionKey.CompareTo(high) <= 0 && e.RowKey.CompareTo("cur_") >= 0 && e.RowKey.CompareTo("cur`") < 0))
            {
            }
        }

        Console.WriteLine($"| {n} | {watch.Elapsed.TotalSeconds:0.00} | {trips} | {(double)trips / n:0.0} | {watch.Elapsed.TotalMilliseconds / n:0.0} | {query.Elapsed.TotalMilliseconds / queries:0.00} |");
        if (n == sizes[^1])
        {
            largest = app;
        }
        else
        {
            await app.DisposeAsync();
        }
    }

    // Azurite answers a query by scanning the whole table, so the row above mixes two effects. Here the table size is
    // fixed (the largest store above) and only the number of compacts computed varies.
    var service = largest!.Services.GetRequiredService<StandingsService>();
    var fixedSize = sizes[^1];
    Console.WriteLine($"\n### Computations in a store of {fixedSize} compacts (table size fixed; 8 at a time)\n");
    Console.WriteLine("| compacts computed | seconds | ms per compact | time per compact vs the largest |\n|---:|---:|---:|---:|");
    var rows = new List<(int N, TimeSpan Elapsed)>();
    foreach (var n in sizes)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, ct) =>
            await service.ComputeAsync($"c{k:D4}", new Period(2024, 6), "bench", force: true, ct));
        rows.Add((n, watch.Elapsed));
    }

    var perLargest = rows[^1].Elapsed.TotalMilliseconds / rows[^1].N;
    foreach (var (n, elapsed) in rows)
    {
        Console.WriteLine($"| {n} | {elapsed.TotalSeconds:0.00} | {elapsed.TotalMilliseconds / n:0.0} | {elapsed.TotalMilliseconds / n / perLargest:0.00} |");
    }

    await largest.DisposeAsync();
}

return;

/// <summary>
/// Starts a server process (`dotnet` with the given arguments, on a free loopback port) and waits until it answers; it
/// is stopped in the caller's finally, or on this process's exit (SIGTERM or Ctrl+C too). COMPACTS_BENCH_HOST_ENV
/// ("NAME=value;…") adds runtime settings to it, for experiments.
/// </summary>
static async Task<(Process Process, string Address)> StartChild(List<Process> children, Func<int, string[]> arguments, Dictionary<string, string> environment)
{
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    var start = new ProcessStartInfo("dotnet", arguments(port)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    foreach (var setting in (Environment.GetEnvironmentVariable("COMPACTS_BENCH_HOST_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
    {
        var (name, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        start.Environment[name] = value;
    }

    var child = Process.Start(start)!;
    children.Add(child);
    AppDomain.CurrentDomain.ProcessExit += (_, _) => { if (!child.HasExited) { child.Kill(entireProcessTree: true); } };
    child.OutputDataReceived += (_, _) => { };
    child.ErrorDataReceived += (_, _) => { };
    child.BeginOutputReadLine();
    child.BeginErrorReadLine();
    var address = $"http://127.0.0.1:{port}";
    using var probe = new HttpClient();
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            (await probe.GetAsync($"{address}/api/no-such-route")).Dispose();
            return (child, address);
        }
        catch (HttpRequestException) when (attempt < 100 && !child.HasExited)
        {
            await Task.Delay(200);
        }
    }
}

static string Prefix() => "b" + Guid.NewGuid().ToString("N")[..12];

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from the repository.");
}

static object Report(bool stamped = true) => new
{
    values = new Dictionary<string, object>
    {
        ["propaganda-sessions"] = 4,
        ["emulation-plan"] = true,
        ["ministry-targets"] = true,
        ["no-surprise"] = true,
        ["crime-reduction"] = 1180,
        ["project06"] = 150000,
        ["drug-cases"] = 170,
        ["charity-houses"] = 2,
        ["cluster-coordination"] = true,
    },
    note = "Báo cáo tháng",
    receivedAt = stamped ? "2024-04-03T09:00:00+07:00" : null, // unstamped: the server's clock
};

static Compact SmallCompact(string[] units) => CompactValidator.Validate(new CompactDraft("Cụm 8", "Cụm", 2024, null, "2024-01-10",
    units.Select((u, i) => new MemberDraft(u, i == 0 ? "head" : "member")).ToList(), null,
    [new ContentDraft("c1", "Nội dung", [
        new CriterionDraft("q", "Đạt", "qualitative", 10, null, null, null, null, null, null, null, null),
        new CriterionDraft("o", "Số lần", "occurrence", 10, null, null, null, null, null, 1, null, null)])])).Compact!;

async Task Seed(IServiceProvider services, string[] unitIds, string? compactId = "cum6-2024")
{
    foreach (var unit in unitIds)
    {
        await services.GetRequiredService<UnitStore>().PutAsync(new Unit(unit, unit, [$"vp@{unit}.vn"]), default);
        await services.GetRequiredService<UserStore>().PutAsync(new User($"can-bo@{unit}.vn", unit, ""), default);
    }

    if (compactId == "cum6-2024")
    {
        var (compact, _) = CompactValidator.Validate(JsonSerializer.Deserialize<CompactDraft>(demo, ApiJson.Options)!);
        await services.GetRequiredService<CompactStore>().PutAsync(compactId, compact!, null, false, default);
    }
    else if (compactId is not null)
    {
        await services.GetRequiredService<CompactStore>().PutAsync(compactId, SmallCompact(unitIds), null, false, default);
    }
}

App App(string prefix, Counter counter, TimeProvider time)
{
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = connection,
        ["Storage:TablePrefix"] = prefix,
        ["Storage:QueuePrefix"] = $"{prefix}-",
        ["Scans:Container"] = $"{prefix}-scans",
        ["SendGrid:OutboxPath"] = Path.Combine(Path.GetTempPath(), $"{prefix}-outbox"),
    }).Build());
    services.AddLogging();
    services.AddCompactsApp();
    services.AddSingleton(time);
    var tableOptions = new TableClientOptions();
    tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
    services.AddSingleton(tableOptions);
    var queueOptions = new QueueClientOptions();
    queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
    services.AddSingleton(queueOptions);
    return new App(services.BuildServiceProvider(), prefix);
}

static async Task<int> Count(Counter counter, Func<Task> action)
{
    counter.Reset();
    await action();
    return counter.Count;
}

static async Task Call<T>(IServiceProvider services, HttpContext context, Func<T, HttpRequest, Task<IActionResult>> call) where T : class
{
    context.RequestServices = services;
    var result = await call(ActivatorUtilities.CreateInstance<T>(services), context.Request);
    await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
    if (context.Response.StatusCode >= 300)
    {
        throw new InvalidOperationException($"answered {context.Response.StatusCode}");
    }
}

static HttpContext Get(string principal)
{
    var context = new DefaultHttpContext();
    context.Request.Method = "GET";
    context.Request.Headers[ClientPrincipal.HeaderName] = principal;
    context.Response.Body = new MemoryStream();
    return context;
}

static HttpContext Put(string principal, object body)
{
    var context = Get(principal);
    context.Request.Method = "PUT";
    context.Request.ContentType = "application/json";
    var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
    context.Request.Body = new MemoryStream(bytes);
    context.Request.ContentLength = bytes.Length;
    return context;
}

/// <summary>Runs blocks of requests until <paramref name="duration"/> has passed (at least 400 requests and 40 per client).</summary>
static async Task WarmUp(int clients, Func<int, int, Task> request, TimeSpan duration)
{
    var watch = Stopwatch.StartNew();
    var done = 0;
    while (watch.Elapsed < duration || done < Math.Max(400, clients * 40))
    {
        await Measure(clients, clients * 20, request);
        done += clients * 20;
    }
}

/// <summary>User + system CPU time of a process so far, from /proc/{pid}/stat (0 when it cannot be read).</summary>
static double CpuMilliseconds(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 1000.0 / 100; // USER_HZ
    }
    catch (IOException)
    {
        return 0;
    }
}

static double Percentile(double[] sorted, double p) => sorted[(int)(sorted.Length * p)];

/// <summary>Runs <paramref name="total"/> requests from <paramref name="clients"/> concurrent clients: the elapsed seconds and the sorted latencies (ms).</summary>
static async Task<(double Seconds, double[] Latencies)> Measure(int clients, int total, Func<int, int, Task> request)
{
    var latencies = new double[total];
    var perClient = total / clients;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
    {
        for (var i = 0; i < perClient; i++)
        {
            var one = Stopwatch.StartNew();
            await request(client, i);
            latencies[(client * perClient) + i] = one.Elapsed.TotalMilliseconds;
        }
    })));
    watch.Stop();
    Array.Sort(latencies);
    return (watch.Elapsed.TotalSeconds, latencies);
}

static async Task DropTables(IServiceProvider services)
{
    var tables = services.GetRequiredService<Tables>();
    foreach (var name in Tables.All)
    {
        await tables.Service.DeleteTableAsync(tables.FullName(name));
    }
}

sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

sealed class Counter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

sealed class App(ServiceProvider services, string prefix) : IAsyncDisposable
{
    public IServiceProvider Services => services;

    public async ValueTask DisposeAsync()
    {
        var tables = services.GetRequiredService<Tables>();
        foreach (var name in Tables.All)
        {
            await tables.Service.DeleteTableAsync(tables.FullName(name));
        }

        await services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{prefix}-{QueueNames.Standings}").DeleteIfExistsAsync();
        await services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{prefix}-{QueueNames.Reminders}").DeleteIfExistsAsync();
        await services.DisposeAsync();
    }
}

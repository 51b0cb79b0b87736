using System.Text;
using Compacts.DevHost;

namespace Compacts.Bench;

/// <summary>
/// `--only coldstart`: the time from a process's start to its first answered report PUT (and, for the app, to its first
/// <c>/api/health</c>), for the development host as published (`dotnet publish -c Release`, run with `dotnet`, as the
/// Functions host runs the worker) under several settings, against the HTTP floor's process doing the same transaction.
/// Each start is a new process; the settings take turns run by run, so the machine's slow spells fall on all alike. The
/// processes write their own marks (<see cref="StartupTimeline"/>): the runtime's start up to Main, the host's build (DI),
/// its start up to listening, and the first request's time in storage calls and outside them (JIT, DI, the function).
/// The operating system's file cache is warm (a first start is run and discarded): this is the runtime's cold start, not the disk's.
/// </summary>
internal static class ColdStart
{
    private const string Unit = "thanh-hoa";

    public static async Task RunAsync(BenchContext bench)
    {
        // Published beside the bench's build, and kept: the next run's publish is incremental.
        var il = await PublishAsync(Path.Combine(AppContext.BaseDirectory, "coldstart", "il"), readyToRun: false);
        var r2r = await PublishAsync(Path.Combine(AppContext.BaseDirectory, "coldstart", "r2r"), readyToRun: true);
        var prefix = Fixtures.Prefix();
        await using var app = bench.CreateApp(prefix, new Counter(), TimeProvider.System);
        await bench.SeedAsync(app.Services, BenchContext.Units);
        var answerFile = Path.Combine(Path.GetTempPath(), $"{prefix}-answer.json");
        try
        {
            var appEnvironment = new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = bench.Connection, ["Storage__TablePrefix"] = prefix, ["AzureWebJobsStorage"] = bench.Connection,
                ["DevHost__RunTimers"] = "false", ["DevHost__RunQueues"] = "false", ["DevHost__SettingsFile"] = "/nonexistent",
                ["Storage__QueuePrefix"] = $"{prefix}-", ["Scans__Container"] = $"{prefix}-scans", ["Evidence__Container"] = $"{prefix}-evidence",
                ["Logging__LogLevel__Default"] = "Warning", [StartupTimeline.SettingName.Replace(":", "__", StringComparison.Ordinal)] = "true",
            };

            // A first start, discarded: it warms the file cache, creates the reports table and stores the revision the floor copies.
            var first = await StartOnceAsync(Setting.App("first", il, false, appEnvironment), Request.Put, "");
            await File.WriteAllBytesAsync(answerFile, Encoding.UTF8.GetBytes(first.Answer));
            var table = await app.Services.GetRequiredService<Tables>().GetAsync(Tables.ReportsName);
            var partition = ReportStore.PartitionKey("cum6-2024", new Period(2024, 1));
            var pointer = (await table.GetEntityAsync<TableEntity>(partition, ReportStore.PointerKey(Unit))).Value;
            var revisionKey = ReportStore.RevisionKey(Unit, pointer.GetInt32("Revision")!.Value);
            var eventKey = ReviewRows.EventKey(Unit, ReviewRows.ReadStatus(pointer).Events);
            string[] Floor(string dll) => [dll, BareServer.Flag, "PORT", prefix, partition, ReportStore.PointerKey(Unit), revisionKey, eventKey, answerFile];

            // The HTTP floor beside the ReadyToRun app: the bench's assembly (IL, no deps.json, so the runtime takes the
            // directory's assemblies) among the ReadyToRun libraries of the published app (Azure SDK, ASP.NET Core's packages).
            var r2rFloor = Path.Combine(Path.GetDirectoryName(r2r[0])!, "Compacts.Bench.dll");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Compacts.Bench.dll"), r2rFloor, overwrite: true);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Compacts.Bench.runtimeconfig.json"), Path.ChangeExtension(r2rFloor, ".runtimeconfig.json"), overwrite: true);
            var floorEnvironment = new Dictionary<string, string>
            {
                ["COMPACTS_BENCH_STORAGE"] = bench.Connection, ["DOTNET_gcServer"] = "1", ["AZURE_EXPERIMENTAL_ENABLE_ACTIVITY_SOURCE"] = "true",
            };

            Dictionary<string, string> With(params (string Name, string Value)[] changes)
            {
                var environment = new Dictionary<string, string>(appEnvironment);
                foreach (var (name, value) in changes)
                {
                    environment[name] = value;
                }

                return environment;
            }

            var noCreate = ("Storage__CreateTablesIfMissing", "false");

            // With a key the app sends through SendGrid rather than to the outbox; the first PUT sends nothing, so the host is never called.
            (string, string)[] sendGrid = [("SendGrid__ApiKey", "SG.bench"), ("SendGrid__FromEmail", "bench@example.org"), ("SendGrid__Host", "http://127.0.0.1:9")];
            Setting[] settings =
            [
                new("HTTP floor, IL (the bench's build)", Floor(Path.Combine(AppContext.BaseDirectory, "Compacts.Bench.dll")), floorEnvironment, ReadyToRun: false, IsFloor: true),
                new("HTTP floor among the ReadyToRun libraries", Floor(r2rFloor), floorEnvironment, ReadyToRun: true, IsFloor: true),
                Setting.App("app, IL only, tables created if missing (the local default)", il, false, With()),
                Setting.App("app, IL only, `Storage__CreateTablesIfMissing=false` (as Bicep sets in Azure)", il, false, With(noCreate)),
                Setting.App("app, ReadyToRun, `CreateTablesIfMissing=false`", r2r, true, With(noCreate)),
                Setting.App("app, ReadyToRun, `CreateTablesIfMissing=false`, a SendGrid key (as in Azure)", r2r, true, With([noCreate, .. sendGrid])),
                Setting.App("app, ReadyToRun, `CreateTablesIfMissing=false`, `TieredPGO=0`", r2r, true, With(noCreate, ("DOTNET_TieredPGO", "0"))),
                Setting.App("app, ReadyToRun, `CreateTablesIfMissing=false`, `TC_QuickJitForLoops=0`", r2r, true, With(noCreate, ("DOTNET_TC_QuickJitForLoops", "0"))),
                Setting.App("app, ReadyToRun, `CreateTablesIfMissing=false`, `TieredCompilation=0`", r2r, true, With(noCreate, ("DOTNET_TieredCompilation", "0"))),
            ];

            var (puts, healths) = bench.Quick ? (2, 1) : (5, 3);
            var results = settings.Select(_ => (Put: new List<Start>(), Health: new List<Start>())).ToArray();
            for (var rep = 0; rep < puts; rep++)
            {
                for (var k = 0; k < settings.Length; k++)
                {
                    var setting = settings[(k + rep) % settings.Length];
                    var index = Array.IndexOf(settings, setting);
                    results[index].Put.Add(await StartOnceAsync(setting, Request.Put, $"cold-{rep}-{index}"));
                    if (rep < healths && !setting.IsFloor)
                    {
                        results[index].Health.Add(await StartOnceAsync(setting, Request.Health, ""));
                    }
                }
            }

            double FloorMs(bool readyToRun) => Median(results[Array.FindIndex(settings, s => s.IsFloor && s.ReadyToRun == readyToRun)].Put.Select(s => s.Milliseconds));
            Console.WriteLine($"\n## Cold start: process start to the first answered report PUT\n\nEach start a new process (`dotnet <dll>`), {puts} starts per setting (the settings taking turns), {healths} more per app setting to the first `/api/health`; medians. The app is the development host published with `dotnet publish -c Release` (Server GC, no timers or queue listeners, log level Warning), the tables already exist, the first request is the admin's PUT of a report. Phases (medians each, so they need not add up): runtime = process start to Main; build = the host built (configuration, DI); start = to listening; storage = the SDK's HTTP spans until the answer (calls); request = the first request's time outside storage (routing, DI, JIT, the function); other = the client's polling and the answer's trip.\n");
            Console.WriteLine("| setting | first PUT ms | vs HTTP floor of its kind | first /api/health ms | runtime | build | start | storage ms (calls) | request | other |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (setting, (put, health)) in settings.Zip(results))
            {
                var total = Median(put.Select(s => s.Milliseconds));
                var marks = put.Where(s => s.Marks is not null).Select(s => (s.Started, s.Milliseconds, M: s.Marks!)).ToList();
                double Phase(Func<(DateTimeOffset Started, double Milliseconds, StartupTimeline.Marks M), double> f) => Median(marks.Select(f));
                var storage = Phase(m => m.M.StorageBeforeMs + m.M.StorageMs);
                var calls = Median(marks.Select(m => (double)(m.M.StorageBeforeCalls + m.M.StorageCalls)));
                var request = Phase(m => (m.M.RequestEnd - m.M.RequestStart).TotalMilliseconds - m.M.StorageMs);
                var other = Phase(m => m.Milliseconds - (m.M.RequestEnd - m.Started).TotalMilliseconds + (m.M.RequestStart - m.M.Listening).TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {setting.Name} | {total:0} | {total / FloorMs(setting.ReadyToRun):0.00} | {(health.Count > 0 ? Median(health.Select(s => s.Milliseconds)).ToString("0", CultureInfo.InvariantCulture) : "—")} | {Phase(m => (m.M.Main - m.Started).TotalMilliseconds):0} | {Phase(m => (m.M.Built - m.M.Main).TotalMilliseconds):0} | {Phase(m => (m.M.Listening - m.M.Built).TotalMilliseconds):0} | {storage:0} ({calls:0}) | {request:0} | {other:0} |"));
            }
        }
        finally
        {
            File.Delete(answerFile);
        }
    }

    private enum Request
    {
        Put,
        Health,
    }

    /// <summary>Starts the process, sends the request as soon as a connection is accepted, and stops it after the answer.</summary>
    private static async Task<Start> StartOnceAsync(Setting setting, Request request, string floorPartition)
    {
        var port = ServerProcess.FreePort();
        var address = $"http://127.0.0.1:{port}";
        var body = JsonSerializer.Serialize(Fixtures.Report(stamped: false), ApiJson.Options);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) });
        http.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, BenchContext.Admin);
        var marks = new TaskCompletionSource<StartupTimeline.Marks>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arguments = setting.IsFloor
            ? setting.Arguments.Select(a => a == "PORT" ? port.ToString(CultureInfo.InvariantCulture) : a).ToArray()
            : [.. setting.Arguments, "--urls", address];
        var started = DateTimeOffset.UtcNow;
        using var process = ServerProcess.Launch(arguments, setting.Environment, line =>
        {
            if (StartupTimeline.Parse(line) is { } parsed)
            {
                marks.TrySetResult(parsed);
            }
        });
        try
        {
            var deadline = started.AddSeconds(60);
            while (true)
            {
                using var message = request == Request.Health
                    ? new HttpRequestMessage(HttpMethod.Get, $"{address}/api/health")
                    : new HttpRequestMessage(HttpMethod.Put, setting.IsFloor ? $"{address}/tx/{floorPartition}/0" : $"{address}/api/compacts/cum6-2024/reports/2024-01/{Unit}")
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                try
                {
                    using var response = await http.SendAsync(message);
                    var answer = await response.Content.ReadAsStringAsync();
                    var milliseconds = (DateTimeOffset.UtcNow - started).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{setting.Name}: the first request answered {(int)response.StatusCode}: {answer}");
                    }

                    var timeline = await Task.WhenAny(marks.Task, Task.Delay(TimeSpan.FromSeconds(5))) == marks.Task ? await marks.Task : null;
                    return new Start(started, milliseconds, timeline, answer);
                }
                catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(2); // not listening yet
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Publishes the development host (Release) into <paramref name="output"/>, ReadyToRun or IL only.</summary>
    private static async Task<string[]> PublishAsync(string output, bool readyToRun)
    {
        var watch = Stopwatch.StartNew();
        string[] arguments =
        [
            "publish", Path.Combine(BenchContext.RepoRoot(), "functions", "Compacts.DevHost"), "-c", "Release", "-o", output, "-v", "quiet", "-nologo",
            "-p:IsPublishable=true", .. readyToRun ? new[] { "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true" } : ["-p:PublishReadyToRun=false"],
        ];
        using var publish = Process.Start(new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{await log}\n{await errors}");
        }

        Console.Error.WriteLine($"(published {(readyToRun ? "ReadyToRun" : "IL only")} in {watch.Elapsed.TotalSeconds:0} s)");
        return
        [
            Path.Combine(output, "Compacts.DevHost.dll"),
            "--DevHost:MetadataFile", File.Exists(Path.Combine(output, "functions.metadata")) ? Path.Combine(output, "functions.metadata") : Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
        ];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <param name="ReadyToRun">Whether its libraries are ReadyToRun-compiled: the app is compared with the floor of the same kind.</param>
    private sealed record Setting(string Name, string[] Arguments, Dictionary<string, string> Environment, bool ReadyToRun, bool IsFloor = false)
    {
        public static Setting App(string name, string[] published, bool readyToRun, Dictionary<string, string> environment) => new(name, published, environment, readyToRun);
    }

    private sealed record Start(DateTimeOffset Started, double Milliseconds, StartupTimeline.Marks? Marks, string Answer);
}

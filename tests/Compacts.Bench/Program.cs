using Compacts.Bench;

if (args.FirstOrDefault() == BareServer.Flag)
{
    await BareServer.RunAsync(args);
    return;
}

// The `bench` command (scripts/bench.sh): storage round trips per operation, report PUT throughput against the raw SDK floor,
// the host's memory during evidence uploads and the year's workbook, the scoring engine alone, how the standings and reminder
// jobs scale with compacts, the cold start against the HTTP floor's, and the due-day rush. Prints ratios as well as times.
// Options: --quick (smaller sizes), --only trips|put|upload|workbook|engine|standings|coldstart|rush, --in-process-host (the development host in this
// process); COMPACTS_BENCH_STORAGE (the storage), COMPACTS_BENCH_AZURITE_PID and COMPACTS_BENCH_HOST_ENV.
var bench = new BenchContext(
    Connection: Environment.GetEnvironmentVariable("COMPACTS_BENCH_STORAGE") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true",
    Quick: args.Contains("--quick"),
    InProcessHost: args.Contains("--in-process-host"));
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
bool Runs(string part) => only is null || only == part;

Console.WriteLine($"# Bench run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; .NET {Environment.Version}; storage: {bench.StorageName})");

if (Runs("trips"))
{
    await RoundTrips.RunAsync(bench);
}

if (Runs("put"))
{
    var blockSize = bench.Quick ? 64 : 256;
    await using (var rig = await PutRig.StartAsync(bench, bench.Connection))
    {
        await PutThroughput.RunAsync(rig, "Report PUT through HTTP vs the raw SDK floor", [1, 8, 32], blockSize);
        await WhereTheTimeGoes.RunAsync(rig, blockSize);
    }

    await DistantStorage.RunAsync(bench, bench.Quick ? 32 : 64);
}

if (Runs("upload"))
{
    await UploadMemory.RunAsync(bench);
}

if (Runs("workbook"))
{
    await YearWorkbookMemory.RunAsync(bench);
}

if (Runs("engine"))
{
    ScoringEngine.Run();
}

if (Runs("standings"))
{
    await StandingsScaling.RunAsync(bench);
}

if (Runs("coldstart"))
{
    await ColdStart.RunAsync(bench);
}

if (Runs("rush"))
{
    await Rush.RunAsync(bench);
}

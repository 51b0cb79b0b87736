using static Compacts.Bench.Load;

namespace Compacts.Bench;

/// <summary>
/// `--only put`: report PUT throughput and latency through the HTTP stack, next to the same number of raw transactions
/// (the floor) and the floor's transaction behind a bare HTTP endpoint (the HTTP floor).
/// </summary>
internal static class PutThroughput
{
    public static async Task RunAsync(PutRig rig, string title, int[] levels, int blockSize)
    {
        // Every level's workloads, all warmed up before anything is measured: the host process has just started (JIT
        // tiering), and Azurite's JavaScript and both sides' connection pools warm up too. Side 0 is the floor, the
        // reference of every ratio; side 3 is the floor again on another partition, for the method's own noise.
        var workloads = new List<(int Clients, Func<int, int, Task>[] Sides)>();
        foreach (var clients in levels)
        {
            // Each client writes its own report (unit × month), as the floor's clients each own a pointer.
            var puts = Enumerable.Range(0, clients).Select(client => rig.HttpPut($"2024-{(client / 5) + 1:D2}", BenchContext.Units[client % 5])).ToArray();
            workloads.Add((clients, [await rig.Floor($"floor-{clients}", clients), (client, i) => puts[client](client, i), rig.BarePut($"bare-{clients}"), await rig.Floor($"floor-{clients}-b", clients)]));
        }

        foreach (var (clients, sides) in workloads)
        {
            foreach (var (k, side) in sides.Index())
            {
                await WarmUp(clients, side, k == 3 ? rig.WarmUpTime / 4 : rig.WarmUpTime);
            }
        }

        var rounds = rig.Rounds;
        Console.WriteLine($"\n## {title}\n\nThe floor, the app, the HTTP floor and the floor again (another partition) take turns: one client request by request ({rounds * blockSize} each, the order rotating); more clients in {rounds} rounds of blocks of max({blockSize}, 32 × clients) requests per side. A / B is A's throughput over B's (one client: B's total time over A's; more: the median of the rounds' paired ratios). HTTP floor: the same transaction behind a bare HTTP endpoint in its own process. floor / floor: the method's own noise. Machine busy: both cores' busy time over the floor's and the app's blocks (more clients only), in % of both cores: near 100, the cores bound the rate; from 50, Azurite's one JavaScript thread can.\n");
        Console.WriteLine("| clients | app req/s | app p50 ms | app p99 ms | floor tx/s | floor p50 ms | floor p99 ms | app / floor | HTTP floor / floor | app / HTTP floor | floor / floor | machine busy %: floor, app |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (clients, sides) in workloads)
        {
            var (stats, ratio, busy) = await Compare(clients, sides, rounds, blockSize);
            var (floor, app) = (stats[0], stats[1]);
            var busyColumn = busy is null ? "—" : $"{busy[0]:0}, {busy[1]:0}";
            Console.WriteLine($"| {clients} | {app.Rate:0} | {app.P50:0.0} | {app.P99:0.0} | {floor.Rate:0} | {floor.P50:0.0} | {floor.P99:0.0} | {ratio(1, 0):0.00} | {ratio(2, 0):0.00} | {ratio(1, 2):0.00} | {ratio(3, 0):0.00} | {busyColumn} |");
        }
    }

    /// <summary>
    /// The sides take turns; each side's rate and percentiles, ratio(a, b): a's throughput over b's, and (more clients only)
    /// the machine's busy share over each side's blocks, in %.
    /// </summary>
    private static async Task<((double Rate, double P50, double P99)[] Stats, Func<int, int, double> Ratio, double[]? Busy)> Compare(int clients, Func<int, int, Task>[] sides, int rounds, int blockSize)
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
            return ([.. latencies.Select((l, k) => Summarize(l, totals[k] / 1000))], (a, b) => totals[b] / totals[a], null);
        }

        // Several clients: the sides take turns in blocks; a ratio is the median of the rounds' paired ratios.
        var block = Math.Max(blockSize, clients * 32);
        var runs = sides.Select(_ => new List<(double Seconds, double[] Latencies)>()).ToArray();
        var (busy, total) = (new long[sides.Length], new long[sides.Length]);
        for (var round = 0; round < rounds; round++)
        {
            for (var j = 0; j < sides.Length; j++)
            {
                var k = (round + j) % sides.Length;
                var before = MachineCpu();
                runs[k].Add(await Measure(clients, block, sides[k]));
                var after = MachineCpu();
                (busy[k], total[k]) = (busy[k] + after.Busy - before.Busy, total[k] + after.Total - before.Total);
            }
        }

        return ([.. runs.Select(r => Summarize([.. r.SelectMany(x => x.Latencies)], r.Sum(x => x.Seconds)))],
            (a, b) => runs[a].Zip(runs[b], (x, y) => y.Seconds / x.Seconds).Order().ElementAt(rounds / 2),
            [.. busy.Zip(total, (b, t) => t == 0 ? 0 : b * 100.0 / t)]);
    }
}

namespace Compacts.Bench;

/// <summary>Load generation and what is measured of it: request blocks from concurrent clients, percentiles, CPU time.</summary>
internal static class Load
{
    /// <summary>Runs blocks of requests until <paramref name="duration"/> has passed (at least 400 requests and 40 per client).</summary>
    public static async Task WarmUp(int clients, Func<int, int, Task> request, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        while (watch.Elapsed < duration || done < Math.Max(400, clients * 40))
        {
            await Measure(clients, clients * 20, request);
            done += clients * 20;
        }
    }

    /// <summary>Runs <paramref name="total"/> requests from <paramref name="clients"/> concurrent clients: the elapsed seconds and the sorted latencies (ms).</summary>
    public static async Task<(double Seconds, double[] Latencies)> Measure(int clients, int total, Func<int, int, Task> request)
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

    public static double Percentile(double[] sorted, double p) => sorted[(int)(sorted.Length * p)];

    /// <summary>User + system CPU time of a process so far, from /proc/{pid}/stat (0 when it cannot be read).</summary>
    public static double CpuMilliseconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000.0 / 100; // USER_HZ
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Runs <paramref name="action"/> while sampling <paramref name="process"/>'s working set every <paramref name="every"/>: before it and the peak.</summary>
    public static async Task<(long Before, long Peak, T Result)> WithPeakWorkingSet<T>(Process process, TimeSpan every, Func<Task<T>> action)
    {
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(every);
            }
        });
        T result;
        try
        {
            result = await action();
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        return (before, peak, result); // read once the sampler has stopped, not before the action ran
    }

    /// <summary>The machine's busy and total CPU time so far, in jiffies, from /proc/stat.</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total); // idle and iowait are not busy
    }
}

using Azure.Storage.Queues;
using Compacts.Functions.Compacts;
using Compacts.Functions.Reminders;
using Compacts.Functions.Standings;
using Microsoft.Extensions.Options;

namespace Compacts.Bench;

/// <summary>
/// `--only standings`: the standings jobs at 1, 100 and 2,000 compacts of 10 units (1, 10, 100 with `--quick`): the
/// planner's messages, then the worker on each; the daily reminder job on the same store (planner, then a worker per
/// compact; one unit of each compact has not reported, so each compact owes one mail); then computations in a store of fixed size.
/// </summary>
internal static class StandingsScaling
{
    private const int UnitsPerCompact = 10;

    /// <summary>July 4, 09:00 in Hà Nội: June's reports are due tomorrow, a reminder day.</summary>
    private static readonly DateTimeOffset ReminderDay = new(2024, 7, 4, 2, 0, 0, TimeSpan.Zero);

    /// <summary>July 10: June's standings are planned.</summary>
    private static readonly DateTimeOffset StandingsDay = new(2024, 7, 10, 2, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(BenchContext bench)
    {
        Console.WriteLine($"\n## Standings and reminder jobs by number of compacts ({UnitsPerCompact} units each; planner + queue worker, 8 at a time)\n");
        Console.WriteLine("| compacts | standings: seconds | round trips | round trips per compact | ms per compact | reminders: seconds | round trips | round trips per compact | ms per compact | mails | raw pointer query, ms |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var sizes = bench.Quick ? new[] { 1, 10, 100 } : new[] { 1, 100, 2000 };
        App? largest = null;
        foreach (var n in sizes)
        {
            var counter = new Counter();
            var clock = new FixedTime(StandingsDay);
            var app = bench.CreateApp(Fixtures.Prefix(), counter, clock);
            var units = Enumerable.Range(1, UnitsPerCompact).Select(i => $"u{i}").ToArray();
            await bench.SeedAsync(app.Services, units, compactId: null);
            var compact = Fixtures.SmallCompact(units);
            var reports = app.Services.GetRequiredService<ReportStore>();
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (k, ct) =>
            {
                await app.Services.GetRequiredService<CompactStore>().PutAsync($"c{k:D4}", compact, null, false, ct);
                foreach (var unit in units.SkipLast(1)) // the last unit owes its report: a reminder per compact
                {
                    await reports.SubmitAsync($"c{k:D4}", new Period(2024, 6), unit,
                        new RevisionDraft(new Dictionary<string, ReportValue> { ["q"] = ReportValue.Of(unit != "u1"), ["o"] = ReportValue.Of(unit.Length) },
                            null, new DateTimeOffset(2024, 7, 3, 2, 0, 0, TimeSpan.Zero), "bench"), _ => false, null, null, ct);
                }
            });

            clock.Set(ReminderDay);
            counter.Reset();
            var reminderWatch = Stopwatch.StartNew();
            var reminderQueue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Services.GetRequiredService<WorkQueue<ReminderWork>>().Name);
            var reminders = app.Services.GetRequiredService<ReminderService>();
            var mails = 0;
            await DrainAsync(reminderQueue, (await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync(default)).Count, async (body, ct) =>
                Interlocked.Add(ref mails, (await reminders.RunCompactAsync(JsonSerializer.Deserialize<ReminderWork>(body, ApiJson.Options)!.CompactId, ct)).Sent));
            reminderWatch.Stop();
            var reminderTrips = counter.Count;
            await reminderQueue.DeleteIfExistsAsync();
            clock.Set(StandingsDay);

            counter.Reset();
            var watch = Stopwatch.StartNew();
            var queue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Services.GetRequiredService<WorkQueue<StandingsWork>>().Name);
            var jobs = ActivatorUtilities.CreateInstance<StandingsJobs>(app.Services);
            await DrainAsync(queue, (await app.Services.GetRequiredService<StandingsPlanner>().PlanAsync(default)).Count, async (body, ct) =>
                await jobs.ComputeStandings(JsonSerializer.Deserialize<StandingsWork>(body, ApiJson.Options)!, ct));
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

            Console.WriteLine($"| {n} | {watch.Elapsed.TotalSeconds:0.00} | {trips} | {(double)trips / n:0.0} | {watch.Elapsed.TotalMilliseconds / n:0.0} | {reminderWatch.Elapsed.TotalSeconds:0.00} | {reminderTrips} | {(double)reminderTrips / n:0.0} | {reminderWatch.Elapsed.TotalMilliseconds / n:0.0} | {mails} | {query.Elapsed.TotalMilliseconds / queries:0.00} |");
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

    /// <summary>Receives the <paramref name="expected"/> messages of <paramref name="queue"/>, 32 at a time, each handled and deleted, 8 at a time (as queue instances would).</summary>
    private static async Task DrainAsync(QueueClient queue, int expected, Func<BinaryData, CancellationToken, Task> handle)
    {
        var done = 0;
        while (done < expected)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (message, ct) =>
            {
                await handle(message.Body, ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            });
            done += messages.Length;
        }
    }
}

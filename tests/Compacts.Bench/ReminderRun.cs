using Azure.Storage.Queues;
using Compacts.Functions.Reminders;

namespace Compacts.Bench;

/// <summary>
/// A row of the round-trip table: the daily reminder run over a compact of N units that all owe a reminder, and the demo
/// compact (mails go to a local outbox): the planner's messages, then the worker on each, as the queue trigger runs it.
/// </summary>
internal static class ReminderRun
{
    private const int ReminderUnits = 50;

    public static async Task<(string Operation, int Trips, string Goal)> RunAsync(BenchContext bench, App app, Counter counter)
    {
        var many = Enumerable.Range(1, ReminderUnits).Select(i => $"unit-{i:D3}").ToArray();
        await bench.SeedAsync(app.Services, many, compactId: "big-2024");
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

        return ($"daily reminder run over {ReminderUnits + 5} units in {planned.Count} compacts ({summary.Sent} mails): planner + a worker per compact", counter.Count, "~ 2 per mail + reads");
    }
}

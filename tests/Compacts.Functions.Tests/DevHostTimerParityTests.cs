using Azure.Storage.Blobs;
using Compacts.DevHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Compacts.Functions.Tests;

/// <summary>The development host's timers as the Functions host runs them: NCrontab, IsPastDue from the stored status, one invocation at a time.</summary>
public sealed class DevHostTimerParityTests
{
    private static readonly List<TimerInfo> Invocations = [];
    private static int _running;
    private static int _maxRunning;
    private static TaskCompletionSource _release = new();

    public sealed class ParityTimers
    {
        [Function(nameof(Tock))]
        public async Task Tock([TimerTrigger("%Tock:Schedule%")] TimerInfo timer)
        {
            lock (Invocations)
            {
                Invocations.Add(timer);
            }

            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, running);
            await _release.Task;
            Interlocked.Decrement(ref _running);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    private static TimerScheduler Scheduler(string schedule, FakeTimeProvider time, ScheduleMonitor monitor)
    {
        var metadata = Path.Combine(Path.GetTempPath(), $"functions-{Guid.NewGuid():N}.metadata");
        File.WriteAllText(metadata, $$"""
            [{ "name": "Tock", "scriptFile": "{{typeof(ParityTimers).Assembly.GetName().Name}}.dll",
               "entryPoint": "{{typeof(ParityTimers).FullName!}}.Tock",
               "bindings": [{ "name": "timer", "direction": "In", "type": "timerTrigger", "schedule": "%Tock:Schedule%" }] }]
            """);
        var catalog = FunctionCatalog.Load(metadata, _ => typeof(ParityTimers).Assembly);
        File.Delete(metadata);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tock:Schedule"] = schedule }).Build();
        lock (Invocations)
        {
            Invocations.Clear();
        }

        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _maxRunning = 0;
        return new TimerScheduler(catalog, new ServiceCollection().BuildServiceProvider(), configuration, time, HostSettings.Load(TestApp.HostJson), monitor,
            NullLogger<TimerScheduler>.Instance);
    }

    private static int Count()
    {
        lock (Invocations)
        {
            return Invocations.Count;
        }
    }

    [Fact]
    public void Schedules_parse_as_the_Functions_host_parses_them_with_NCrontab()
    {
        var configuration = new ConfigurationBuilder().Build();
        var from = new DateTime(2024, 4, 3, 2, 1, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2024, 4, 3, 2, 5, 0), TimerScheduler.ParseSchedule("0 5 * * * *", configuration).GetNextOccurrence(from));
        Assert.Equal(new DateTime(2024, 4, 3, 2, 5, 0), TimerScheduler.ParseSchedule("5 * * * *", configuration).GetNextOccurrence(from)); // five fields: minutes
        Assert.Throws<NCrontab.CrontabException>(() => TimerScheduler.ParseSchedule("0 5 * * * * *", configuration)); // no year field in NCrontab
    }

    [Fact]
    public async Task A_timer_missed_while_no_host_ran_fires_once_at_start_with_IsPastDue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 4, 3, 2, 7, 0, TimeSpan.Zero));
        var hostId = "t" + Guid.NewGuid().ToString("N")[..12];
        var container = new BlobContainerClient(TestApp.StorageConnection, "azure-webjobs-hosts");
        var monitor = new ScheduleMonitor(container, hostId);
        // The last host recorded 02:05 as the next occurrence, then stopped before it.
        await monitor.SetAsync("Tock", new TimerStatus(new DateTimeOffset(2024, 4, 3, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 4, 3, 2, 5, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 4, 3, 2, 0, 0, TimeSpan.Zero)), default);
        using var scheduler = Scheduler("0 */5 * * * *", time, monitor);
        _release.SetResult();

        await scheduler.StartAsync(CancellationToken.None);
        await WaitFor(() => scheduler.NextOccurrences.TryGetValue("Tock", out var next) && next == new DateTimeOffset(2024, 4, 3, 2, 10, 0, TimeSpan.Zero));
        await scheduler.StopAsync(CancellationToken.None);

        var fired = Assert.Single(Invocations);
        Assert.True(fired.IsPastDue);
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 2, 10, 0, TimeSpan.Zero), (await monitor.GetAsync("Tock", default))!.Next);
        await container.GetBlobClient($"timers/{hostId}/Tock/status").DeleteIfExistsAsync();
    }

    [Fact]
    public async Task A_timer_on_time_is_not_past_due()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 4, 3, 2, 4, 59, TimeSpan.Zero));
        using var scheduler = Scheduler("0 */5 * * * *", time, new ScheduleMonitor(null, "t"));
        _release.SetResult();

        await scheduler.StartAsync(CancellationToken.None);
        await WaitFor(() => scheduler.NextOccurrences.ContainsKey("Tock"));
        time.Advance(TimeSpan.FromSeconds(1));
        // The scheduler may register its delay just after that step (it measured the wait before it): step on until it fires.
        await WaitFor(() => Count() >= 1 || Step(time));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.False(Invocations[0].IsPastDue);
    }

    [Fact]
    public async Task A_timer_runs_one_invocation_at_a_time_and_skips_the_occurrences_a_long_run_overlapped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 4, 3, 2, 0, 0, 500, TimeSpan.Zero));
        using var scheduler = Scheduler("* * * * * *", time, new ScheduleMonitor(null, "t"));

        await scheduler.StartAsync(CancellationToken.None);
        await WaitFor(() => scheduler.NextOccurrences.ContainsKey("Tock"));
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(() => Count() == 1 || Step(time)); // the first invocation runs and does not end yet
        time.Advance(TimeSpan.FromSeconds(10)); // ten occurrences pass while it runs
        _release.SetResult();
        await WaitFor(() => scheduler.NextOccurrences["Tock"] > time.GetUtcNow());
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(1, Count());
        Assert.Equal(1, Volatile.Read(ref _maxRunning));
    }

    /// <summary>A tenth of a second more on the fake clock; false, so that a wait goes on.</summary>
    private static bool Step(FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromMilliseconds(100));
        return false;
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }
}

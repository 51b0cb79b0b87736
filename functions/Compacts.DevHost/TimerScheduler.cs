using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Compacts.DevHost;

/// <summary>
/// Runs each timer function on its NCRONTAB schedule (NCrontab, as the Functions host: six fields with seconds, or five), in
/// UTC as on Linux plans. One invocation of a timer at a time: the next occurrence is computed when the previous invocation
/// has ended, so a long run skips the occurrences it overlapped instead of running twice. A status recorded in storage
/// (<see cref="ScheduleMonitor"/>) makes a timer missed while the host was down fire once at start with <c>IsPastDue</c>.
/// </summary>
public sealed partial class TimerScheduler(
    FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration, TimeProvider time, HostSettings host, ScheduleMonitor monitor,
    ILogger<TimerScheduler> logger)
    : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);

    /// <summary>When each timer fires next (set before it starts waiting).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NextOccurrences => _next;

    public static CrontabSchedule ParseSchedule(string schedule, IConfiguration configuration)
    {
        var expression = AppSettings.Resolve(schedule, configuration);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(timer => RunAsync(timer, stoppingToken)));

    private static DateTimeOffset NextAfter(CrontabSchedule schedule, DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(instant.UtcDateTime), DateTimeKind.Utc));

    private async Task RunAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        CrontabSchedule schedule;
        try
        {
            schedule = ParseSchedule(timer.Schedule, configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or CrontabException)
        {
            LogBadSchedule(logger, timer.Name, ex.Message); // like the host: this function is disabled, the others run
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            var status = await monitor.GetAsync(timer.Name, stoppingToken);
            var last = status?.Last ?? now;
            var pastDue = status is not null && now > status.Next;
            if (pastDue || timer.RunOnStartup)
            {
                if (pastDue)
                {
                    LogPastDue(logger, timer.Name, status!.Next);
                }

                await FireAsync(timer, last, NextAfter(schedule, time.GetUtcNow()), pastDue, stoppingToken);
                last = time.GetUtcNow();
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                now = time.GetUtcNow();
                var next = NextAfter(schedule, now);
                await monitor.SetAsync(timer.Name, new TimerStatus(last, next, now), stoppingToken);
                _next[timer.Name] = next;
                LogScheduled(logger, timer.Name, next);
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero) // already due (a slow machine, a clock jump): fire now rather than throw
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await FireAsync(timer, last, NextAfter(schedule, next), pastDue: false, stoppingToken);
                last = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            LogFailed(logger, ex, timer.Name); // the status blob could not be read or written: this timer stops, as the host's listener would
        }
    }

    private async Task FireAsync(TimerFunction timer, DateTimeOffset last, DateTimeOffset next, bool pastDue, CancellationToken stoppingToken)
    {
        try
        {
            var info = new TimerInfo
            {
                IsPastDue = pastDue,
                ScheduleStatus = new ScheduleStatus { Last = last.UtcDateTime, Next = next.UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime },
            };
            await FunctionInvoker.InvokeTimerAsync(timer, services, info, host.FunctionTimeout, stoppingToken);
            LogFired(logger, timer.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, timer.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} is not running: {Reason}")]
    private static partial void LogBadSchedule(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function} next fires at {Next:o}")]
    private static partial void LogScheduled(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} is past due (it was due at {Next:o} while no host ran): firing now")]
    private static partial void LogPastDue(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran")]
    private static partial void LogFired(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

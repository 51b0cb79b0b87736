using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.DevHost;

/// <summary>Runs each timer function on its NCRONTAB schedule (six fields, with seconds), in UTC as on Linux plans.</summary>
public sealed partial class TimerScheduler(
    FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);

    /// <summary>When each timer fires next (set before it starts waiting).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NextOccurrences => _next;

    public static CronExpression ParseSchedule(string schedule, IConfiguration configuration)
    {
        return CronExpression.Parse(AppSettings.Resolve(schedule, configuration), CronFormat.IncludeSeconds);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        CronExpression schedule;
        try
        {
            schedule = ParseSchedule(timer.Schedule, configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or CronFormatException)
        {
            LogBadSchedule(logger, timer.Name, ex.Message); // like the host: this function is disabled, the others run
            return;
        }

        var last = time.GetUtcNow();
        if (timer.RunOnStartup)
        {
            await FireAsync(timer, last, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            _next[timer.Name] = next.Value;
            LogScheduled(logger, timer.Name, next.Value);
            try
            {
                var wait = next.Value - time.GetUtcNow();
                if (wait > TimeSpan.Zero) // already due (a slow machine, a clock jump): fire now rather than throw
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(timer, last, stoppingToken);
            last = next.Value;
        }
    }

    private async Task FireAsync(TimerFunction timer, DateTimeOffset last, CancellationToken stoppingToken)
    {
        try
        {
            var info = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = last.UtcDateTime, Next = time.GetUtcNow().UtcDateTime } };
            await FunctionInvoker.InvokeTimerAsync(timer, services, info, stoppingToken);
            LogFired(logger, timer.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, timer.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} is not running: {Reason}")]
    private static partial void LogBadSchedule(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function} next fires at {Next:o}")]
    private static partial void LogScheduled(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran")]
    private static partial void LogFired(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

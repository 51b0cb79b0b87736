using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.DevHost;

/// <summary>Runs each timer function on its NCRONTAB schedule (six fields, with seconds), in UTC as on Linux plans.</summary>
public sealed partial class TimerScheduler(
    FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    public static CronExpression ParseSchedule(string schedule, IConfiguration configuration)
    {
        var resolved = schedule;
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var name = schedule[1..^1];
            resolved = configuration[name] ?? configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"The timer schedule setting '{name}' is not set.");
        }

        return CronExpression.Parse(resolved, CronFormat.IncludeSeconds);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(timer.Schedule, configuration);
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

            LogScheduled(logger, timer.Name, next.Value);
            try
            {
                await Task.Delay(next.Value - time.GetUtcNow(), time, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function} next fires at {Next:o}")]
    private static partial void LogScheduled(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran")]
    private static partial void LogFired(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

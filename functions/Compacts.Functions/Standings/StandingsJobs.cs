namespace Compacts.Functions.Standings;

/// <summary>The standings jobs: a timer that plans, and a queue-triggered worker that computes one compact and month.</summary>
public sealed partial class StandingsJobs(StandingsPlanner planner, StandingsService service, ILogger<StandingsJobs> logger)
{
    [Function(nameof(PlanStandings))]
    public async Task PlanStandings([TimerTrigger("%Standings:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var work = await planner.PlanAsync(cancellationToken);
        LogPlanned(logger, work.Count);
    }

    [Function(nameof(ComputeStandings))]
    public async Task ComputeStandings([QueueTrigger(QueueNames.Standings)] StandingsWork work, CancellationToken cancellationToken)
    {
        using var processing = AppTelemetry.StartProcessing(nameof(ComputeStandings), work.TraceParent);
        if (!Identifiers.IsValidId(work.CompactId) || !Period.TryParse(work.Period, out var period))
        {
            LogBadMessage(logger, work.CompactId, work.Period);
            return; // a malformed message is dropped, not retried
        }

        var outcome = await service.ComputeAsync(work.CompactId, period, "timer", force: false, cancellationToken);
        LogComputed(logger, work.CompactId, period, outcome.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standings planner enqueued {Count} compact-months")]
    private static partial void LogPlanned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a standings message with compact {CompactId} and period {Period}")]
    private static partial void LogBadMessage(ILogger logger, string compactId, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Standings of {CompactId} {Period}: {Outcome}")]
    private static partial void LogComputed(ILogger logger, string compactId, Period period, string outcome);
}

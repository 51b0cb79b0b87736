using Compacts.Functions.Compacts;

namespace Compacts.Functions.Standings;

/// <summary>
/// Decides which (compact, month) standings to compute: every month whose due instant has passed and that is not past its
/// finalize instant plus a grace period (<see cref="StandingsOptions.GraceDays"/>: a period past that without a final run, e.g. of a
/// compact imported long after its year, is computed by an admin's <c>POST .../runs</c>). It only enqueues; the queue-triggered worker computes, so the number of compacts is not
/// bounded by one invocation. The worker skips final periods and unchanged inputs, so enqueuing twice is harmless.
/// </summary>
public sealed class StandingsPlanner(CompactStore compacts, WorkQueue<StandingsWork> queue, TimeProvider time, IOptions<StandingsOptions> options)
{
    public async Task<IReadOnlyList<StandingsWork>> PlanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromDays(options.Value.GraceDays);
        var work = new List<StandingsWork>();
        foreach (var (compactId, calendar, reviewRequired) in await compacts.ListCalendarsAsync(cancellationToken))
        {
            for (var month = 1; month <= 12; month++)
            {
                var period = new Period(calendar.Year, month);
                // A month whose final run waits for its reviews stays planned until it is final (the worker skips final months).
                if (calendar.DueInstant(period) <= now && (now < calendar.FinalizeInstant(period) + grace || reviewRequired))
                {
                    work.Add(new StandingsWork(compactId, period.ToString()));
                }
            }
        }

        await queue.EnqueueAllAsync(work, cancellationToken);
        return work;
    }
}

using Compacts.Domain.Reminders;
using Compacts.Functions.Compacts;

namespace Compacts.Functions.Reminders;

/// <summary>
/// Plans the daily reminder run: one message per compact that has a month in play today (<see cref="ReminderPolicy.MonthsInPlay"/>,
/// <see cref="ReviewReminderPolicy.MonthsInPlay(CompactCalendar, bool, DateTimeOffset)"/>),
/// from the compacts' calendars alone. It only enqueues; the queue-triggered worker runs each compact, so the number of
/// compacts (and a slow or throttled mail service) is not bounded by one invocation. The ledger sends each mail once, so
/// enqueuing a compact twice is harmless.
/// </summary>
public sealed class ReminderPlanner(CompactStore compacts, WorkQueue<ReminderWork> queue, TimeProvider time, IOptions<ReminderOptions> options)
{
    public async Task<IReadOnlyList<ReminderWork>> PlanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var work = (await compacts.ListCalendarsAsync(cancellationToken))
            .Where(c => ReminderPolicy.MonthsInPlay(c.Calendar, now, options.Value.FinalNoticeDays, c.ReviewRequired).Any()
                || ReviewReminderPolicy.MonthsInPlay(c.Calendar, c.ReviewRequired, now).Any())
            .Select(c => new ReminderWork(c.CompactId))
            .ToList();
        await queue.EnqueueAllAsync(work, cancellationToken);
        return work;
    }
}

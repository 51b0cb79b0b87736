namespace Compacts.Domain.Reminders;

/// <summary>
/// Which notices a compact owes at an instant (the timer runs daily; the ledger makes each notice go out once):
/// <list type="bullet">
/// <item>a reminder to each member without a report, from the local date <c>remindDaysBefore</c> days before the due date until
/// the due instant; when several reminder dates have come, only the nearest to the due date (the others are out of date);</item>
/// <item>an overdue notice to each member still without a report, and a summary of who is missing to the cluster head, from the
/// local day after the due date until the period is final;</item>
/// <item>when the standings of the month are final, a notice of its rank and score to every member, within
/// <paramref name="finalNoticeDays"/> days of the finalize instant; when the compact requires review, a month is final only once
/// every report is confirmed, so the days count from its final run's computation (<see cref="MonthState.FinalComputedAt"/>).</item>
/// </list>
/// A report that arrives stops every reminder and overdue notice for it not yet sent, since it is no longer owed.
/// </summary>
public static class ReminderPolicy
{
    public static IReadOnlyList<Notice> Owed(Compact compact, DateTimeOffset now, Func<Period, MonthState> month, int finalNoticeDays = 7)
    {
        var calendar = new CompactCalendar(compact);
        var required = compact.Review.Required;
        var notices = new List<Notice>();
        foreach (var (period, window) in Windows(calendar, now, finalNoticeDays, required))
        {
            var state = month(period);
            var missing = compact.Members.Select(mb => mb.UnitId).Where(u => !state.Reported.Contains(u)).ToList();
            if (window.RemindDaysBefore is { } daysBefore)
            {
                notices.AddRange(missing.Select(u => new Notice(NoticeKind.Reminder, period, u, daysBefore)));
            }

            if (window.Overdue)
            {
                notices.AddRange(missing.Select(u => new Notice(NoticeKind.Overdue, period, u)));
                if (missing.Count > 0)
                {
                    notices.Add(new Notice(NoticeKind.HeadSummary, period, compact.HeadUnitId()));
                }
            }

            if (window.FinalNotices && state.StandingsFinal && (!required || now < (state.FinalComputedAt ?? calendar.FinalizeInstant(period)).AddDays(finalNoticeDays)))
            {
                notices.AddRange(compact.Members.Select(mb => new Notice(NoticeKind.FinalResult, period, mb.UnitId)));
            }
        }

        return notices;
    }

    /// <summary>The months <see cref="Owed"/> may owe something for at <paramref name="now"/>, from the calendar alone (to read only those, and to plan only compacts that have one).</summary>
    public static IEnumerable<Period> MonthsInPlay(CompactCalendar calendar, DateTimeOffset now, int finalNoticeDays = 7, bool reviewRequired = false) =>
        Windows(calendar, now, finalNoticeDays, reviewRequired).Select(w => w.Period);

    /// <summary>Which of a month's windows <paramref name="now"/> falls in, for each month in at least one.</summary>
    /// <remarks>With required review the month's final run opens the result window, so the calendar bounds it only loosely.</remarks>
    private static IEnumerable<(Period Period, MonthWindow Window)> Windows(CompactCalendar calendar, DateTimeOffset now, int finalNoticeDays, bool reviewRequired)
    {
        var today = calendar.LocalDate(now);
        for (var m = 1; m <= 12; m++)
        {
            var period = new Period(calendar.Year, m);
            var due = calendar.DueInstant(period);
            var dueDate = calendar.LocalDate(due);
            var finalAt = calendar.FinalizeInstant(period);
            var reminderDays = calendar.Rules.RemindDaysBefore.Where(d => today >= dueDate.AddDays(-d)).ToList();
            var window = new MonthWindow(
                now < due && reminderDays.Count > 0 ? reminderDays.Min() : null, // only the nearest of the reminders that have come
                today > dueDate && now > due && now < finalAt,
                now >= finalAt && now < (reviewRequired ? finalAt + ReviewReminderPolicy.RequiredMonthLifetime : finalAt.AddDays(finalNoticeDays)));
            if (window.RemindDaysBefore is not null || window.Overdue || window.FinalNotices)
            {
                yield return (period, window);
            }
        }
    }

    private sealed record MonthWindow(int? RemindDaysBefore, bool Overdue, bool FinalNotices);
}

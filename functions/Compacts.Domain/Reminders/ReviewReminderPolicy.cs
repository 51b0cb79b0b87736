using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary>
/// Which timed review mails a compact owes at an instant under its <see cref="Compact.Review"/> settings (docs/review.md, "Mail";
/// the daily run asks, the ledger sends each once):
/// <list type="bullet">
/// <item><c>reviewDue</c>, to the reviewers' unit (<see cref="ReviewersUnit"/>), listing the reports of the month that are
/// <c>submitted</c> and have waited at least <c>reviewDays</c> × 24 h since they entered it — one mail per reviewer unit and
/// month, so reports that reach the limit after it went are not listed again;</item>
/// <item><c>explainDue</c>, to the unit, for a <c>returned</c> report not answered <c>explainDays</c> × 24 h after the return —
/// one per review;</item>
/// <item><c>reviewPending</c>, to the head, from the finalize instant of a month of a compact that requires review while some
/// present report is not <c>confirmed</c> — one per month.</item>
/// </list>
/// A final month is locked (reviews and explanations are refused), so it owes nothing; nor does a month past its finalize instant
/// when review is not required (its final run is being written: <see cref="MonthsInPlay"/> needs the calendar alone). Only members'
/// reports count. Nobody is reminded about the head's report when the compact has no deputy.
/// </summary>
public static class ReviewReminderPolicy
{
    public static IReadOnlyList<ReviewMail> Owed(Compact compact, DateTimeOffset now, IEnumerable<ReviewMonth> months)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(months);
        var settings = compact.Review;
        var calendar = new CompactCalendar(compact);
        var owed = new List<ReviewMail>();
        var inPlay = MonthsInPlay(compact, now).ToHashSet();
        foreach (var month in months.Where(m => !m.Final && inPlay.Contains(m.Period)))
        {
            var byUnit = month.Reports.ToDictionary(r => r.UnitId, StringComparer.Ordinal);
            var reports = compact.Members.Where(m => byUnit.ContainsKey(m.UnitId)).Select(m => byUnit[m.UnitId]).ToList(); // member order

            owed.AddRange(reports
                .Where(r => r.State == ReviewState.Submitted && r.SubmittedAt is { } at && now >= ReviewDeadline(at, settings.ReviewDays))
                .Select(r => (Reviewers: ReviewersUnit(compact, r.UnitId), Report: new WaitingReport(r.UnitId, ReviewClock.WaitingDays(r.SubmittedAt!.Value, now))))
                .Where(x => x.Reviewers is not null)
                .GroupBy(x => x.Reviewers!, StringComparer.Ordinal)
                .Select(g => new ReviewDueMail(month.Period, g.Key, settings.ReviewDays, g.Select(x => x.Report).ToList())));

            owed.AddRange(reports
                .Where(r => r.State == ReviewState.Returned && r.ReturnReviewId is not null && r.ReturnedAt is { } at && now >= ExplainDeadline(at, settings.ExplainDays))
                .Select(r => new ExplainDueMail(month.Period, r.UnitId, r.ReturnReviewId!, r.ReturnedAt!.Value, settings.ExplainDays)));

            var pending = reports.Where(r => r.State != ReviewState.Confirmed).Select(r => new PendingReport(r.UnitId, r.State)).ToList();
            if (settings.Required && now >= calendar.FinalizeInstant(month.Period) && pending.Count > 0)
            {
                owed.Add(new ReviewPendingMail(month.Period, compact.HeadUnitId(), pending));
            }
        }

        return owed;
    }

    /// <summary>How long after its finalize instant a month of a compact that requires review is still read: it may wait that long
    /// for its last confirm (and its result notices, <see cref="ReminderPolicy"/>), not for ever.</summary>
    public static readonly TimeSpan RequiredMonthLifetime = TimeSpan.FromDays(366);

    /// <summary>
    /// The months whose statuses <see cref="Owed"/> needs, from the calendar alone: those that have begun (a report exists only
    /// from its month's start); without required review, only until the finalize instant (a month is final, so locked, then);
    /// with it, until <see cref="RequiredMonthLifetime"/> after the finalize instant.
    /// </summary>
    public static IEnumerable<Period> MonthsInPlay(Compact compact, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(compact);
        return MonthsInPlay(new CompactCalendar(compact), compact.Review.Required, now);
    }

    /// <inheritdoc cref="MonthsInPlay(Compact, DateTimeOffset)"/>
    public static IEnumerable<Period> MonthsInPlay(CompactCalendar calendar, bool reviewRequired, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Enumerable.Range(1, 12).Select(m => new Period(calendar.Year, m))
            .Where(p => calendar.PeriodStart(p) <= now && now < calendar.FinalizeInstant(p) + (reviewRequired ? RequiredMonthLifetime : TimeSpan.Zero));
    }

    /// <summary>Who reviews a member's report: the head's unit, or for the head's own report the deputy's (null: none, or not a member).</summary>
    public static string? ReviewersUnit(Compact compact, string unitId)
    {
        ArgumentNullException.ThrowIfNull(compact);
        return !compact.IsMember(unitId) ? null
            : unitId == compact.HeadUnitId() ? compact.DeputyUnitId()
            : compact.HeadUnitId();
    }

    /// <summary>When a report submitted at <paramref name="submittedAt"/> is due for a reminder to its reviewers.</summary>
    public static DateTimeOffset ReviewDeadline(DateTimeOffset submittedAt, int reviewDays) => submittedAt + TimeSpan.FromDays(reviewDays);

    /// <summary>The explanation deadline of a return: <paramref name="returnedAt"/> + <paramref name="explainDays"/> × 24 h.</summary>
    public static DateTimeOffset ExplainDeadline(DateTimeOffset returnedAt, int explainDays) => returnedAt + TimeSpan.FromDays(explainDays);
}

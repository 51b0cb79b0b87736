namespace Compacts.Functions.Reports;

/// <summary>
/// Submitting a report: the values checked against the compact, the receipt time decided (<see cref="ReportReceipt"/>), then the
/// next revision stored, with lateness decided from the report's first receipt.
/// </summary>
public sealed class ReportService(ReportStore reports, TimeProvider time)
{
    public async Task<SubmitOutcome> SubmitAsync(ReportSubmission submission, CancellationToken cancellationToken)
    {
        var (draft, errors) = Check(submission.Caller, submission.Compact, submission.Calendar, submission.Period, submission.UnitId,
            submission.Values, submission.FromForm, submission.Note, submission.ReceivedAt);
        if (draft is null)
        {
            return new SubmitOutcome.Invalid(errors.ToDictionary());
        }

        var token = submission.IdempotencyKey.Length == 0
            ? null
            : new IdempotencyToken(
                submission.IdempotencyKey, ReportReceipt.RequestHash(submission.Caller.UserId, submission.BodyMediaType, submission.BodySha256));
        var ifMatch = await submission.IfMatch();
        var calendar = submission.Calendar;
        var period = submission.Period;
        return await reports.SubmitAsync(
            submission.CompactId, period, submission.UnitId, draft, first => calendar.IsLate(period, first), ifMatch, token, cancellationToken,
            submission.Caller.IsAdmin, submission.MonthHasFinalRun);
    }

    /// <summary>
    /// A revision's values, note and receipt checked as a PUT checks them (the values against the compact, the note, receivedAt by
    /// <see cref="ReportReceipt"/>): the draft to store, or null and the errors by field (<c>values.{criterionId}</c>, <c>note</c>,
    /// <c>receivedAt</c>). The month's import checks each row with it.
    /// </summary>
    public (RevisionDraft? Draft, ValidationErrors Errors) Check(
        Caller caller, Compact compact, CompactCalendar calendar, Period period, string unitId,
        IReadOnlyDictionary<string, InputValue> input, bool fromForm, string? note, DateTimeOffset? requestedReceivedAt)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(compact);
        var (values, errors) = ReportValidator.Validate(compact, unitId, input, fromForm);
        ReportValidator.ValidateNote(note, errors);
        var now = time.GetUtcNow();
        var (receivedAt, given) = ReportReceipt.ReceivedAt(caller.IsAdmin, requestedReceivedAt, now);
        ReportReceipt.Validate(calendar, compact.TimeZone, period, receivedAt, requestedReceivedAt is not null, now, errors);
        return errors.IsEmpty ? (new RevisionDraft(values, note, receivedAt, caller.UserId, ReceivedAtGiven: given), errors) : (null, errors);
    }
}

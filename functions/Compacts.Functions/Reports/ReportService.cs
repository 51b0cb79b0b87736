namespace Compacts.Functions.Reports;

/// <summary>
/// Submitting a report: the values checked against the compact, the receipt time decided (<see cref="ReportReceipt"/>), then the
/// next revision stored, with lateness decided from the report's first receipt.
/// </summary>
public sealed class ReportService(ReportStore reports, TimeProvider time)
{
    public async Task<SubmitOutcome> SubmitAsync(ReportSubmission submission, CancellationToken cancellationToken)
    {
        var (values, errors) = ReportValidator.Validate(submission.Compact, submission.UnitId, submission.Values, submission.FromForm);
        ReportValidator.ValidateNote(submission.Note, errors);
        var now = time.GetUtcNow();
        var (receivedAt, given) = ReportReceipt.ReceivedAt(submission.Caller.IsAdmin, submission.ReceivedAt, now);
        ReportReceipt.Validate(
            submission.Calendar, submission.Compact.TimeZone, submission.Period, receivedAt, submission.ReceivedAt is not null, now, errors);
        if (!errors.IsEmpty)
        {
            return new SubmitOutcome.Invalid(errors.ToDictionary());
        }

        var token = submission.IdempotencyKey.Length == 0
            ? null
            : new IdempotencyToken(
                submission.IdempotencyKey, ReportReceipt.RequestHash(submission.Caller.UserId, submission.BodyMediaType, submission.BodySha256));
        var draft = new RevisionDraft(values, submission.Note, receivedAt, submission.Caller.UserId, ReceivedAtGiven: given);
        var ifMatch = await submission.IfMatch();
        var calendar = submission.Calendar;
        var period = submission.Period;
        return await reports.SubmitAsync(
            submission.CompactId, period, submission.UnitId, draft, first => calendar.IsLate(period, first), ifMatch, token, cancellationToken,
            submission.Caller.IsAdmin, submission.MonthHasFinalRun);
    }
}

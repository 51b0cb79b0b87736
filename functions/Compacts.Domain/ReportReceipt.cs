namespace Compacts.Domain;

/// <summary>
/// When a report counts as received, and which submissions are the same one (the rules of a report PUT that are not storage).
/// </summary>
public static class ReportReceipt
{
    /// <summary>The longest Idempotency-Key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// The receipt time of a submission: the time an admin gives (a paper report imported later) or else the server's clock.
    /// <c>Given</c> is true only for the admin's time.
    /// </summary>
    public static (DateTimeOffset ReceivedAt, bool Given) ReceivedAt(bool callerIsAdmin, DateTimeOffset? requested, DateTimeOffset now) =>
        callerIsAdmin && requested is { } imported ? (imported, true) : (now, false);

    /// <summary>
    /// A receipt time lies neither in the future nor before the month it reports on began (in the compact's zone). An early one is
    /// blamed on <c>receivedAt</c> when the request carried one (<paramref name="requested"/>), else on the period.
    /// </summary>
    public static void Validate(
        CompactCalendar calendar, string timeZone, Period period, DateTimeOffset receivedAt, bool requested, DateTimeOffset now, ValidationErrors errors)
    {
        var periodStart = calendar.PeriodStart(period);
        if (receivedAt > now)
        {
            errors.Add("receivedAt", "receivedAt may not lie in the future.");
        }
        else if (receivedAt < periodStart)
        {
            errors.Add(requested ? "receivedAt" : "period",
                $"A report for {period} can be received from {calendar.ToLocal(periodStart):yyyy-MM-dd HH:mm} ({timeZone}) on.");
        }
    }

    /// <summary>
    /// The receipt time a new revision stores: a given time as given (it was checked against the previous one), the server's clock
    /// never earlier than the previous revision's (another instance's clock may run behind).
    /// </summary>
    public static DateTimeOffset NeverBefore(DateTimeOffset receivedAt, bool given, DateTimeOffset? previous) =>
        !given && receivedAt < previous ? previous.Value : receivedAt;

    /// <summary>A given receipt time earlier than the previous revision's is refused (receivedAt never goes back).</summary>
    public static bool GoesBack(DateTimeOffset receivedAt, bool given, DateTimeOffset? previous) => given && receivedAt < previous;

    /// <summary>One key of 1 to <see cref="MaxIdempotencyKeyLength"/> visible ASCII characters other than ',' (a comma joins two keys).</summary>
    public static bool IsValidIdempotencyKey(string key) =>
        key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is >= (char)0x21 and <= (char)0x7e and not ',');

    /// <summary>
    /// What makes two submissions with one Idempotency-Key the same: who sent it, the body's media type and its bytes' hash
    /// (not the header's spelling).
    /// </summary>
    public static string RequestHash(string userId, string mediaType, string bodySha256) => $"{userId}|{mediaType}|{bodySha256}";
}

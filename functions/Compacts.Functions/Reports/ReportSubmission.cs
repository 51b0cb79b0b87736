namespace Compacts.Functions.Reports;

/// <summary>A report PUT as the service sees it: who, which report, the parsed body, its conditions and its identity.</summary>
/// <param name="IfMatch">Read only for a valid submission: the ETag the current revision must have ("*": any; a value no revision has:
/// none may exist), or null.</param>
/// <param name="IdempotencyKey">The client's key ("" when none was sent).</param>
/// <param name="MonthHasFinalRun">Asked only of a month locked for its final run: whether that run is written yet.</param>
/// <param name="BodyMediaType">With <paramref name="BodySha256"/>, what makes a replay the same request.</param>
public sealed record ReportSubmission(
    Caller Caller,
    string CompactId,
    Compact Compact,
    CompactCalendar Calendar,
    Period Period,
    string UnitId,
    IReadOnlyDictionary<string, InputValue> Values,
    bool FromForm,
    string? Note,
    DateTimeOffset? ReceivedAt,
    Func<Task<string?>> IfMatch,
    string IdempotencyKey,
    string BodyMediaType,
    string BodySha256,
    Func<CancellationToken, Task<bool>>? MonthHasFinalRun = null);

using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <summary>
/// The review rows in a report's month partition (<c>{compactId}_{period}</c> of table <c>reports</c>), beside the report's
/// pointer <c>cur_{unitId}</c> whose review fields this type reads and writes: <c>evt_{unitId}_{n:D6}</c> (history events),
/// <c>rvw_{unitId}_{reviewId}</c> (reviews), <c>exp_{unitId}_{explanationId}</c> (explanations) and the idempotency records
/// <c>idrv_</c>/<c>idex_{unitId}_{sha256(key)}</c>.
/// </summary>
public static class ReviewRows
{
    public static string EventKey(string unitId, int n) => string.Create(CultureInfo.InvariantCulture, $"evt_{unitId}_{n:D6}");

    public static string EventPrefix(string unitId) => $"evt_{unitId}_";

    /// <summary>The event's number, from its RowKey's last six digits.</summary>
    public static int EventNumber(string rowKey) => int.Parse(rowKey.AsSpan(rowKey.Length - 6), CultureInfo.InvariantCulture);

    public static string ReviewKey(string unitId, string reviewId) => $"rvw_{unitId}_{reviewId}";

    public static string ReviewPrefix(string unitId) => $"rvw_{unitId}_";

    public static string ExplanationKey(string unitId, string explanationId) => $"exp_{unitId}_{explanationId}";

    public static string ExplanationPrefix(string unitId) => $"exp_{unitId}_";

    /// <summary>The review fields of a pointer row; a row written before reviews existed reads as submitted at its receipt.</summary>
    public static ReviewStatus ReadStatus(TableEntity row)
    {
        var state = row.GetString("State");
        var receivedAt = row.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue;
        if (state is null)
        {
            return ReviewStatus.Legacy(receivedAt) with { Locked = row.GetBoolean("Locked") ?? false };
        }

        return new ReviewStatus(
            Enum.Parse<ReviewState>(state, ignoreCase: true),
            row.GetDateTimeOffset("SubmittedAt"),
            row.GetBoolean("Locked") ?? false,
            row.GetInt32("Events") ?? 0,
            TableLimits.GetChunked(row, "LastReview") is { } review ? JsonSerializer.Deserialize<StoredReview>(review, StorageJson.Options) : null,
            TableLimits.GetChunked(row, "ConfirmedValues") is { } values
                ? JsonSerializer.Deserialize<Dictionary<string, ReportValue>>(values, StorageJson.Options)
                : null);
    }

    public static void WriteStatus(TableEntity row, ReviewStatus status)
    {
        row["State"] = JsonNamingPolicy.CamelCase.ConvertName(status.State.ToString());
        row["SubmittedAt"] = status.SubmittedAt;
        row["Locked"] = status.Locked;
        row["Events"] = status.Events;
        if (status.LastReview is not null)
        {
            TableLimits.SetChunked(row, "LastReview", JsonSerializer.Serialize(status.LastReview, StorageJson.Options));
        }

        if (status.ConfirmedValues is not null)
        {
            TableLimits.SetChunked(row, "ConfirmedValues", JsonSerializer.Serialize(status.ConfirmedValues, StorageJson.Options));
        }
    }

    public static TableEntity EventRow(string partition, string unitId, int n, ReviewEvent e) => new(partition, EventKey(unitId, n))
    {
        ["Event"] = JsonSerializer.Serialize(e, StorageJson.Options),
    };

    public static ReviewEvent ReadEvent(TableEntity row) => JsonSerializer.Deserialize<ReviewEvent>(row.GetString("Event")!, StorageJson.Options)!;
}

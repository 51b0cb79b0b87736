namespace Compacts.Functions.Reviews;

public sealed record ReviewQueueResponse(string CompactId, Period Period, ReviewSettings Review, IReadOnlyList<ReviewQueueRow> Rows);

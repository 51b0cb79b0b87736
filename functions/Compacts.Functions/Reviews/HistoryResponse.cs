using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

public sealed record HistoryResponse(string CompactId, Period Period, string UnitId, IReadOnlyList<ReviewEvent> Events);

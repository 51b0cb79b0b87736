namespace Compacts.Functions.Reminders;

public sealed record LedgerKey(string CompactId, Period Period, string Kind, string UnitId)
{
    public string PartitionKey => TableKeys.MonthPartition(CompactId, Period);

    public string RowKey => $"{Kind}_{UnitId}";

    public override string ToString() => $"{PartitionKey}/{RowKey}";
}

using Compacts.Domain.Reminders;

namespace Compacts.Functions.Reminders;

/// <summary>
/// A mail's row in the ledger: one per compact, month, kind and unit. A kind sent once per review or event carries its id
/// (<c>explainDue-{reviewId}</c>: RowKey <c>explainDue-{reviewId}_{unitId}</c>), see <see cref="ReviewMail.KindKey"/>.
/// </summary>
public sealed record LedgerKey(string CompactId, Period Period, string Kind, string UnitId)
{
    public string PartitionKey => TableKeys.MonthPartition(CompactId, Period);

    public string RowKey => $"{Kind}_{UnitId}";

    public static LedgerKey Of(string compactId, ReviewMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return new(compactId, mail.Period, mail.KindKey, mail.UnitId);
    }

    public override string ToString() => $"{PartitionKey}/{RowKey}";
}

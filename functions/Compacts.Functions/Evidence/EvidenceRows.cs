namespace Compacts.Functions.Evidence;

/// <summary>
/// The evidence rows in a report's month partition (<c>{compactId}_{period}</c> of table <c>reports</c>), beside the report's pointer:
/// <c>evf_{unitId}_{revision:D6}_{criterionId}_{version:D6}</c> (one file) and <c>evs_{unitId}</c>, the set of the revision last
/// uploaded for (counts and versions). Every upload and every confirm writes the set row under its ETag, so an upload racing a confirm
/// either lands before it (and the confirm sees it) or finds the report confirmed.
/// </summary>
public static class EvidenceRows
{
    public static string SetKey(string unitId) => $"evs_{unitId}";

    public static string FilePrefix(string unitId, int revision) => string.Create(CultureInfo.InvariantCulture, $"evf_{unitId}_{revision:D6}_");

    public static string FileKey(string unitId, int revision, string criterionId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{FilePrefix(unitId, revision)}{criterionId}_{version:D6}");

    /// <summary>The set of <paramref name="revision"/>: the row's when it counts that revision, else an empty one.</summary>
    public static EvidenceSet ReadSet(TableEntity? row, int revision) =>
        row is not null && row.GetInt32("Revision") == revision
            ? new EvidenceSet(revision, row.GetInt32("Files") ?? 0, row.GetInt64("Bytes") ?? 0,
                JsonSerializer.Deserialize<Dictionary<string, int>>(row.GetString("Versions") ?? "{}", StorageJson.Options)!)
            : EvidenceSet.Empty(revision);

    /// <summary>The transaction action that writes <paramref name="set"/>: an add when no set row exists, else a replace under its ETag.</summary>
    public static TableTransactionAction WriteSet(string partition, string unitId, TableEntity? current, EvidenceSet set, int? confirmedRevision = null)
    {
        var row = new TableEntity(partition, SetKey(unitId))
        {
            ["Revision"] = set.Revision,
            ["Files"] = set.Files,
            ["Bytes"] = set.Bytes,
            ["Versions"] = JsonSerializer.Serialize(set.Versions, StorageJson.Options),
            ["ConfirmedRevision"] = confirmedRevision ?? current?.GetInt32("ConfirmedRevision"),
        };
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    public static TableEntity FileRow(string partition, string unitId, EvidenceFile file, string uploadId) =>
        new(partition, FileKey(unitId, file.Revision, file.CriterionId, file.Version))
        {
            ["UploadId"] = uploadId,
            ["CriterionId"] = file.CriterionId,
            ["Revision"] = file.Revision,
            ["Version"] = file.Version,
            ["Sha256"] = file.Sha256,
            ["Size"] = file.Size,
            ["ContentType"] = file.ContentType,
            ["UploadedBy"] = file.UploadedBy,
            ["UploadedAt"] = file.UploadedAt,
            ["BlobName"] = file.BlobName,
        };

    public static EvidenceFile ReadFile(TableEntity row) => new(
        row.GetString("CriterionId")!, row.GetInt32("Revision")!.Value, row.GetInt32("Version")!.Value, row.GetString("Sha256")!,
        row.GetInt64("Size")!.Value, row.GetString("ContentType")!, row.GetString("UploadedBy")!, row.GetDateTimeOffset("UploadedAt")!.Value,
        row.GetString("BlobName")!);
}

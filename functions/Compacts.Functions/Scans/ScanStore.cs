using Azure.Storage.Blobs;

namespace Compacts.Functions.Scans;

/// <summary>
/// Signed scans: blobs <c>{compactId}/{unitId}/{version:D6}.{ext}</c> in a private container (names from validated ids only),
/// metadata in table <c>scans</c>, PartitionKey compactId, RowKey <c>{unitId}_{version:D6}</c>. A version is first claimed by adding
/// its row as pending (two uploads cannot claim the same number), then uploaded, then marked complete; a failed upload removes its
/// row and leaves no committed blob. Only complete versions are listed.
/// </summary>
public sealed class ScanStore(Tables tables, BlobFiles files, IOptions<ScanOptions> options, TimeProvider time)
{
    private const int MaxAttempts = 50;
    private readonly ScanOptions _options = options.Value;
    private readonly AsyncOnce<BlobContainerClient> _container = files.Container(options.Value.Container);

    public async Task<ScanVersion> UploadAsync(
        string compactId, string unitId, string contentType, HashingLimitedStream body, string uploadedBy, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ScansName);
        var container = await _container.Value;
        var version = await ClaimVersionAsync(table, compactId, unitId, contentType, uploadedBy, cancellationToken);
        var rowKey = RowKey(unitId, version);
        var blob = container.GetBlobClient(BlobName(compactId, unitId, version, contentType));
        var uploadedAt = time.GetUtcNow();
        try
        {
            await BlobFiles.CreateAsync(blob, body, contentType, cancellationToken);

            var scan = new ScanVersion(compactId, unitId, version, body.Sha256(), body.Length64, contentType, uploadedBy, uploadedAt);
            await blob.SetMetadataAsync(new Dictionary<string, string>
            {
                ["version"] = version.ToString(CultureInfo.InvariantCulture),
                ["sha256"] = scan.Sha256,
                ["size"] = scan.Size.ToString(CultureInfo.InvariantCulture),
                ["uploadedby"] = Uri.EscapeDataString(uploadedBy),
                ["uploadedat"] = uploadedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            }, cancellationToken: CancellationToken.None);
            await table.UpdateEntityAsync(new TableEntity(compactId, rowKey)
            {
                ["State"] = "complete",
                ["Sha256"] = scan.Sha256,
                ["Size"] = scan.Size,
                ["UploadedAt"] = uploadedAt,
            }, ETag.All, TableUpdateMode.Merge, CancellationToken.None);
            return scan;
        }
        catch
        {
            // Nothing of a failed upload stays: no committed blob (blocks are never committed), no row.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            await table.DeleteEntityAsync(compactId, rowKey, ETag.All, CancellationToken.None);
            throw;
        }
    }

    public async Task<IReadOnlyList<ScanVersion>> ListAsync(string compactId, string? unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ScansName);
        var (from, to) = TableKeys.PrefixRange($"{unitId}_");
        var query = unitId is null
            ? table.QueryAsync<TableEntity>(e => e.PartitionKey == compactId, cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(
                e => e.PartitionKey == compactId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
                cancellationToken: cancellationToken);
        var versions = new List<ScanVersion>();
        await foreach (var entity in query)
        {
            if (entity.GetString("State") == "complete")
            {
                versions.Add(new ScanVersion(
                    compactId, entity.GetString("UnitId")!, entity.GetInt32("Version")!.Value, entity.GetString("Sha256")!,
                    entity.GetInt64("Size")!.Value, entity.GetString("ContentType")!, entity.GetString("UploadedBy")!,
                    entity.GetDateTimeOffset("UploadedAt")!.Value));
            }
        }

        return versions;
    }

    /// <summary>A read-only URL for one version, valid for <see cref="ScanOptions.DownloadMinutes"/> (at most 15).</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> DownloadUrlAsync(ScanVersion scan, CancellationToken cancellationToken)
    {
        var container = await _container.Value;
        var blob = container.GetBlobClient(BlobName(scan.CompactId, scan.UnitId, scan.Version, scan.ContentType));
        return await files.ReadOnlyUrlAsync(blob, _options.DownloadMinutes,
            $"{scan.CompactId}-{scan.UnitId}-v{scan.Version}.{FileFormat.Extensions[scan.ContentType]}", cancellationToken);
    }

    public static string BlobName(string compactId, string unitId, int version, string contentType) =>
        string.Create(CultureInfo.InvariantCulture, $"{compactId}/{unitId}/{version:D6}.{FileFormat.Extensions[contentType]}");

    private static string RowKey(string unitId, int version) => string.Create(CultureInfo.InvariantCulture, $"{unitId}_{version:D6}");

    private static async Task<int> ClaimVersionAsync(
        TableClient table, string compactId, string unitId, string contentType, string uploadedBy, CancellationToken cancellationToken)
    {
        var highest = 0;
        var (from, to) = TableKeys.PrefixRange($"{unitId}_");
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == compactId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["Version"], cancellationToken: cancellationToken))
        {
            highest = Math.Max(highest, entity.GetInt32("Version") ?? 0);
        }

        var claimId = Guid.NewGuid().ToString("N"); // tells our own claim (a lost reply, resent by the SDK) from a concurrent upload's
        for (var version = highest + 1; version <= highest + MaxAttempts; version++)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(compactId, RowKey(unitId, version))
                {
                    ["ClaimId"] = claimId,
                    ["State"] = "pending",
                    ["UnitId"] = unitId,
                    ["Version"] = version,
                    ["ContentType"] = contentType,
                    ["UploadedBy"] = uploadedBy,
                }, cancellationToken);
                return version;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var taken = await table.GetEntityIfExistsAsync<TableEntity>(compactId, RowKey(unitId, version), ["ClaimId"], cancellationToken);
                if (taken.HasValue && taken.Value!.GetString("ClaimId") == claimId)
                {
                    return version; // our insert committed and its reply was lost
                }

                // Taken by a concurrent upload: the next number.
            }
        }

        throw new InvalidOperationException($"Could not claim a scan version for {compactId}/{unitId}.");
    }
}

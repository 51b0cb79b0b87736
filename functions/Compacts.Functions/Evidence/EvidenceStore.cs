using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Compacts.Domain.Review;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Evidence;

/// <summary>
/// Evidence files (minh chứng): blobs <c>{compactId}/{period}/{unitId}/{revision:D6}/{criterionId}/{uploadId}</c> in a private
/// container (names from validated ids only), listed by rows in the report's month partition (<see cref="EvidenceRows"/>). An upload
/// streams its blob first (create-only, hashed, stopped past the limit), then adds the row that lists it together with the revision's
/// set under the set's ETag; an upload that fails or is refused deletes its blob, so nothing unlisted stays and nothing half-written is
/// listed.
/// </summary>
public sealed class EvidenceStore(Tables tables, BlobFiles files, IOptions<EvidenceOptions> options, TimeProvider time)
{
    public const string MalwareTag = "Malware Scanning scan result";
    public const string Malicious = "Malicious";

    private const int MaxAttempts = 50;
    private readonly EvidenceOptions _options = options.Value;
    private readonly AsyncOnce<BlobContainerClient> _container = files.Container(options.Value.Container);

    /// <summary>The report's pointer and evidence set row, in one read; null pointer when there is no report.</summary>
    public async Task<(TableEntity? Pointer, TableEntity? Set)> ReadReportAsync(string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var found = await TableRows.ByKeysAsync(table, ReportStore.PartitionKey(compactId, period),
            [ReportStore.PointerKey(unitId), EvidenceRows.SetKey(unitId)], cancellationToken);
        var pointer = found.GetValueOrDefault(ReportStore.PointerKey(unitId));
        return (pointer is not null && ReportStore.IsReport(pointer) ? pointer : null, found.GetValueOrDefault(EvidenceRows.SetKey(unitId)));
    }

    public async Task<UploadOutcome> UploadAsync(
        string compactId, Period period, string unitId, string criterionId, UploadedFile file, string uploadedBy, CancellationToken cancellationToken)
    {
        var (pointer, setRow) = await ReadReportAsync(compactId, period, unitId, cancellationToken);
        if (pointer is null)
        {
            return new UploadOutcome.NoReport();
        }

        var revision = pointer.GetInt32("Revision")!.Value;
        if (Refusal(pointer, revision) is { } refused)
        {
            return refused;
        }

        var set = EvidenceRows.ReadSet(setRow, revision);
        if (OverLimit(set, 0) is { } over)
        {
            return over;
        }

        var container = await _container.Value;
        var uploadedAt = time.GetUtcNow();
        var uploadId = TableRows.NewId(uploadedAt);
        var blob = container.GetBlobClient(string.Create(CultureInfo.InvariantCulture,
            $"{compactId}/{period}/{unitId}/{revision:D6}/{criterionId}/{uploadId}"));
        try
        {
            var limit = Math.Min(_options.MaxFileBytes, _options.MaxReportBytes - set.Bytes);
            using var body = file.Body(limit);
            await BlobFiles.CreateAsync(blob, body, file.Detected, cancellationToken);
            var contentType = file.Detected;
            if (contentType == FileFormat.Zip)
            {
                contentType = await OoxmlKindAsync(blob, body.Length64, cancellationToken);
                if (contentType is null || (file.Declared is not null && file.Declared != contentType))
                {
                    await DeleteAsync(blob);
                    return new UploadOutcome.NotTheType(file.Declared, contentType);
                }

                await blob.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = contentType }, cancellationToken: cancellationToken);
            }

            var stored = new EvidenceFile(criterionId, revision, 0, body.Sha256(), body.Length64, contentType, uploadedBy, uploadedAt, blob.Name);
            await blob.SetMetadataAsync(new Dictionary<string, string>
            {
                ["sha256"] = stored.Sha256,
                ["uploadedby"] = Uri.EscapeDataString(uploadedBy),
                ["uploadedat"] = uploadedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            }, cancellationToken: cancellationToken);
            var outcome = await ListAsync(compactId, period, unitId, stored, uploadId, pointer, setRow, cancellationToken);
            if (outcome is not UploadOutcome.Stored)
            {
                await DeleteAsync(blob);
            }

            return outcome;
        }
        catch
        {
            await DeleteAsync(blob);
            throw;
        }
    }

    /// <summary>The files of one revision, by criterion then version.</summary>
    public async Task<IReadOnlyList<EvidenceFile>> ListAsync(string compactId, Period period, string unitId, int revision, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        return (await TableRows.WithPrefixAsync(table, ReportStore.PartitionKey(compactId, period), EvidenceRows.FilePrefix(unitId, revision), cancellationToken))
            .Select(EvidenceRows.ReadFile)
            .ToList();
    }

    /// <summary>One version of a criterion's evidence in one revision; null when there is none.</summary>
    public async Task<EvidenceFile?> GetAsync(
        string compactId, Period period, string unitId, int revision, string criterionId, int version, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ReportStore.PartitionKey(compactId, period),
            EvidenceRows.FileKey(unitId, revision, criterionId, version), cancellationToken: cancellationToken);
        return row.HasValue ? EvidenceRows.ReadFile(row.Value!) : null;
    }

    /// <summary>
    /// A read-only URL for one file, valid for <see cref="EvidenceOptions.DownloadMinutes"/> (at most 15); null when malware scanning
    /// is on and the blob's index tag says the file is malicious (with the scan result).
    /// </summary>
    public async Task<(Uri? Url, DateTimeOffset? ExpiresAt, string? ScanResult)> DownloadAsync(
        string compactId, Period period, string unitId, EvidenceFile file, CancellationToken cancellationToken)
    {
        var blob = (await _container.Value).GetBlobClient(file.BlobName);
        var scanResult = _options.MalwareScanning ? await ScanResultAsync(blob, cancellationToken) : null;
        if (scanResult == Malicious)
        {
            return (null, null, scanResult);
        }

        var name = $"{compactId}-{period}-{unitId}-r{file.Revision}-{file.CriterionId}-v{file.Version}.{FileFormat.Extensions[file.ContentType]}";
        var (url, expiresAt) = await files.ReadOnlyUrlAsync(blob, _options.DownloadMinutes, name, cancellationToken);
        return (url, expiresAt, scanResult);
    }

    /// <summary>
    /// The files of <paramref name="revision"/> for <paramref name="criteria"/> that malware scanning tagged malicious, as (criterion,
    /// version); empty without malware scanning. A file not yet scanned is not among them.
    /// </summary>
    public async Task<IReadOnlySet<(string CriterionId, int Version)>> MaliciousAsync(
        string compactId, Period period, string unitId, int revision, IReadOnlySet<string> criteria, CancellationToken cancellationToken)
    {
        if (!_options.MalwareScanning || criteria.Count == 0)
        {
            return new HashSet<(string, int)>();
        }

        var container = await _container.Value;
        var files = (await ListAsync(compactId, period, unitId, revision, cancellationToken)).Where(f => criteria.Contains(f.CriterionId));
        // At most MaxFiles at once, as a listing reads them.
        var verdicts = await Task.WhenAll(files.Select(async file =>
            (file.CriterionId, file.Version, Result: await ScanResultAsync(container.GetBlobClient(file.BlobName), cancellationToken))));
        return verdicts.Where(v => v.Result == Malicious).Select(v => (v.CriterionId, v.Version)).ToHashSet();
    }

    /// <summary>The blob's malware scanning result (its index tag); null while it has none.</summary>
    private static async Task<string?> ScanResultAsync(BlobClient blob, CancellationToken cancellationToken) =>
        (await blob.GetTagsAsync(cancellationToken: cancellationToken)).Value.Tags.TryGetValue(MalwareTag, out var result) ? result : null;

    /// <summary>Adds the file's row with the revision's set, re-reading the report after a conflicting writer.</summary>
    private async Task<UploadOutcome> ListAsync(
        string compactId, Period period, string unitId, EvidenceFile stored, string uploadId, TableEntity pointer, TableEntity? setRow,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = ReportStore.PartitionKey(compactId, period);
        string? tried = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var found = await TableRows.ByKeysAsync(table, partition, [ReportStore.PointerKey(unitId), EvidenceRows.SetKey(unitId), tried], cancellationToken);
                if (tried is not null && found.TryGetValue(tried, out var mine) && mine.GetString("UploadId") == uploadId)
                {
                    return new UploadOutcome.Stored(EvidenceRows.ReadFile(mine)); // our transaction committed and its reply was lost
                }

                pointer = found[ReportStore.PointerKey(unitId)];
                setRow = found.GetValueOrDefault(EvidenceRows.SetKey(unitId));
                if (Refusal(pointer, stored.Revision) is { } refused)
                {
                    return refused;
                }
            }

            if (setRow?.GetInt32("Revision") > stored.Revision)
            {
                return NewerRevision(pointer, stored.Revision);
            }

            var set = EvidenceRows.ReadSet(setRow, stored.Revision);
            if (OverLimit(set, stored.Size) is { } over)
            {
                return over;
            }

            var file = stored with { Version = set.NextVersion(stored.CriterionId) };
            var row = EvidenceRows.FileRow(partition, unitId, file, uploadId);
            try
            {
                await TableBatch.SubmitAsync(table, [
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    EvidenceRows.WriteSet(partition, unitId, setRow, set.With(file.CriterionId, file.Version, file.Size)),
                ], cancellationToken);
                return new UploadOutcome.Stored(file);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                tried = row.RowKey;
            }
            catch (Exception ex) when (StorageFailures.IsTransient(ex))
            {
                tried = row.RowKey; // it may or may not have committed: the next read finds out
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (Math.Min(attempt, 10) * 10))), cancellationToken); // a real wait
        }

        return new UploadOutcome.TooMuchContention();
    }

    /// <summary>409 when the report's evidence for <paramref name="revision"/> may no longer change: confirmed, or a newer revision.</summary>
    private static UploadOutcome.Refused? Refusal(TableEntity pointer, int revision)
    {
        var state = ReviewRows.ReadStatus(pointer).State;
        var current = pointer.GetInt32("Revision")!.Value;
        if (current != revision)
        {
            return NewerRevision(pointer, revision);
        }

        return state == ReviewState.Confirmed
            ? new UploadOutcome.Refused(state, current,
                $"Revision {current} is confirmed: its evidence is frozen. A new revision of the report reopens review and takes its own evidence.")
            : null;
    }

    private static UploadOutcome.Refused NewerRevision(TableEntity pointer, int revision) => new(
        ReviewRows.ReadStatus(pointer).State, pointer.GetInt32("Revision")!.Value,
        $"The report got a newer revision than {revision} during the upload; upload the evidence again for the latest revision. Nothing was stored.");

    private UploadOutcome.OverLimit? OverLimit(EvidenceSet set, long adding)
    {
        if (set.Files >= _options.MaxFiles)
        {
            return new($"Revision {set.Revision} already holds {set.Files} evidence files, the most one revision may hold. Nothing was stored.");
        }

        return set.Bytes + adding > _options.MaxReportBytes || (adding == 0 && set.Bytes >= _options.MaxReportBytes)
            ? new($"The evidence of revision {set.Revision} may total at most {_options.MaxReportBytes} bytes; it holds {set.Bytes}. Nothing was stored.")
            : null;
    }

    /// <summary>Word or Excel, read from the stored ZIP's central directory (two range reads of its end); null for any other ZIP.</summary>
    private static async Task<string?> OoxmlKindAsync(BlobClient blob, long length, CancellationToken cancellationToken)
    {
        var tailLength = (int)Math.Min(length, OoxmlPackage.MaxTail);
        var tail = await ReadRangeAsync(blob, length - tailLength, tailLength, cancellationToken);
        if (OoxmlPackage.Directory(tail.Span, length) is not { } directory)
        {
            return null;
        }

        return OoxmlPackage.Kind((await ReadRangeAsync(blob, directory.Offset, directory.Length, cancellationToken)).Span);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadRangeAsync(BlobClient blob, long offset, int length, CancellationToken cancellationToken) =>
        (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken)).Value.Content.ToMemory();

    private static async Task DeleteAsync(BlobClient blob) => await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
}

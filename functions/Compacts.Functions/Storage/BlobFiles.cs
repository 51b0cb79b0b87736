using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Compacts.Functions.Storage;

/// <summary>
/// Uploaded files in private containers (signed scans, evidence): written once, streamed in 4 MiB blocks, and read through
/// short-lived read-only URLs.
/// </summary>
public sealed class BlobFiles(BlobServiceClient blobs, TimeProvider time)
{
    /// <summary>A download URL lives at most this long.</summary>
    public const int MaxUrlMinutes = 15;

    private const int BlockBytes = 4 * 1024 * 1024;

    private UserDelegationKey? _delegationKey;

    /// <summary>The private container, created when missing, once per process.</summary>
    public AsyncOnce<BlobContainerClient> Container(string name) => new(async () =>
    {
        var container = blobs.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(PublicAccessType.None);
        return container;
    });

    /// <summary>
    /// Streams <paramref name="body"/> into a new blob (create-only: an existing blob is never overwritten), one block at a time, so
    /// the host holds at most a block of it. A failed upload commits no block list, so no blob appears.
    /// </summary>
    public static async Task CreateAsync(BlobClient blob, Stream body, string contentType, CancellationToken cancellationToken) =>
        await blob.UploadAsync(body, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = BlockBytes,
                MaximumTransferSize = BlockBytes,
                MaximumConcurrency = 1,
            },
        }, cancellationToken);

    /// <summary>
    /// A read-only URL for one blob, valid for <paramref name="minutes"/> (at most 15), that downloads as <paramref name="fileName"/>:
    /// a user-delegation SAS when the app signs in with its managed identity, an account-key SAS with a connection string (Azurite).
    /// </summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> ReadOnlyUrlAsync(BlobClient blob, int minutes, string fileName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = now.AddMinutes(Math.Clamp(minutes, 1, MaxUrlMinutes));
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            ContentDisposition = $"attachment; filename=\"{fileName}\"",
        };
        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(sas), expiresAt);
        }

        var key = _delegationKey;
        if (key is null || key.SignedExpiresOn < expiresAt.AddMinutes(5))
        {
            key = _delegationKey = (await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), now.AddHours(2), cancellationToken)).Value;
        }

        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
        return (uri, expiresAt);
    }
}

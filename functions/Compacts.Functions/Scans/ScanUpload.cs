using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace Compacts.Functions.Scans;

public sealed record ScanUpload(ScanVersion Version, string BlobName);

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Compacts.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Scans;

public sealed record ScanVersion(
    string CompactId, string UnitId, int Version, string Sha256, long Size, string ContentType, string UploadedBy, DateTimeOffset UploadedAt);

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Compacts.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Scans;

public sealed record ScanUpload(ScanVersion Version, string BlobName);

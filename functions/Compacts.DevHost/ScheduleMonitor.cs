using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;

namespace Compacts.DevHost;

/// <summary>A timer's last and next occurrences, as the Functions host records them.</summary>
public sealed record TimerStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>
/// Where the timers' status lives between runs, as in the Functions host: the blob <c>timers/{hostId}/{function}/status</c> of the
/// container <c>azure-webjobs-hosts</c> on <c>AzureWebJobsStorage</c>. A timer whose recorded next occurrence passed while no
/// host ran fires once at start with <c>IsPastDue</c>. Without a storage connection the status lives in this process only.
/// </summary>
public sealed class ScheduleMonitor(BlobContainerClient? container, string hostId)
{
    private readonly ConcurrentDictionary<string, TimerStatus> _memory = new(StringComparer.Ordinal);

    public static ScheduleMonitor Create(IConfiguration configuration) => new(
        configuration["AzureWebJobsStorage"] is { Length: > 0 } connection ? new BlobContainerClient(connection, "azure-webjobs-hosts") : null,
        configuration["DevHost:HostId"] is { Length: > 0 } id ? id : "compacts-devhost");

    public async Task<TimerStatus?> GetAsync(string function, CancellationToken cancellationToken)
    {
        if (container is null)
        {
            return _memory.TryGetValue(function, out var status) ? status : null;
        }

        try
        {
            var content = await container.GetBlobClient(BlobName(function)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<TimerStatus>();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SetAsync(string function, TimerStatus status, CancellationToken cancellationToken)
    {
        if (container is null)
        {
            _memory[function] = status;
            return;
        }

        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(BlobName(function)).UploadAsync(BinaryData.FromObjectAsJson(status, JsonSerializerOptions.Default), overwrite: true, cancellationToken);
    }

    private string BlobName(string function) => $"timers/{hostId}/{function}/status";
}

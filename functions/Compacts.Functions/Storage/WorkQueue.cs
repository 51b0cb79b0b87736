using Azure.Storage.Queues;

namespace Compacts.Functions.Storage;

/// <summary>
/// A work queue of JSON messages for a queue-triggered function. The client encodes base64, as the Functions queue
/// trigger expects by default; the queue is created on first use. A message carries the <c>traceParent</c> of the span that
/// enqueued it (a timer's invocation, a request), which its worker continues (<see cref="AppTelemetry.StartProcessing"/>).
/// </summary>
public sealed class WorkQueue<TMessage>(QueueServiceClient service, string queueName)
{
    private readonly AsyncOnce<QueueClient> _queue = new(async () =>
    {
        var client = service.GetQueueClient(queueName);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public string Name => queueName;

    public async Task EnqueueAsync(TMessage message, CancellationToken cancellationToken)
    {
        var queue = await _queue.Value;
        var json = System.Text.Json.JsonSerializer.SerializeToNode(message, StorageJson.Options)!.AsObject();
        if (System.Diagnostics.Activity.Current is { } current)
        {
            json["traceParent"] = current.Id; // W3C traceparent of the enqueuing span: its worker continues that trace
        }

        await queue.SendMessageAsync(json.ToJsonString(StorageJson.Options), cancellationToken);
    }

    /// <summary>Enqueues every message, 16 at a time.</summary>
    public Task EnqueueAllAsync(IEnumerable<TMessage> messages, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) => await EnqueueAsync(message, ct));
}

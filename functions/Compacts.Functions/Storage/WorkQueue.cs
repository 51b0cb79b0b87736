using Azure.Storage.Queues;

namespace Compacts.Functions.Storage;

/// <summary>
/// A work queue of JSON messages for a queue-triggered function. The client encodes base64, as the Functions queue
/// trigger expects by default; the queue is created on first use.
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
        await queue.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(message, StorageJson.Options), cancellationToken);
    }

    /// <summary>Enqueues every message, 16 at a time.</summary>
    public Task EnqueueAllAsync(IEnumerable<TMessage> messages, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) => await EnqueueAsync(message, ct));
}

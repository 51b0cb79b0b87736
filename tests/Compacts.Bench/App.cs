using Azure.Storage.Queues;

namespace Compacts.Bench;

/// <summary>The app's services on tables and queues of their own prefix, all deleted on dispose (and the mail outbox).</summary>
internal sealed class App(ServiceProvider services, string prefix) : IAsyncDisposable
{
    public IServiceProvider Services => services;

    public async ValueTask DisposeAsync()
    {
        var tables = services.GetRequiredService<Tables>();
        foreach (var name in Tables.All)
        {
            await tables.Service.DeleteTableAsync(tables.FullName(name));
        }

        await services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{prefix}-{QueueNames.Standings}").DeleteIfExistsAsync();
        await services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{prefix}-{QueueNames.Reminders}").DeleteIfExistsAsync();
        await services.DisposeAsync();
        var outbox = Path.Combine(Path.GetTempPath(), $"{prefix}-outbox"); // the mails the reminder jobs wrote
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }
}

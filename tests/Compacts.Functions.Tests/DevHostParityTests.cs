using Azure.Storage.Queues;
using Compacts.DevHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace Compacts.Functions.Tests;

/// <summary>The development host honours the function app's host.json as the Functions host does: route prefix, queue settings, function timeout.</summary>
public sealed class DevHostParityTests : IAsyncDisposable
{
    private readonly List<string> _files = [];

    public sealed class ParityFunctions
    {
        public static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);

        public static Func<long>? Renewals { get; set; }

        [Function(nameof(AlwaysFails))]
        public Task AlwaysFails([QueueTrigger("parity-fails")] string message)
        {
            Calls.AddOrUpdate(message, 1, (_, n) => n + 1);
            throw new InvalidOperationException("fails on purpose");
        }

        [Function(nameof(Hangs))]
        public async Task Hangs([QueueTrigger("parity-hangs")] string message, CancellationToken cancellationToken)
        {
            Calls.AddOrUpdate(message, 1, (_, n) => n + 1);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        /// <summary>Runs until its message's invisibility has been renewed four times: twice as long as the lease.</summary>
        [Function(nameof(OutlastsTheLease))]
        public async Task OutlastsTheLease([QueueTrigger("parity-slow")] string message)
        {
            Calls.AddOrUpdate(message, 1, (_, n) => n + 1);
            await WaitFor(() => Renewals!() >= 4);
        }
    }

    private string Temp(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        _files.Add(path);
        return path;
    }

    private string Metadata(params string[] functions) => Temp("functions.metadata", "[" + string.Join(",", functions.Select(f => $$"""
        { "name": "{{f}}", "scriptFile": "{{typeof(ParityFunctions).Assembly.GetName().Name}}.dll", "entryPoint": "{{typeof(ParityFunctions).FullName}}.{{f}}",
          "bindings": [{ "name": "message", "direction": "In", "type": "queueTrigger", "queueName": "parity-{{(f == "AlwaysFails" ? "fails" : f == "Hangs" ? "hangs" : "slow")}}", "connection": "AzureWebJobsStorage" }] }
        """)) + "]");

    private async Task<Reliability.ReliabilityHost> Start(string hostJson, string? metadata = null, string? lease = null)
    {
        var settings = new Dictionary<string, string?> { ["DevHost:HostJson"] = Temp("host.json", hostJson) };
        if (metadata is not null)
        {
            settings["DevHost:MetadataFile"] = metadata;
            settings["DevHost:RunQueues"] = "true";
        }

        if (lease is not null)
        {
            settings["DevHost:MessageLease"] = lease;
        }

        return await Reliability.ReliabilityHost.StartAsync(extra: settings);
    }

    private static QueueClient Queue(Reliability.ReliabilityHost host, string name) =>
        new(TestApp.StorageConnection, $"{host.Prefix}-{name}", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task The_route_prefix_comes_from_host_json()
    {
        await using var host = await Start("""{ "version": "2.0", "extensions": { "http": { "routePrefix": "v2" } } }""");

        var moved = await host.Http.GetAsync(new Uri(host.Http.BaseAddress!, "/v2/health"));
        var old = await host.Http.GetAsync(new Uri(host.Http.BaseAddress!, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task A_failing_message_goes_to_poison_after_host_json_maxDequeueCount_tries()
    {
        await using var host = await Start(
            """{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 2, "visibilityTimeout": "00:00:00", "maxPollingInterval": "00:00:00.200" } } }""",
            Metadata(nameof(ParityFunctions.AlwaysFails)));

        var tries = await TriesUntilPoisoned(host, "parity-fails");

        Assert.Equal(2, tries);
    }

    [Fact]
    public async Task A_function_past_host_json_functionTimeout_is_cancelled_and_its_message_retried()
    {
        await using var host = await Start(
            """{ "version": "2.0", "functionTimeout": "00:00:01", "extensions": { "queues": { "maxDequeueCount": 2, "visibilityTimeout": "00:00:00", "maxPollingInterval": "00:00:00.200" } } }""",
            Metadata(nameof(ParityFunctions.Hangs)));

        var tries = await TriesUntilPoisoned(host, "parity-hangs");

        Assert.Equal(2, tries);
        Assert.Contains(host.Logs.Lines, l => l.Text.Contains("Timeout value of 00:00:01 exceeded by function 'Hangs'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_stays_invisible_while_its_function_outlasts_the_lease_and_runs_once()
    {
        await using var host = await Start(
            """{ "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.100" } } }""",
            Metadata(nameof(ParityFunctions.OutlastsTheLease)), lease: "00:00:01");
        var listener = host.Services.GetServices<IHostedService>().OfType<QueueListener>().Single();
        ParityFunctions.Renewals = () => listener.Renewals;
        var text = "slow-" + host.Prefix;
        var queue = Queue(host, "parity-slow");

        await queue.CreateIfNotExistsAsync(); // the listener creates it too, perhaps not yet
        await queue.SendMessageAsync(text);
        await WaitFor(async () => ParityFunctions.Calls.ContainsKey(text) && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);

        Assert.Equal(1, ParityFunctions.Calls[text]);
        Assert.True(listener.Renewals >= 4);
        await DeleteQueues(host, "parity-slow");
    }

    /// <summary>Sends a message to the queue, waits until it reaches <c>{queue}-poison</c>, and answers how many times its function ran.</summary>
    private static async Task<int> TriesUntilPoisoned(Reliability.ReliabilityHost host, string queueName)
    {
        var text = $"{queueName}-{host.Prefix}";
        var poison = Queue(host, queueName + "-poison");

        var queue = Queue(host, queueName);
        await queue.CreateIfNotExistsAsync(); // the listener creates it too, perhaps not yet
        await queue.SendMessageAsync(text);
        await WaitFor(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1);

        Assert.Equal(text, (await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        await DeleteQueues(host, queueName);
        return ParityFunctions.Calls[text];
    }

    private static async Task DeleteQueues(Reliability.ReliabilityHost host, string name)
    {
        await Queue(host, name).DeleteIfExistsAsync();
        await Queue(host, name + "-poison").DeleteIfExistsAsync();
    }

    private static async Task WaitFor(Func<bool> condition) => await WaitFor(() => Task.FromResult(condition()));

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

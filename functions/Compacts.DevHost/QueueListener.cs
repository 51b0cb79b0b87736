using System.Runtime.CompilerServices;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Compacts.Functions.Storage;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace Compacts.DevHost;

/// <summary>
/// Runs each queue-triggered function as the Functions host's queue listener does, with host.json's <c>extensions.queues</c>:
/// base64 messages received <c>batchSize</c> at a time (a new batch once no more than <c>newBatchThreshold</c> run), invisible
/// while their function runs (the lease is renewed at half-time), deleted on success, visible again after
/// <c>visibilityTimeout</c> on failure, moved to <c>{queue}-poison</c> after <c>maxDequeueCount</c> tries, polling backed off
/// up to <c>maxPollingInterval</c> while the queue is empty. Local stand-in only.
/// </summary>
public sealed partial class QueueListener(
    FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration, HostSettings host, IOptions<StorageOptions> storage,
    ILogger<QueueListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private long _renewals;

    /// <summary>How many times a running function's message had its invisibility extended.</summary>
    public long Renewals => Interlocked.Read(ref _renewals);

    /// <summary>How long a received message stays invisible before it is renewed (the host's 10 minutes; shorter in tests).</summary>
    private TimeSpan Lease => configuration.GetValue("DevHost:MessageLease", HostSettings.MessageLease);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Queues.Select(function => ListenAsync(function, stoppingToken)));

    private async Task ListenAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var connection = configuration[function.Connection];
        string queueName;
        try
        {
            queueName = QueueNames.Prefixed(storage.Value.QueuePrefix, AppSettings.Resolve(function.QueueName, configuration));
        }
        catch (InvalidOperationException ex)
        {
            LogNotListening(logger, function.Name, ex.Message);
            return;
        }

        if (string.IsNullOrEmpty(connection))
        {
            LogNotListening(logger, function.Name, $"the connection setting '{function.Connection}' is not set");
            return;
        }

        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var queue = new QueueClient(connection, queueName, options);
        var poison = new QueueClient(connection, queue.Name + "-poison", options);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var settings = host.Queues;
        var running = new List<Task>();
        var idle = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                running.RemoveAll(t => t.IsCompleted);
                while (running.Count > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(running);
                    running.RemoveAll(t => t.IsCompleted);
                }

                QueueMessage[] messages;
                using (SuppressInstrumentationScope.Begin()) // the host's own polling is not the app's telemetry
                {
                    messages = await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, stoppingToken);
                }

                running.AddRange(messages.Select(message => HandleAsync(function, queue, poison, message, stoppingToken)));
                idle = messages.Length > 0 ? MinimumPollingInterval : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                LogPollFailed(logger, function.Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }

        await Task.WhenAll(running); // as the host: stopping waits for the functions that run
    }

    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var receipt = new StrongBox<string>(message.PopReceipt);
        bool succeeded;
        using (var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            var keeper = KeepInvisibleAsync(function, queue, message.MessageId, receipt, running.Token);
            try
            {
                await FunctionInvoker.InvokeQueueAsync(function, services, message.Body, host.FunctionTimeout, stoppingToken);
                succeeded = true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // shutting down: the lease runs out and the message is delivered again
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, function.Name, message.DequeueCount);
                succeeded = false;
            }
            finally
            {
                await running.CancelAsync();
                await keeper; // the last pop receipt is known from here on
            }
        }

        using var settling = SuppressInstrumentationScope.Begin(); // settling the message is the host's business
        try
        {
            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
            }
            else if (message.DequeueCount >= host.Queues.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
                LogPoisoned(logger, function.Name, poison.Name, message.DequeueCount);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: host.Queues.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (Azure.RequestFailedException ex)
        {
            LogSettleFailed(logger, function.Name, ex.Message); // the lease ran out or storage failed: the message comes back
        }
    }

    /// <summary>Renews the message's invisibility at half the lease until the function ends, as the host's listener does.</summary>
    private async Task KeepInvisibleAsync(QueueFunction function, QueueClient queue, string messageId, StrongBox<string> receipt, CancellationToken running)
    {
        var lease = Lease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, running);
                using var renewal = SuppressInstrumentationScope.Begin();
                // Not cancelled midway: an update that took effect must leave its pop receipt here.
                var update = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: lease, cancellationToken: CancellationToken.None);
                receipt.Value = update.Value.PopReceipt;
                Interlocked.Increment(ref _renewals);
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            LogRenewFailed(logger, function.Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue trigger {Function} is not running: {Reason}")]
    private static partial void LogNotListening(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue trigger {Function}: polling failed ({Reason})")]
    private static partial void LogPollFailed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue trigger {Function} failed (dequeue {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue trigger {Function}: message moved to {PoisonQueue} after {DequeueCount} tries")]
    private static partial void LogPoisoned(ILogger logger, string function, string poisonQueue, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue trigger {Function}: could not settle a message ({Reason})")]
    private static partial void LogSettleFailed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue trigger {Function}: could not keep a running message invisible ({Reason})")]
    private static partial void LogRenewFailed(ILogger logger, string function, string reason);
}

using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Compacts.DevHost;

/// <summary>
/// Runs each queue-triggered function as the host's queue trigger does: base64 messages, delete on success, retry after the
/// visibility timeout on failure, and after 5 dequeues move the message to <c>{queue}-poison</c>. Local stand-in only.
/// </summary>
public sealed partial class QueueListener(FunctionCatalog catalog, IServiceProvider services, IConfiguration configuration, ILogger<QueueListener> logger)
    : BackgroundService
{
    public const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Queues.Select(function => ListenAsync(function, stoppingToken)));

    private async Task ListenAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var connection = configuration[function.Connection];
        string queueName;
        try
        {
            queueName = AppSettings.Resolve(function.QueueName, configuration);
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
        var idle = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, VisibilityTimeout, stoppingToken);
                await Task.WhenAll(messages.Select(message => HandleAsync(function, queue, poison, message, stoppingToken)));
                idle = messages.Length > 0 ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(Math.Min(idle.TotalMilliseconds * 2, 2000));
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                LogPollFailed(logger, function.Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await FunctionInvoker.InvokeQueueAsync(function, services, message.Body, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, function.Name, message.DequeueCount);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue trigger {Function} is not running: {Reason}")]
    private static partial void LogNotListening(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue trigger {Function}: polling failed ({Reason})")]
    private static partial void LogPollFailed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue trigger {Function} failed (dequeue {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, long dequeueCount);
}

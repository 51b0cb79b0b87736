using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Compacts.Functions.Reminders;

namespace Compacts.Functions.Service;

/// <summary>Service routes: health and the OpenAPI document (both open: Easy Auth excludes them).</summary>
public sealed partial class ServiceFunctions(
    Tables tables, BlobServiceClient blobs, QueueServiceClient queues, IOptions<SendGridOptions> sendGrid, ILogger<ServiceFunctions> logger)
{
    /// <summary>How App Service writes a Key Vault reference; a setting that still starts so was not resolved.</summary>
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var tablesOk = await Probe("tables", async ct =>
        {
            var units = await tables.GetAsync(Tables.UnitsName);
            await foreach (var _ in units.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages())
            {
                break;
            }
        }, timeout.Token);
        var blobsOk = await Probe("blobs", async ct =>
        {
            await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, timeout.Token);
        var queuesOk = await Probe("queues", async ct =>
        {
            await foreach (var _ in queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, timeout.Token);
        var key = sendGrid.Value.ApiKey?.Trim();
        var mail = string.IsNullOrEmpty(key) ? "outbox"
            : key.StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase) ? "unresolved"
            : "sendgrid";
        if (mail == "unresolved")
        {
            LogKeyUnresolved(logger);
        }

        var healthy = tablesOk && blobsOk && queuesOk && mail != "unresolved";
        var body = new HealthResponse(healthy ? "healthy" : "unhealthy", tablesOk, blobsOk, queuesOk, mail);
        return healthy
            ? Responses.Ok(body)
            : new ApiResult(503, body).WithHeader("Retry-After", "5");
    }

    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        new ApiResult(200, OpenApi.Json, "application/json; charset=utf-8");

    private async Task<bool> Probe(string what, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            return true;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex) || ex is OperationCanceledException)
        {
            LogProbeFailed(logger, what, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe of {Store} failed: {Failure}")]
    private static partial void LogProbeFailed(ILogger logger, string store, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid:ApiKey is an unresolved Key Vault reference: check the app's identity has Key Vault Secrets User and the secret exists")]
    private static partial void LogKeyUnresolved(ILogger logger);
}

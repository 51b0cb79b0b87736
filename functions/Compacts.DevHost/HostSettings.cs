using System.Globalization;
using System.Text.Json;

namespace Compacts.DevHost;

/// <summary>
/// What the development host takes from the function app's host.json, the file the Functions host reads: the HTTP route
/// prefix, the function timeout and the queue trigger's settings. Values host.json leaves out get the host's defaults.
/// </summary>
public sealed record HostSettings(string RoutePrefix, TimeSpan FunctionTimeout, QueueSettings Queues)
{
    /// <summary>The Functions host receives queue messages invisible for 10 minutes and renews that at half-time while the function runs.</summary>
    public static readonly TimeSpan MessageLease = TimeSpan.FromMinutes(10);

    /// <summary>The default <c>functionTimeout</c> of the Flex Consumption plan.</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);

    public static HostSettings Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var extensions = Child(root, "extensions");
        var http = extensions is { } e ? Child(e, "http") : null;
        var queues = extensions is { } x ? Child(x, "queues") : null;
        var defaults = QueueSettings.Defaults;
        var batchSize = Int(queues, "batchSize") ?? defaults.BatchSize;
        return new HostSettings(
            (http is { } h && h.TryGetProperty("routePrefix", out var prefix) ? prefix.GetString() ?? "" : "api").Trim('/'),
            Time(root, "functionTimeout") is { } timeout ? (timeout < TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout) : DefaultFunctionTimeout,
            new QueueSettings(
                Time(queues, "visibilityTimeout") ?? defaults.VisibilityTimeout,
                Int(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
                batchSize,
                Int(queues, "newBatchThreshold") ?? batchSize / 2,
                Time(queues, "maxPollingInterval") ?? defaults.MaxPollingInterval));
    }

    /// <summary>The route template of an HTTP function: the prefix, then the function's route.</summary>
    public string RouteOf(string route) => RoutePrefix.Length == 0 ? "/" + route : $"/{RoutePrefix}/{route}";

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static int? Int(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Time(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.GetString() is { } text
            ? TimeSpan.Parse(text, CultureInfo.InvariantCulture)
            : null;
}

using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// Sees every write the app sends to Table storage and records what Azure would refuse and Azurite accepts: entity-group
/// transactions that break the batch rule (one PartitionKey, 1 to 100 operations, each entity once), entities over 1 MiB,
/// strings over 32K characters, more than 255 properties, keys over 1 KiB or with '/', '\', '#', '?' or control characters.
/// Entities are rebuilt from the request's JSON (types from the <c>@odata.type</c> annotations) and measured by
/// <see cref="TableLimits"/>. <see cref="TestApp"/> and the reliability host fail a test that leaves a refusal here.
/// </summary>
public sealed partial class AzureRuleRecorder : HttpPipelineSynchronousPolicy
{
    public sealed record Batch(int Operations, IReadOnlySet<string> PartitionKeys, int DistinctEntities);

    private readonly ConcurrentQueue<Batch> _batches = new();
    private readonly ConcurrentQueue<string> _refusals = new();

    public IReadOnlyList<Batch> Batches => _batches.ToArray();

    public IEnumerable<Batch> BatchViolations => Batches.Where(b => b.Operations is 0 or > 100 || b.PartitionKeys.Count != 1 || b.DistinctEntities != b.Operations);

    /// <summary>Every write Azure would have refused, with the reason.</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    public void Clear() => _refusals.Clear();

    public void AssertNoRefusals() =>
        Assert.True(_refusals.IsEmpty, "Azure would refuse what the app wrote:\n" + string.Join("\n", _refusals.Take(5)));

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head || request.Content is null
            || request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            return;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            Check($"{request.Method} {request.Uri.Path}", Uri.UnescapeDataString(request.Uri.Path), text);
            return;
        }

        var operations = OperationLine().Matches(text);
        var entities = new List<(string PartitionKey, string RowKey)>();
        for (var i = 0; i < operations.Count; i++)
        {
            var end = i + 1 < operations.Count ? operations[i + 1].Index : text.Length;
            var part = text[operations[i].Index..end];
            var body = part.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var blank and >= 0 && part.IndexOf('{', blank) is var open and >= 0
                ? part[open..(part.LastIndexOf('}') + 1)]
                : "";
            entities.Add(Check($"$batch operation {i + 1}", Uri.UnescapeDataString(operations[i].Groups[2].Value), body));
        }

        var batch = new Batch(operations.Count, entities.Select(e => e.PartitionKey).ToHashSet(StringComparer.Ordinal), entities.Distinct().Count());
        _batches.Enqueue(batch);
        if (BatchViolations.Contains(batch))
        {
            _refusals.Enqueue($"$batch: {batch.Operations} operations, partitions [{string.Join(", ", batch.PartitionKeys)}], "
                + $"{batch.DistinctEntities} distinct entities (one partition, 1 to 100 operations, each entity once)");
        }
    }

    /// <summary>Rebuilds the entity a write sends (keys from the body, else from the URL), records what Azure would refuse, and returns its keys.</summary>
    private (string PartitionKey, string RowKey) Check(string what, string path, string json)
    {
        var entity = new TableEntity(UrlKey(path, "PartitionKey") ?? "", UrlKey(path, "RowKey") ?? "");
        if (json.Length > 0)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.Contains("odata", StringComparison.Ordinal)))
            {
                var type = document.RootElement.TryGetProperty($"{property.Name}@odata.type", out var annotation) ? annotation.GetString() : null;
                entity[property.Name] = (type, property.Value.ValueKind) switch
                {
                    ("Edm.DateTime", _) => property.Value.GetDateTimeOffset(),
                    ("Edm.Int64", _) => long.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    ("Edm.Binary", _) => property.Value.GetBytesFromBase64(),
                    ("Edm.Guid", _) => property.Value.GetGuid(),
                    ("Edm.Double", _) => 0d,
                    (_, JsonValueKind.Number) => property.Value.TryGetInt32(out var number) ? number : property.Value.GetDouble(),
                    (_, JsonValueKind.True or JsonValueKind.False) => property.Value.GetBoolean(),
                    (_, JsonValueKind.Null) => null,
                    _ => property.Value.GetString(),
                };
            }
        }

        if (TableLimits.Problem(entity) is { } problem)
        {
            _refusals.Enqueue($"{what} ({entity.PartitionKey}/{entity.RowKey}): {problem}");
        }

        return (entity.PartitionKey, entity.RowKey);
    }

    private static string? UrlKey(string path, string name) =>
        Regex.Match(path, $"{name}='((?:[^']|'')*)'") is { Success: true } match ? match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;

    [GeneratedRegex(@"^(POST|PUT|PATCH|MERGE|DELETE) (https?://\S+) HTTP/1\.1\r?$", RegexOptions.Multiline)]
    private static partial Regex OperationLine();
}

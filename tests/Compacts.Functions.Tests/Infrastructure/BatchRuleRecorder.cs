using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// Sees every entity-group transaction on the wire and records whether it keeps Azure's rules (one PartitionKey,
/// at most 100 operations): Azurite accepts transactions that Azure would refuse, so the tests check it here.
/// </summary>
public sealed partial class BatchRuleRecorder : HttpPipelineSynchronousPolicy
{
    public sealed record Batch(int Operations, IReadOnlySet<string> PartitionKeys);

    private readonly ConcurrentQueue<Batch> _batches = new();

    public IReadOnlyList<Batch> Batches => _batches.ToArray();

    public IEnumerable<Batch> Violations => Batches.Where(b => b.Operations is 0 or > 100 || b.PartitionKeys.Count != 1);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var operations = OperationLine().Count(text);
        var keys = UrlPartitionKey().Matches(text).Select(m => Uri.UnescapeDataString(m.Groups[1].Value))
            .Concat(BodyPartitionKey().Matches(text).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        _batches.Enqueue(new Batch(operations, keys));
    }

    [GeneratedRegex(@"^(POST|PUT|PATCH|MERGE|DELETE) https?://\S+ HTTP/1\.1\r?$", RegexOptions.Multiline)]
    private static partial Regex OperationLine();

    [GeneratedRegex(@"PartitionKey='([^']*)'")]
    private static partial Regex UrlPartitionKey();

    [GeneratedRegex("\"PartitionKey\":\"([^\"]*)\"")]
    private static partial Regex BodyPartitionKey();
}

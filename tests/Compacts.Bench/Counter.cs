using Azure.Core;
using Azure.Core.Pipeline;

namespace Compacts.Bench;

/// <summary>Counts the storage requests sent through the pipelines it is added to (retries included).</summary>
internal sealed class Counter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// Holds the first storage request that matches, after its reply has arrived, until <see cref="Release"/>: a read is then
/// provably in flight (it has seen storage's old answer and not yet returned) while the test does something else.
/// </summary>
public sealed class ReplyGate : HttpPipelinePolicy
{
    private Func<Request, bool>? _match;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Arms the gate; the task completes when a matching request's reply is being held.</summary>
    public Task Arm(Func<Request, bool> match)
    {
        _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _match, match);
        return _held.Task;
    }

    public void Release() => _release.TrySetResult();

    /// <summary>A GET of one entity of the table whose name ends with <paramref name="table"/>.</summary>
    public static Func<Request, bool> EntityRead(string table) =>
        r => r.Method == RequestMethod.Get && Uri.UnescapeDataString(r.Uri.Path).Contains($"{table}(PartitionKey=", StringComparison.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Volatile.Read(ref _match) is { } match && match(message.Request) && Interlocked.CompareExchange(ref _match, null, match) == match)
        {
            _held.TrySetResult();
            await _release.Task;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);
}

using System.Net.Sockets;
using Azure;

namespace Compacts.Functions.Tests;

public class StorageFailuresTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "the SDK giving up after retries on a dropped connection", new AggregateException("Retry failed", new RequestFailedException(0, "reset", new HttpRequestException("reset")), new SocketException(107)), true },
        { "a server error", new RequestFailedException(503, "busy"), true },
        { "throttling", new RequestFailedException(429, "slow down"), true },
        { "a refused connection", new HttpRequestException("refused", new SocketException(111)), true },
        { "a conflict (a bug, not an outage)", new RequestFailedException(409, "conflict"), false },
        { "a bad request (a bug)", new RequestFailedException(400, "bad"), false },
        { "a programming error", new InvalidOperationException("bug"), false },
        { "retries that mixed an outage with a bug", new AggregateException(new SocketException(107), new InvalidOperationException()), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_unreachable_or_overloaded_storage_counts_as_an_outage(string because, Exception exception, bool transient)
    {
        Expect.Equal(transient, StorageFailures.IsTransient(exception), because);
    }
}

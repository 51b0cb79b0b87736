using System.Net.Sockets;

namespace Compacts.Functions.Storage;

/// <summary>Which exceptions mean "storage is unreachable or overloaded" (answered 503 + Retry-After) rather than a bug.</summary>
public static class StorageFailures
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 0 or 408 or 429 or >= 500,
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500 || r.InnerException is HttpRequestException or IOException or SocketException,
        HttpRequestException or TimeoutException or IOException or SocketException => true,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };
}

using Microsoft.Azure.Functions.Worker.Middleware;

namespace Compacts.Functions.Http;

/// <summary>The answer for an exception escaping a function: 503 + Retry-After when storage is down, else a 500 without internals.</summary>
public static partial class FailureMapping
{
    /// <param name="method">The request's method: only a read is known to have changed nothing.</param>
    public static ApiResult ToResult(Exception ex, ILogger logger, string functionName, string method)
    {
        if (StorageFailures.IsTransient(ex))
        {
            LogStorageUnavailable(logger, functionName, ex.GetType().Name);
            return Responses.Unavailable(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
                ? "Storage did not answer; retry shortly."
                : "Storage did not answer, so whether this request took effect is not known. Retry shortly "
                    + "(a report sent again with the same Idempotency-Key is stored once).");
        }

        LogUnhandled(logger, ex, functionName);
        return Responses.Problem(500, "Unexpected error.", "The failure was logged; nothing secret is returned here.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: storage unavailable ({Failure}); answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, string function, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string function);
}

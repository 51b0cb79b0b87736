using Microsoft.Azure.Functions.Worker.Middleware;

namespace Compacts.Functions.Http;

/// <summary>Applies <see cref="FailureMapping"/> inside the Functions worker.</summary>
public sealed class FailureMappingMiddleware(ILogger<FailureMappingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            var result = FailureMapping.ToResult(ex, logger, context.FunctionDefinition.Name, http.Request.Method);
            await result.ExecuteResultAsync(new ActionContext { HttpContext = http });
        }
    }
}

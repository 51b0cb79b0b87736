using System.Reflection;
using Compacts.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.DevHost;

/// <summary>Calls a function method the way the isolated worker binds it, for the parameter kinds this app uses.</summary>
public static partial class FunctionInvoker
{
    /// <summary>A span per timer and queue invocation, as the worker's <c>Invoke</c> span in Azure (HTTP requests have ASP.NET Core's).</summary>
    public static readonly System.Diagnostics.ActivitySource Invocations = new("Compacts.DevHost");

    public static async Task InvokeHttpAsync(HttpFunction function, HttpContext context, TimeSpan timeout, ILogger logger)
    {
        try
        {
            var returned = await WithTimeoutAsync(function.Name, timeout, token =>
                InvokeAsync(function.Method, context.RequestServices, [.. function.Method.GetParameters().Select(p => BindHttp(p, context, token))]), context.RequestAborted);
            var result = returned as IActionResult ?? new ApiResult(204);
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await FailureMapping.ToResult(Unwrap(ex), logger, function.Name, context.Request.Method)
                .ExecuteResultAsync(new ActionContext { HttpContext = context });
        }
    }

    public static async Task InvokeTimerAsync(TimerFunction function, IServiceProvider services, TimerInfo info, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var invocation = Invocations.StartActivity($"Invoke {function.Name}");
        await using var scope = services.CreateAsyncScope();
        await WithTimeoutAsync(function.Name, timeout, token => InvokeAsync(function.Method, scope.ServiceProvider, [.. function.Method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(TimerInfo) => info,
            var t when t == typeof(CancellationToken) => (object)token,
            _ => throw Unsupported(function.Name, p),
        })]), cancellationToken);
    }

    /// <summary>Binds the trigger parameter from the message text: string, BinaryData, or a JSON-deserialized object (as the worker does).</summary>
    public static async Task InvokeQueueAsync(QueueFunction function, IServiceProvider services, BinaryData message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var invocation = Invocations.StartActivity($"Invoke {function.Name}");
        await using var scope = services.CreateAsyncScope();
        await WithTimeoutAsync(function.Name, timeout, token => InvokeAsync(function.Method, scope.ServiceProvider, [.. function.Method.GetParameters().Select(p => p switch
        {
            _ when p.ParameterType == typeof(CancellationToken) => token,
            _ when p.Name != function.ParameterName => throw Unsupported(function.Name, p),
            _ when p.ParameterType == typeof(string) => message.ToString(),
            _ when p.ParameterType == typeof(BinaryData) => message,
            _ => System.Text.Json.JsonSerializer.Deserialize(message.ToMemory().Span, p.ParameterType, QueueJson),
        })]), cancellationToken);
    }

    /// <summary>
    /// host.json's <c>functionTimeout</c>, as the host applies it: the function's cancellation token is cancelled when the time is
    /// up and the invocation fails with a timeout (a queue message is then retried), whether or not the function stops.
    /// </summary>
    private static async Task<object?> WithTimeoutAsync(string name, TimeSpan timeout, Func<CancellationToken, Task<object?>> invoke, CancellationToken cancellationToken)
    {
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limited.CancelAfter(timeout);
        var invocation = invoke(limited.Token);
        try
        {
            return await invocation.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (limited.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or TimeoutException)
        {
            throw new TimeoutException($"Timeout value of {timeout} exceeded by function '{name}' (host.json functionTimeout).", ex);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    private static readonly System.Text.Json.JsonSerializerOptions QueueJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static object? BindHttp(ParameterInfo parameter, HttpContext context, CancellationToken cancellationToken) => parameter.ParameterType switch
    {
        var t when t == typeof(HttpRequest) => context.Request,
        var t when t == typeof(HttpContext) => context,
        var t when t == typeof(CancellationToken) => cancellationToken,
        var t when t == typeof(string) => context.GetRouteValue(parameter.Name!)?.ToString(),
        _ => throw Unsupported(parameter.Member.Name, parameter),
    };

    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        var target = method.IsStatic ? null : Factories.GetOrAdd(method.DeclaringType!, t => ActivatorUtilities.CreateFactory(t, Type.EmptyTypes))(services, null);
        try
        {
            var returned = method.Invoke(target, arguments);
            switch (returned)
            {
                case Task task:
                    await task;
                    return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
                default:
                    return returned;
            }
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;

    private static NotSupportedException Unsupported(string function, ParameterInfo parameter) =>
        new($"The development host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of {function}; " +
            "use HttpRequest, route strings, TimerInfo or CancellationToken, or run `func start`.");
}

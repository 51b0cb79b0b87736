using System.Reflection;
using System.Text.Json;

namespace Compacts.DevHost;

public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

public sealed record TimerFunction(string Name, string Schedule, bool RunOnStartup, MethodInfo Method);

public sealed record QueueFunction(string Name, string QueueName, string Connection, string ParameterName, MethodInfo Method);

/// <summary>The functions listed in a build's <c>functions.metadata</c>, resolved to their methods.</summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunction> http, IReadOnlyList<TimerFunction> timers, IReadOnlyList<QueueFunction> queues)
    {
        Http = http;
        Timers = timers;
        Queues = queues;
    }

    public IReadOnlyList<QueueFunction> Queues { get; }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public static FunctionCatalog Load(string metadataPath, Func<string, Assembly> loadAssembly)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(metadataPath));
        var http = new List<HttpFunction>();
        var timers = new List<TimerFunction>();
        var queues = new List<QueueFunction>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var entryPoint = function.GetProperty("entryPoint").GetString()!;
            var scriptFile = function.GetProperty("scriptFile").GetString()!;
            var method = Resolve(loadAssembly(Path.GetFileNameWithoutExtension(scriptFile)), entryPoint);
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("direction").GetString() is not ("In" or "in"))
                {
                    continue;
                }

                switch (binding.GetProperty("type").GetString())
                {
                    case "httpTrigger":
                        var route = binding.TryGetProperty("route", out var r) && r.GetString() is { } text ? text : name;
                        var methods = binding.TryGetProperty("methods", out var m)
                            ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList()
                            : ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
                        http.Add(new HttpFunction(name, route, methods, method));
                        break;
                    case "timerTrigger":
                        var runOnStartup = binding.TryGetProperty("runOnStartup", out var s) && s.ValueKind == JsonValueKind.True;
                        timers.Add(new TimerFunction(name, binding.GetProperty("schedule").GetString()!, runOnStartup, method));
                        break;
                    case "queueTrigger":
                        var connection = binding.TryGetProperty("connection", out var c) && c.GetString() is { Length: > 0 } setting ? setting : "AzureWebJobsStorage";
                        queues.Add(new QueueFunction(name, binding.GetProperty("queueName").GetString()!, connection, binding.GetProperty("name").GetString()!, method));
                        break;
                    default:
                        break;
                }
            }
        }

        return new FunctionCatalog(http, timers, queues);
    }

    private static MethodInfo Resolve(Assembly assembly, string entryPoint)
    {
        var split = entryPoint.LastIndexOf('.');
        var type = assembly.GetType(entryPoint[..split], throwOnError: true)!;
        return type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"functions.metadata names {entryPoint}, which {assembly.GetName().Name} does not have.");
    }
}

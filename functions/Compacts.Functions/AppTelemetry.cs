using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Compacts.Functions;

/// <summary>
/// The app's traces: the Azure SDK's Table, Blob and Queue calls (its <c>Azure.*</c> activity sources), outgoing HTTP that is not
/// the SDK's own (SendGrid), and the app's spans (a queue message's processing, parented to the trace that enqueued it).
/// Exported to Application Insights with the managed identity (local authentication is off there) when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and to the console with <c>Telemetry:Console</c>.
/// </summary>
public static class AppTelemetry
{
    public const string SourceName = "Compacts";

    public static readonly ActivitySource Source = new(SourceName);

    public static OpenTelemetryBuilder AddCompactsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true); // also in the project files: the SDK may read it before this runs
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        var builder = services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddCompactsSources();
            if (configuration.GetValue<bool>($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Console)}"))
            {
                tracing.AddConsoleExporter();
            }
        });
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            builder.UseAzureMonitorExporter(o => o.Credential = IdentityOf(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
        }

        return builder;
    }

    /// <summary>The sources the app traces; tests add their own exporter to the same list.</summary>
    public static TracerProviderBuilder AddCompactsSources(this TracerProviderBuilder tracing) => tracing
        .AddSource("Azure.*", SourceName)
        .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => !UnderAzureSdk());

    /// <summary>
    /// Starts the span of a queue message's processing as a child of the trace that enqueued it (its <c>traceParent</c>), linked to
    /// the invocation that runs it, so a timer, its messages and their workers read as one trace.
    /// </summary>
    public static Activity? StartProcessing(string function, string? traceParent)
    {
        ActivityLink[]? links = Activity.Current is { } invocation ? [new ActivityLink(invocation.Context)] : null;
        return ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(ActivityKind.Consumer, parent, links: links, name: $"{function} process")
            : Source.StartActivity($"{function} process", ActivityKind.Consumer);
    }

    /// <summary>The SDK traces its own HTTP requests (<c>Azure.Core.Http</c>); HttpClient's span under them would repeat each.</summary>
    private static bool UnderAzureSdk()
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.Source.Name.StartsWith("Azure.", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The identity named in <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>), else the system-assigned one.</summary>
    private static ManagedIdentityCredential IdentityOf(string? authentication)
    {
        var clientId = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1])
            .FirstOrDefault();
        return clientId is { Length: > 0 }
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}

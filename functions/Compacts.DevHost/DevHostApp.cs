using System.Reflection;
using System.Text.Json;
using Compacts.Functions;
using Compacts.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Trace;

namespace Compacts.DevHost;

/// <summary>
/// A local stand-in for the Azure Functions host, for machines without Core Tools: it reads the build's
/// <c>functions.metadata</c>, reads the <c>host.json</c> the Functions host reads, serves each HTTP function on <c>/{routePrefix}/{route}</c> and runs the
/// timers and queue triggers, all through the app's own DI.
/// Never deployed.
/// </summary>
public static partial class DevHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="settings">Settings that take precedence over all others (tests); in place before any is read.</param>
    /// <param name="configure">Last changes to the services (tests).</param>
    /// <param name="timeline">Start-up marks, written after the first answer when <c>DevHost:StartupTimeline</c> is set (the benchmark's cold start).</param>
    public static WebApplication Build(
        string[] args, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, StartupTimeline? timeline = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        AddLocalSettings(builder.Configuration);
        builder.Services.AddCompactsApp();
        builder.Services.AddCompactsTelemetry(builder.Configuration)
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(FunctionInvoker.Invocations.Name));

        var metadataPath = builder.Configuration["DevHost:MetadataFile"] ?? Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        var appAssembly = typeof(AppServices).Assembly;
        var catalog = FunctionCatalog.Load(
            metadataPath,
            name => name == appAssembly.GetName().Name ? appAssembly : Assembly.Load(name));
        builder.Services.AddSingleton(catalog);
        var hostJson = builder.Configuration["DevHost:HostJson"] ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        var host = HostSettings.Load(hostJson);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(ScheduleMonitor.Create(builder.Configuration));
        if (builder.Configuration.GetValue("DevHost:RunTimers", true))
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }

        if (builder.Configuration.GetValue("DevHost:RunQueues", true))
        {
            builder.Services.AddHostedService<QueueListener>();
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        if (timeline is not null && app.Configuration.GetValue(StartupTimeline.SettingName, false))
        {
            timeline.Enable();
            app.Use((context, next) => timeline.FirstRequestAsync(context, () => next(context)));
        }

        // The reference portal (../portal), served at / as static files, before any function route is considered.
        if ((builder.Configuration["DevHost:PortalPath"] ?? FindPortal()) is { } portal && Directory.Exists(portal))
        {
            var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(portal));
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/" + host.RoutePrefix, StringComparison.OrdinalIgnoreCase), portalApp =>
            {
                portalApp.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                portalApp.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            });
        }

        app.UseRouting();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await Responses.Problem(405, "Method not allowed.", $"{context.Request.Method} is not served on {context.Request.Path}.")
                    .ExecuteResultAsync(new ActionContext { HttpContext = context });
            }
        });
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Compacts.DevHost");
        foreach (var function in catalog.Http)
        {
            app.MapMethods(host.RouteOf(function.Route), function.Methods, context => FunctionInvoker.InvokeHttpAsync(function, context, host.FunctionTimeout, logger))
                .WithName(function.Name);
        }

        // "{**path}", not MapFallback's default "{*path:nonfile}": a path ending like a file name (…/minutes.docx) gets the problem too.
        app.MapFallback("{**path}", context => Responses.NotFound($"No function serves {context.Request.Method} {context.Request.Path}.")
            .ExecuteResultAsync(new ActionContext { HttpContext = context }));
        LogServing(logger, catalog.Http.Count, catalog.Timers.Count, catalog.Queues.Count, metadataPath, hostJson);
        return app;
    }

    /// <summary>Adds the <c>Values</c> of local.settings.json (as Core Tools does), below environment variables in precedence.</summary>
    private static void AddLocalSettings(ConfigurationManager configuration)
    {
        var path = configuration["DevHost:SettingsFile"] ?? FindLocalSettings();
        if (path is null || !File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return;
        }

        var settings = values.EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.ToString());
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings };
        ((IConfigurationBuilder)configuration).Sources.Insert(0, source);
    }

    private static string? FindPortal()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return Path.Combine(dir.FullName, "portal");
            }
        }

        return null;
    }

    private static string? FindLocalSettings()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "local.settings.json"), Path.Combine(dir.FullName, "functions", "Compacts.Functions", "local.settings.json") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development host: {HttpCount} HTTP functions, {TimerCount} timers and {QueueCount} queue triggers from {Metadata}, with {HostJson}")]
    private static partial void LogServing(ILogger logger, int httpCount, int timerCount, int queueCount, string metadata, string hostJson);
}

using System.Collections.Concurrent;
using Azure;
using Compacts.DevHost;
using Compacts.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Compacts.Bench;

/// <summary>
/// The HTTP floor: the cheapest HTTP server in front of the floor's transaction, in its own process as the development
/// host is. One Kestrel endpoint reads the request body, issues the same raw transaction as the floor (copies of the
/// revision row, pointer and history event the app stored) and answers with the app's answer, byte for byte. No routing beyond the one
/// endpoint, no DI scope, no function, no validation: what any HTTP front costs on this machine.
/// </summary>
internal static class BareServer
{
    public const string Flag = "--bare-server";

    /// <summary>Serves until stopped. Arguments: the flag, port, then as <see cref="StartAsync"/>; the storage from COMPACTS_BENCH_STORAGE.</summary>
    public static async Task RunAsync(string[] args)
    {
        using var timeline = new StartupTimeline(TimeProvider.System); // as the development host: Main, built, listening, the first request
        var app = await StartAsync($"http://127.0.0.1:{args[1]}", Environment.GetEnvironmentVariable("COMPACTS_BENCH_STORAGE")!, args, timeline);
        await app.WaitForShutdownAsync();
    }

    /// <summary>Arguments from index 2: table prefix, partition and row keys of the app's stored pointer, revision and history event, and a file with the app's answer.</summary>
    public static async Task<WebApplication> StartAsync(string url, string storage, string[] args, StartupTimeline? timeline = null)
    {
        var (prefix, partition, pointerKey, revisionKey, eventKey, answerFile) = (args[2], args[3], args[4], args[5], args[6], args[7]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:TablePrefix"] = prefix,
        });
        builder.Services.AddCompactsApp(); // the app's table client, with its options; resolved once below
        var app = builder.Build();
        if (timeline is not null)
        {
            timeline.Enable();
            app.Use((context, next) => timeline.FirstRequestAsync(context, () => next(context)));
            timeline.Built();
        }

        var table = await app.Services.GetRequiredService<Tables>().GetAsync(Tables.ReportsName);
        var pointer = (await table.GetEntityAsync<TableEntity>(partition, pointerKey)).Value;
        var revision = (await table.GetEntityAsync<TableEntity>(partition, revisionKey)).Value;
        var historyEvent = (await table.GetEntityAsync<TableEntity>(partition, eventKey)).Value;
        var answer = await File.ReadAllBytesAsync(answerFile);
        var etags = new ConcurrentDictionary<string, ETag>();
        var number = 0;

        app.MapPut("/tx/{floor}/{client}", async (HttpContext context, string floor, string client) =>
        {
            using (var body = new MemoryStream())
            {
                await context.Request.Body.CopyToAsync(body);
            }

            var key = $"{floor}/{client}";
            if (!etags.TryGetValue(key, out var etag))
            {
                etag = (await table.AddEntityAsync(Copy(pointer, floor, $"cur_{client}", 0))).Headers.ETag!.Value;
            }

            var n = Interlocked.Increment(ref number);
            var response = await table.SubmitTransactionAsync(Transaction(revision, pointer, historyEvent, floor, client, n, etag));
            etags[key] = response.Value[1].Headers.ETag!.Value;
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await app.StartAsync();
        timeline?.Listening();
        return app;
    }

    /// <summary>
    /// The app's transaction of a report PUT, on copies of the entities it stored: add the revision, replace the pointer (if it
    /// still has <paramref name="etag"/>), add the history event.
    /// </summary>
    public static TableTransactionAction[] Transaction(TableEntity revision, TableEntity pointer, TableEntity historyEvent, string partition, string client, int number, ETag etag) =>
    [
        new(TableTransactionActionType.Add, Copy(revision, partition, $"rev_{client}_{number:D7}", number)),
        new(TableTransactionActionType.UpdateReplace, Copy(pointer, partition, $"cur_{client}", number), etag),
        new(TableTransactionActionType.Add, Copy(historyEvent, partition, $"evt_{client}_{number:D7}", number)),
    ];

    /// <summary>A copy of a stored entity under other keys, with its revision number and a fresh receipt time (where it has them).</summary>
    public static TableEntity Copy(TableEntity source, string partitionKey, string rowKey, int revision)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in source)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        if (source.ContainsKey("Revision"))
        {
            copy["Revision"] = revision;
        }

        if (source.ContainsKey("ReceivedAt"))
        {
            copy["ReceivedAt"] = DateTimeOffset.UtcNow;
        }

        return copy;
    }
}

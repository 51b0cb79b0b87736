using System.Diagnostics;
using Azure.Storage.Queues;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Compacts.Functions.Tests;

/// <summary>The app's traces: storage calls as children of the request or message that caused them, and a timer's trace carried through its queue.</summary>
public sealed class TelemetryTests
{
    private static readonly ActivitySource Host = new("Compacts.Tests.Host");

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> within <paramref name="trace"/>.</summary>
    private static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var parent = span.ParentSpanId; parent != default; parent = bySpan.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<T> WaitFor<T>(Func<T?> find) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T? found;
        while ((found = find()) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "not found within 30 s");
            await Task.Delay(20);
        }

        return found;
    }

    [Fact]
    public async Task A_report_PUT_is_one_trace_with_its_Table_calls_as_children()
    {
        var spans = new SpanCollection();
        await using var host = await Reliability.ReliabilityHost.StartAsync(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await host.SeedAsync();

        var put = await host.SendAsync(HttpMethod.Put, "compacts/cum6-2024/reports/2024-03/ha-tinh", Principals.Admin,
            JsonContent.Create(Calls.ReportBody(receivedAt: "2024-04-03T09:00:00+07:00")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        // Listeners are process-wide: other tests' hosts serve the same route at the same time, so match this host's port.
        var port = host.Http.BaseAddress!.Port;
        var request = await WaitFor(() => spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server
            && s.GetTagItem("url.path") as string == "/api/compacts/cum6-2024/reports/2024-03/ha-tinh" && s.GetTagItem("http.request.method") as string == "PUT"
            && Convert.ToInt32(s.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture) == port));

        var trace = spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();
        var tableCalls = trace.Where(s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)).ToList();
        Assert.True(tableCalls.Count >= 2, $"Table calls in the request's trace: {string.Join(", ", tableCalls.Select(s => s.DisplayName))}"); // the read and the transaction
        Assert.Contains(tableCalls, s => s.DisplayName.Contains("SubmitTransaction", StringComparison.Ordinal));
        Assert.All(tableCalls, s => Assert.True(Descends(s, request, trace), $"{s.DisplayName} is not under the request"));
    }

    [Fact]
    public async Task A_timers_trace_continues_through_its_queue_message_into_the_worker()
    {
        var spans = new SpanCollection();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddCompactsSources().AddSource(Host.Name).AddInMemoryExporter(spans).Build();
        await using var app = new TestApp(new DateTimeOffset(2024, 7, 10, 2, 0, 0, TimeSpan.Zero));
        await app.SeedAsync(TestApp.DemoCompactDraftWithoutRequiredReview()); // the planner's one month in play: June
        var jobs = ActivatorUtilities.CreateInstance<StandingsJobs>(app.Services);

        Activity timer;
        using (timer = Host.StartActivity("Invoke PlanStandings")!)
        {
            await jobs.PlanStandings(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        }

        var queue = app.Get<QueueServiceClient>().GetQueueClient(app.Get<Storage.WorkQueue<StandingsWork>>().Name);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(10)).Value);
        var work = System.Text.Json.JsonSerializer.Deserialize<StandingsWork>(message.Body, Http.ApiJson.Options)!;
        Activity.Current = null;
        Activity invocation;
        using (invocation = Host.StartActivity("Invoke ComputeStandings")!) // the queue trigger's own invocation: a trace of its own
        {
            await jobs.ComputeStandings(work, default);
        }

        Assert.Equal(timer.Id, work.TraceParent);
        var trace = spans.Snapshot().Where(s => s.TraceId == timer.TraceId).ToList();
        var processing = Assert.Single(trace, s => s.DisplayName == "ComputeStandings process");
        Assert.Equal(timer.SpanId, processing.ParentSpanId);
        Assert.Contains(processing.Links, l => l.Context.SpanId == invocation.SpanId);
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && Descends(s, processing, trace)); // the worker's reads and writes
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal) && Descends(s, timer, trace)); // the enqueue
    }
}

using Compacts.DevHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Compacts.Functions.Tests;

/// <summary>End to end over real HTTP: the development host serving the function classes from functions.metadata.</summary>
public sealed class DevHostTests : IAsyncLifetime
{
    private Reliability.ReliabilityHost _host = null!;

    public async Task InitializeAsync() => _host = await Reliability.ReliabilityHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> Put(string path, object body, string principal) =>
        _host.SendAsync(HttpMethod.Put, path, principal, JsonContent.Create(body, options: Http.ApiJson.Options));

    [Fact]
    public async Task A_report_goes_in_and_comes_out_over_http_through_the_functions()
    {
        foreach (var unit in TestApp.Units)
        {
            Assert.Equal(HttpStatusCode.Created, (await Put($"units/{unit}", new { name = unit, emails = Array.Empty<string>() }, Principals.Admin)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await Put($"users/{Principals.ReporterId("nghe-an")}", new { unitId = "nghe-an" }, Principals.Admin)).StatusCode);
        var compact = await Put("compacts/cum6-2024", TestApp.DemoCompactDraft(), Principals.Admin);
        Assert.Equal(HttpStatusCode.Created, compact.StatusCode);
        Assert.NotNull(compact.Headers.ETag);

        var report = await Put("compacts/cum6-2024/reports/2024-03/nghe-an", Calls.ReportBody(), Principals.ReporterOf("nghe-an"));
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        Assert.NotNull(report.Headers.ETag);

        using var list = new HttpRequestMessage(HttpMethod.Get, "compacts/cum6-2024/reports/2024-03");
        list.Headers.Add(ClientPrincipal.HeaderName, Principals.Admin);
        var period = await _host.Http.SendAsync(list);
        var json = JsonDocument.Parse(await period.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, period.StatusCode);
        Assert.Equal("nghe-an", json.GetProperty("reports")[0].GetProperty("unitId").GetString());

        // JSON answers go out whole, with their length, not chunked.
        var body = await report.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, report.Content.Headers.ContentLength);
        Assert.NotEqual(true, report.Headers.TransferEncodingChunked);
        Assert.Equal(4, json.GetProperty("missing").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_details_not_5xx()
    {
        var unknown = await _host.Http.GetAsync("nothing/here");
        var wrongMethod = await _host.Http.PostAsync("units/x", new StringContent(""));
        var noPrincipal = await _host.Http.GetAsync("compacts");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.True((int)wrongMethod.StatusCode is 404 or 405);
        Assert.Equal(HttpStatusCode.Unauthorized, noPrincipal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("health")).StatusCode);
    }
}

/// <summary>The development host's timers: schedules from settings, fired by the clock, through DI.</summary>
public sealed class DevHostTimerTests
{
    private static int _ticks;
    private static DateTimeOffset _firedAt;

    public sealed class TickFunctions(TimeProvider time)
    {
        [Function(nameof(Tick))]
        public Task Tick([TimerTrigger("%Tick:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        {
            Assert.NotNull(timer);
            Assert.NotNull(time);
            if (Interlocked.Increment(ref _ticks) == 1)
            {
                _firedAt = time.GetUtcNow(); // the first firing
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_timer_function_fires_on_its_schedule_from_settings()
    {
        var metadata = Path.Combine(Path.GetTempPath(), $"functions-{Guid.NewGuid():N}.metadata");
        await File.WriteAllTextAsync(metadata, $$"""
            [{ "name": "Tick", "scriptFile": "{{typeof(TickFunctions).Assembly.GetName().Name}}.dll",
               "entryPoint": "{{typeof(TickFunctions).FullName!}}.Tick",
               "bindings": [{ "name": "timer", "direction": "In", "type": "timerTrigger", "schedule": "%Tick:Schedule%" }] }]
            """);
        var catalog = FunctionCatalog.Load(metadata, _ => typeof(TickFunctions).Assembly);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tick:Schedule"] = "0 */5 * * * *" }).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 4, 3, 2, 1, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time).BuildServiceProvider();
        using var scheduler = new TimerScheduler(catalog, services, configuration, time, HostSettings.Load(TestApp.HostJson), new ScheduleMonitor(null, "t"),
            NullLogger<TimerScheduler>.Instance);
        Interlocked.Exchange(ref _ticks, 0);

        await scheduler.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(() => scheduler.NextOccurrences.TryGetValue("Tick", out var next) && next == new DateTimeOffset(2024, 4, 3, 2, 5, 0, TimeSpan.Zero), "the first occurrence at 02:05");

        // Step the fake clock (the scheduler sets its wait on it concurrently, so no single jump is safe) until the tick.
        var limit = new DateTimeOffset(2024, 4, 3, 2, 10, 0, TimeSpan.Zero);
        while (Volatile.Read(ref _ticks) == 0 && time.GetUtcNow() < limit)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5);
        }

        await Wait.UntilAsync(() => Volatile.Read(ref _ticks) >= 1, "the tick");
        await scheduler.StopAsync(CancellationToken.None);

        Assert.True(Volatile.Read(ref _ticks) >= 1);
        Assert.InRange(_firedAt, new DateTimeOffset(2024, 4, 3, 2, 5, 0, TimeSpan.Zero), limit); // never before 02:05
        File.Delete(metadata);
    }

    [Fact]
    public void A_missing_schedule_setting_is_a_clear_error()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => TimerScheduler.ParseSchedule("%Nope:Schedule%", configuration));

        Assert.Contains("Nope:Schedule", error.Message, StringComparison.Ordinal);
    }
}

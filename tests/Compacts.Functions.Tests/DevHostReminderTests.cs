using System.Globalization;
using System.Text.RegularExpressions;

namespace Compacts.Functions.Tests;

/// <summary>The reminder chain end to end through the development host: timer → queue → worker → mails in the outbox.</summary>
public sealed partial class DevHostReminderTests : IAsyncLifetime
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "reminders-" + Guid.NewGuid().ToString("N"));
    private Reliability.ReliabilityHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // The app's clock runs from the morning before March 2024's report is due (5 April 17:00 in Hà Nội).
        var offset = new DateTimeOffset(2024, 4, 4, 8, 0, 0, TimeSpan.FromHours(7)) - DateTimeOffset.UtcNow;
        _host = await Reliability.ReliabilityHost.StartAsync(
            extra: new Dictionary<string, string?>
            {
                ["DevHost:RunTimers"] = "true",
                ["DevHost:RunQueues"] = "true",
                ["Reminders:Schedule"] = "*/2 * * * * *",
                ["SendGrid:OutboxPath"] = _outbox,
            },
            services: s => s.AddSingleton<TimeProvider>(new ShiftedTime(offset)));
        _http = _host.Http;
        _http.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principals.Admin);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task The_timer_plans_the_queue_worker_sends_and_each_reminder_goes_out_once()
    {
        foreach (var unit in TestApp.Units)
        {
            var put = await _http.PutAsJsonAsync($"units/{unit}", new { name = $"Công an tỉnh {unit}", emails = new[] { $"vp@{unit}.congan.gov.vn" } });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsJsonAsync("compacts/cum6-2024", TestApp.DemoCompactDraft(), Http.ApiJson.Options)).StatusCode);
        var report = await _http.PutAsJsonAsync("compacts/cum6-2024/reports/2024-03/thanh-hoa", Calls.ReportBody());
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);

        string[] Mails() => Directory.Exists(_outbox) ? Directory.GetFiles(_outbox, "*.eml") : [];
        await Wait.UntilAsync(() => Mails().Length >= 4, "four reminder mails");

        // Later ticks plan the compact again; the ledger sends nothing twice: two more planner runs, and every compact
        // they planned run by the worker.
        var plannerRuns = PlannerRuns().Count;
        await Wait.UntilAsync(() => PlannerRuns().Count >= plannerRuns + 2 && PlannerRuns().Sum() == WorkerRuns(), "two more planner runs and every planned compact run");
        var mails = Mails().Select(File.ReadAllText).ToList();
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.Contains("Subject: [Nhắc báo cáo]", m, StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Contains("vp@thanh-hoa", StringComparison.Ordinal)); // it has reported
        Assert.Contains(_host.Logs.Lines, l => l.Text.Contains("Reminder planner enqueued 1 compacts", StringComparison.Ordinal));
    }

    /// <summary>The number of compacts each finished planner run enqueued.</summary>
    private List<int> PlannerRuns() =>
        [.. _host.Logs.Lines.Select(l => PlannerLine().Match(l.Text)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>The queue worker's finished runs over one compact ("Reminder run over C: …"; an admin's run is over "every compact").</summary>
    private int WorkerRuns() => _host.Logs.Lines.Count(l => l.Text.StartsWith("Reminder run over cum6-2024:", StringComparison.Ordinal));

    [GeneratedRegex(@"^Reminder planner enqueued (\d+) compacts$")]
    private static partial Regex PlannerLine();
}

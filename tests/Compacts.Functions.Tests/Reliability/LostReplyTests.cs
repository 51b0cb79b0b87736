using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// Storage commits a transaction and its reply is lost (a proxy resets the connection instead of passing the reply on); the SDK
/// resends it and storage answers "conflict". The app must recognise its own write: stored once, answered as stored.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class LostReplyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FaultProxy _table = null!;
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        var ports = FaultProxy.StoragePorts();
        _table = new FaultProxy(ports["Table"]);
        _host = await ReliabilityHost.StartAsync(
            FaultProxy.ConnectionString(ports["Blob"], ports["Queue"], _table.Port),
            services: s => s.AddSingleton<TimeProvider>(ShiftedTime.From(ParallelStandingsRunTests.MarchProvisional)));
        await _host.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _table.LoseBatchReplies(0);
        await _host.DisposeAsync();
        await _table.DisposeAsync();
    }

    [Fact]
    public async Task Keyless_reports_whose_reply_was_lost_are_stored_once_and_never_called_unstored()
    {
        (string Unit, string Period)[] reports =
            [("thanh-hoa", "2024-01"), ("ninh-binh", "2024-01"), ("nghe-an", "2024-02"), ("ha-tinh", "2024-02"), ("quang-binh", "2024-01"), ("thanh-hoa", "2024-02")];
        var acknowledged = new ConcurrentDictionary<int, byte>();
        var saidNothingStored = new ConcurrentDictionary<int, byte>(); // 503 "nothing was stored/changed"
        var unknown = new ConcurrentDictionary<int, byte>(); // 503 "whether it took effect is not known"
        var otherAnswers = new ConcurrentQueue<string>();
        _table.LoseBatchReplies(3);

        // Two reporters of each report at once, four PUTs each, no Idempotency-Key: 48 PUTs.
        await Task.WhenAll(reports.SelectMany((report, r) => new[] { 0, 1 }.Select(async writer =>
        {
            for (var i = 0; i < 4; i++)
            {
                var value = (r * 100) + (writer * 10) + i + 1;
                using var response = await _host.SendAsync(HttpMethod.Put, $"compacts/cum6-2024/reports/{report.Period}/{report.Unit}",
                    Principals.ReporterOf(report.Unit), JsonContent.Create(Calls.ReportBody(crimes: value)));
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[value] = 0;
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    (body.Contains("othing was", StringComparison.Ordinal) ? saidNothingStored : unknown)[value] = 0;
                }
                else
                {
                    otherAnswers.Enqueue($"{value}: {(int)response.StatusCode} {body}");
                }
            }
        })));
        _table.LoseBatchReplies(0);

        var stored = new List<int>();
        foreach (var report in reports)
        {
            using var response = await _host.SendAsync(HttpMethod.Get, $"compacts/cum6-2024/reports/{report.Period}/{report.Unit}/revisions", Principals.Admin);
            var revisions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("revisions").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, revisions.Count), revisions.Select(r => r.GetProperty("revision").GetInt32())); // gapless
            stored.AddRange(revisions.Select(r => (int)r.GetProperty("values").GetProperty("crime-reduction").GetDecimal()));
        }

        Summary.Write(output, $"reliability: lost replies: 48 keyless report PUTs, {_table.LostReplies} transaction replies lost after storage answered, "
            + $"{acknowledged.Count} acknowledged, {saidNothingStored.Count + unknown.Count} answered 503, other answers {otherAnswers.Count}, "
            + $"stored more than once {stored.GroupBy(v => v).Count(g => g.Count() > 1)}");
        Assert.True(_table.LostReplies > 0, "no reply was lost");
        Assert.True(otherAnswers.IsEmpty, string.Join("\n", otherAnswers));
        Assert.All(acknowledged.Keys, v => Assert.Equal(1, stored.Count(s => s == v)));
        Assert.All(saidNothingStored.Keys, v => Assert.DoesNotContain(v, stored));
        Assert.All(stored.GroupBy(v => v), g => Assert.Single(g));
    }

    [Fact]
    public async Task Mail_claims_and_marks_whose_reply_was_lost_still_send_each_mail_once_and_record_it_sent()
    {
        // 10 April: March is overdue for the three units without a report, and the head gets a summary.
        _table.LoseReplies(2, line => line.Contains("mail", StringComparison.Ordinal) && !line.StartsWith("GET ", StringComparison.Ordinal));
        // The job itself, as the queue worker runs it for each compact, on the host whose table traffic goes through the proxy.
        var reminders = _host.Services.GetRequiredService<Reminders.ReminderService>();
        var first = await reminders.RunAsync(default);
        _table.LoseBatchReplies(0);
        var second = await reminders.RunAsync(default);
        using var ledger = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/mail/2024-03", Principals.Admin);
        var mails = JsonDocument.Parse(await ledger.Content.ReadAsStringAsync()).RootElement.GetProperty("mails").EnumerateArray().ToList();
        var outbox = Path.Combine(Path.GetTempPath(), $"{_host.Prefix}-outbox");

        Assert.True(_table.LostReplies > 0, "no reply was lost");
        Assert.Equal((4, 4), (first.Owed, first.Sent));
        Assert.Equal(0, second.Sent);
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.Equal("sent", m.GetProperty("state").GetString()));
        Assert.Equal(4, Directory.GetFiles(outbox, "*.eml").Length);
    }

    [Fact]
    public async Task A_scan_whose_version_claim_reply_was_lost_keeps_its_version_and_leaves_no_stray_row()
    {
        _table.LoseReplies(2, line => line.StartsWith("POST ", StringComparison.Ordinal) && line.Contains("scans", StringComparison.Ordinal));
        for (var i = 0; i < 4; i++)
        {
            var pdf = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% {i}\n%%EOF\n"));
            pdf.Headers.ContentType = new("application/pdf");
            using var put = await _host.SendAsync(HttpMethod.Put, "compacts/cum6-2024/scans/thanh-hoa", Principals.Admin, pdf);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        _table.LoseBatchReplies(0);
        using var list = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/scans/thanh-hoa", Principals.Admin);
        var versions = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => v.GetProperty("version").GetInt32());
        var rows = (await _host.SnapshotAsync()).Count(r => r.StartsWith("scans|", StringComparison.Ordinal) && r.Contains("|thanh-hoa_", StringComparison.Ordinal));

        Assert.True(_table.LostReplies > 0, "no reply was lost");
        Assert.Equal([4, 3, 2, 1], versions);
        Assert.Equal(4, rows);
    }

    [Fact]
    public async Task A_standings_run_whose_reply_was_lost_is_answered_and_listed_once()
    {
        _table.LoseBatchReplies(2);
        var answered = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/standings/2024-03/runs", Principals.Admin);
            var body = await response.Content.ReadAsStringAsync();
            Expect.Equal(HttpStatusCode.Created, response.StatusCode, $"{(int)response.StatusCode} {body}");
            answered.Add(JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString());
        }

        _table.LoseBatchReplies(0);
        using var runs = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/standings/2024-03/runs", Principals.Admin);
        var listed = JsonDocument.Parse(await runs.Content.ReadAsStringAsync()).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("runId").GetString()).ToList();
        Assert.True(_table.LostReplies > 0, "no reply was lost");
        Assert.Equal(answered.Count + 1, listed.Count); // the seeded run, then exactly one run per answered request
        Assert.Subset(listed.ToHashSet(), answered.ToHashSet());
    }
}

namespace Compacts.Functions.Tests;

public sealed class ReminderTests : IAsyncLifetime
{
    // March 2024 is due 5 April 17:00 in Hà Nội. 4 April 08:00 is the one-day reminder's morning.
    private static readonly DateTimeOffset April4Morning = new(2024, 4, 4, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private FakeSendGrid _sendGrid = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _app = new TestApp(April4Morning, _sendGrid.AppSettings(), services => services.AddSingleton<RetryDelay>((delay, _) =>
        {
            _waits.Enqueue(delay);
            return Task.CompletedTask;
        }));
        await _app.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private Task<ReminderRunSummary> Run() => _app.Get<ReminderService>().RunAsync(default);

    private Task<TestResponse> Report(string unit) =>
        _app.PutReport(TestRequest.PutJson(Principals.ReporterOf(unit), Calls.ReportBody()), "2024-03", unit);

    [Fact]
    public async Task Each_unit_without_a_report_gets_one_reminder_in_Vietnamese_through_the_SendGrid_client()
    {
        await Report("thanh-hoa");

        var summary = await Run();

        Assert.Equal(4, summary.Sent);
        var requests = _sendGrid.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal("Bearer SG.test-key", r.Authorization));
        var request = requests.Single(r => r.To.Contains("thiduakhenthuong@nghe-an.congan.gov.vn"));
        var mail = request.Body;
        Assert.Equal(["thiduakhenthuong@nghe-an.congan.gov.vn", Principals.ReporterId("nghe-an")], request.To);
        Assert.Equal("thuky@cum6.bocongan.gov.vn", mail.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Thư ký Cụm thi đua số 6", mail.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("[Nhắc báo cáo] Công an tỉnh nghe-an: báo cáo tháng 3/2024 hạn 17:00 05/04/2024", request.Subject);
        var content = mail.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!);
        Assert.Contains("Giao ước thi đua \"Vì an ninh Tổ quốc\" năm 2024 tháng 3/2024", content["text/plain"], StringComparison.Ordinal);
        Assert.Contains("17:00 ngày 05/04/2024 (giờ Việt Nam), còn 1 ngày", content["text/plain"], StringComparison.Ordinal);
        Assert.Contains("Mở biểu mẫu báo cáo của đơn vị: https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an", content["text/plain"], StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", content["text/html"], StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an\">", content["text/html"], StringComparison.Ordinal);
        Assert.Equal("cum6-2024_2024-03/remind1_nghe-an", request.LedgerKey);
        Assert.DoesNotContain(requests, r => r.Body.ToString().Contains("thanh-hoa.congan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_twice_and_concurrently_sends_one_mail_per_ledger_key()
    {
        await Run();
        await Task.WhenAll(Run(), Run(), Run());

        var keys = _sendGrid.Accepted.Select(r => r.LedgerKey).ToList();
        Assert.Equal(5, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_first_runs_still_send_each_mail_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Run()));

        Assert.Equal(5, _sendGrid.Accepted.Count());
        Assert.Equal(5, _sendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_mail_sent_once()
    {
        foreach (var unit in TestApp.Units.Skip(1))
        {
            await Report(unit);
        }

        _sendGrid.Script(429, "7");

        var summary = await Run();

        Assert.Equal(1, summary.Sent);
        Assert.Equal([429, 202], _sendGrid.Requests.Select(r => r.AnsweredWith));
        Assert.Equal([TimeSpan.FromSeconds(7)], _waits);
        var entry = await _app.Get<MailLedger>().GetAsync(new LedgerKey(TestApp.CompactId, new Period(2024, 3), "remind1", "thanh-hoa"), default);
        Assert.Equal("sent", entry!.GetString("State"));
        Assert.Equal("msg-1", entry.GetString("MessageId"));
    }

    [Fact]
    public async Task A_permanent_500_leaves_the_mail_failed_and_a_later_run_sends_it()
    {
        foreach (var unit in TestApp.Units.Skip(1))
        {
            await Report(unit);
        }

        _sendGrid.AlwaysAnswer = 500;
        var first = await Run();
        var key = new LedgerKey(TestApp.CompactId, new Period(2024, 3), "remind1", "thanh-hoa");
        var failed = await _app.Get<MailLedger>().GetAsync(key, default);
        _sendGrid.Heal();
        var second = await Run();
        var third = await Run();

        Assert.Equal(1, first.Failed);
        Assert.Equal(4, _sendGrid.Requests.Count(r => r.AnsweredWith == 500)); // the tries of one run
        Assert.Equal([1, 2, 4], _waits.Select(w => w.TotalSeconds));
        Assert.Equal("failed", failed!.GetString("State"));
        Assert.Contains("500", failed.GetString("LastError"), StringComparison.Ordinal);
        Assert.Equal(1, second.Sent);
        Assert.Equal(0, third.Sent);
        Assert.Single(_sendGrid.Accepted);
    }

    [Fact]
    public async Task A_400_is_not_retried_within_the_run()
    {
        foreach (var unit in TestApp.Units.Skip(1))
        {
            await Report(unit);
        }

        _sendGrid.Script(400);

        var summary = await Run();

        Assert.Equal(1, summary.Failed);
        Assert.Single(_sendGrid.Requests);
    }

    [Fact]
    public async Task A_report_that_arrives_stops_the_reminders_not_yet_sent()
    {
        await Run();
        foreach (var unit in TestApp.Units)
        {
            await Report(unit);
        }

        _app.Time.SetUtcNow(new DateTimeOffset(2024, 4, 6, 8, 0, 0, TimeSpan.FromHours(7)));
        var afterDue = await Run();

        Assert.Equal(0, afterDue.Owed);
        Assert.Equal(5, _sendGrid.Requests.Count);
    }

    [Fact]
    public async Task After_the_due_date_missing_units_get_an_overdue_notice_and_the_head_a_summary()
    {
        await Report("thanh-hoa");
        await Report("ninh-binh");
        _app.Time.SetUtcNow(new DateTimeOffset(2024, 4, 6, 8, 0, 0, TimeSpan.FromHours(7)));

        await Run();

        var subjects = _sendGrid.Accepted.Select(r => r.Subject).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, subjects.Count);
        Assert.Equal(3, subjects.Count(s => s.StartsWith("[Quá hạn]", StringComparison.Ordinal)));
        var summary = _sendGrid.Accepted.Single(r => r.Subject.StartsWith("[Tổng hợp]", StringComparison.Ordinal));
        Assert.Equal("thiduakhenthuong@thanh-hoa.congan.gov.vn", summary.To.First());
        var text = summary.Text;
        Assert.Contains("- Công an tỉnh nghe-an", text, StringComparison.Ordinal);
        Assert.Contains("- Công an tỉnh quang-binh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ninh-binh", text, StringComparison.Ordinal);
        Assert.Contains("https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_standings_become_final_every_member_gets_its_rank_and_score()
    {
        await _app.SetReviewRequiredAsync(false); // March turns final at its finalize instant, reviewed or not
        foreach (var unit in TestApp.Units.Take(4))
        {
            await Report(unit);
        }

        _app.Time.SetUtcNow(new DateTimeOffset(2024, 4, 15, 17, 0, 0, TimeSpan.FromHours(7)));
        await _app.PostRun(Principals.Admin, "2024-03");
        _app.Time.SetUtcNow(new DateTimeOffset(2024, 4, 16, 8, 0, 0, TimeSpan.FromHours(7)));

        await Run();
        await Run();

        var finals = _sendGrid.Accepted.Where(r => r.Subject.StartsWith("[Kết quả]", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, finals.Count);
        Assert.Contains(finals, r => r.Subject.Contains("không được xếp hạng", StringComparison.Ordinal));
        Assert.Contains(finals, r => r.Subject.Contains("xếp hạng 1/4", StringComparison.Ordinal));
        Assert.All(finals, r => Assert.Contains("Xem bảng xếp hạng: https://thidua.example.gov.vn/#/standings/cum6-2024/2024-03", r.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_API_key_mails_go_to_the_outbox_folder()
    {
        var outbox = Path.Combine(Path.GetTempPath(), $"outbox-{Guid.NewGuid():N}");
        await using var local = new TestApp(April4Morning, new Dictionary<string, string?> { ["SendGrid:OutboxPath"] = outbox });
        await local.SeedAsync();

        var summary = await local.Get<ReminderService>().RunAsync(default);

        var files = Directory.GetFiles(outbox, "*.eml");
        Assert.Equal(5, summary.Sent);
        Assert.Equal(5, files.Length);
        var text = await File.ReadAllTextAsync(files.Single(f => f.Contains("remind1_nghe-an", StringComparison.Ordinal)));
        Assert.Contains("Subject: [Nhắc báo cáo] Công an tỉnh nghe-an: báo cáo tháng 3/2024", text, StringComparison.Ordinal);
        Assert.Contains("Kính gửi Công an tỉnh nghe-an,", text, StringComparison.Ordinal);
        Assert.Empty(_sendGrid.Requests);
        Directory.Delete(outbox, recursive: true);
    }

    [Fact]
    public async Task An_admin_can_run_the_reminders_now_and_nobody_else()
    {
        var reporter = await _app.SendAsync<ReminderFunctions>(new TestRequest("POST", Principals.ReporterOf("thanh-hoa")), (f, req, ct) => f.PostReminderRun(req, ct));
        var admin = await _app.SendAsync<ReminderFunctions>(new TestRequest("POST", Principals.Admin), (f, req, ct) => f.PostReminderRun(req, ct));

        Assert.Equal(403, reporter.Status);
        Assert.Equal(202, admin.Status);
        Assert.Equal(1, admin.Json.GetProperty("planned").GetInt32());
        Assert.Empty(_sendGrid.Requests); // the request only plans: the queue worker sends
    }

    [Fact]
    public async Task An_admins_run_enqueues_each_compact_and_can_be_read_back_as_the_workers_finish()
    {
        await PutCompact("cum6-2022", year: 2022); // nothing in play: its worker owes nothing
        var started = await _app.SendAsync<ReminderFunctions>(new TestRequest("POST", Principals.Admin), (f, req, ct) => f.PostReminderRun(req, ct));
        var runId = started.Json.GetProperty("runId").GetString()!;
        Assert.Equal($"/api/reminders/runs/{runId}", started.Headers.Location.ToString());
        Task<TestResponse> Get(string principal, string id) =>
            _app.SendAsync<ReminderFunctions>(new TestRequest("GET", principal), (f, req, ct) => f.GetReminderRun(req, id, ct));
        var planned = (await Get(Principals.Admin, runId)).Json;

        var queue = _app.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(_app.Get<Storage.WorkQueue<ReminderWork>>().Name);
        var functions = ActivatorUtilities.CreateInstance<ReminderFunctions>(_app.Services);
        foreach (var message in (await queue.ReceiveMessagesAsync(10)).Value)
        {
            var work = System.Text.Json.JsonSerializer.Deserialize<ReminderWork>(message.Body, Http.ApiJson.Options)!;
            await functions.SendReminders(work, default);
            await functions.SendReminders(work, default); // a redelivered message does not change the counts
        }

        var done = (await Get(Principals.Admin, runId)).Json;
        Assert.Equal(("running", 2, 0), (planned.GetProperty("status").GetString(), planned.GetProperty("planned").GetInt32(), planned.GetProperty("done").GetInt32()));
        Assert.Equal(("done", 2, 2), (done.GetProperty("status").GetString(), done.GetProperty("planned").GetInt32(), done.GetProperty("done").GetInt32()));
        Assert.Equal((5, 0), (done.GetProperty("sent").GetInt32(), done.GetProperty("failed").GetInt32()));
        Assert.Equal(5, _sendGrid.Requests.Count);
        Assert.Equal(403, (await Get(Principals.ReporterOf("thanh-hoa"), runId)).Status);
        Assert.Equal(404, (await Get(Principals.Admin, "20240404010000000abcdef")).Status);
        Assert.Equal(400, (await Get(Principals.Admin, "not-a-run")).Status);
    }

    [Fact]
    public void The_reminder_jobs_are_a_timer_and_a_queue_trigger_from_settings()
    {
        var metadata = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement;
        var bindings = metadata.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings")[0]);

        Assert.Equal("timerTrigger", bindings[nameof(ReminderFunctions.PlanReminders)].GetProperty("type").GetString());
        Assert.Equal("%Reminders:Schedule%", bindings[nameof(ReminderFunctions.PlanReminders)].GetProperty("schedule").GetString());
        Assert.False(bindings[nameof(ReminderFunctions.PlanReminders)].TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean());
        Assert.Equal("queueTrigger", bindings[nameof(ReminderFunctions.SendReminders)].GetProperty("type").GetString());
        Assert.Equal("reminder-work", bindings[nameof(ReminderFunctions.SendReminders)].GetProperty("queueName").GetString());
    }

    [Fact]
    public async Task The_planner_enqueues_one_message_per_compact_with_a_month_in_play_and_sends_nothing()
    {
        await PutCompact("cum6-2022", year: 2022); // its months are long past every notice window

        var planned = await _app.Get<ReminderPlanner>().PlanAsync(default);

        Assert.Equal([new ReminderWork(TestApp.CompactId)], planned);
        var queue = _app.Get<Storage.WorkQueue<ReminderWork>>();
        var messages = (await _app.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(queue.Name).PeekMessagesAsync(10)).Value;
        Assert.Equal(["{\"compactId\":\"cum6-2024\"}"], messages.Select(m => m.Body.ToString()));
        Assert.Empty(_sendGrid.Requests);
    }

    [Fact]
    public async Task The_queue_worker_sends_the_mails_of_its_compact_only_and_once()
    {
        await PutCompact("cum7-2024", year: 2024);
        var functions = ActivatorUtilities.CreateInstance<ReminderFunctions>(_app.Services);

        await functions.SendReminders(new ReminderWork("cum7-2024"), default);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => functions.SendReminders(new ReminderWork("cum7-2024"), default))); // planned again, on several instances

        var keys = _sendGrid.Accepted.Select(r => r.LedgerKey).Order().ToList();
        Assert.Equal(TestApp.Units.Select(u => $"cum7-2024_2024-03/remind1_{u}").Order(), keys);
    }

    [Theory]
    [InlineData("../cum6-2024")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("no-such-compact")]
    public async Task A_reminder_message_for_no_valid_compact_sends_nothing_and_is_not_retried(string? compactId)
    {
        var functions = ActivatorUtilities.CreateInstance<ReminderFunctions>(_app.Services);

        await functions.SendReminders(new ReminderWork(compactId!), default); // returns: the message is deleted, not retried

        Assert.Empty(_sendGrid.Requests);
    }

    private async Task PutCompact(string compactId, int year)
    {
        var (compact, errors) = Domain.CompactValidator.Validate(TestApp.DemoCompactDraft() with { Year = year });
        Assert.True(errors.IsEmpty);
        await _app.Get<Compacts.CompactStore>().PutAsync(compactId, compact!, null, false, default);
    }

    private Task<TestResponse> MailLedger(string principal, string compactId = TestApp.CompactId, string period = "2024-03") =>
        _app.SendAsync<ReminderFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetMailLedger(req, compactId, period, ct));

    [Fact]
    public async Task The_mail_ledger_shows_an_admin_each_mail_its_state_recipients_and_last_error()
    {
        foreach (var unit in TestApp.Units.Skip(2))
        {
            await Report(unit);
        }

        _sendGrid.Script(500);
        _sendGrid.Script(500);
        _sendGrid.Script(500);
        _sendGrid.Script(500); // every try of the first mail
        await Run();

        var ledger = await MailLedger(Principals.Admin);

        Assert.Equal(200, ledger.Status);
        Assert.Equal("cum6-2024", ledger.Json.GetProperty("compactId").GetString());
        Assert.Equal("2024-03", ledger.Json.GetProperty("period").GetString());
        var mails = ledger.Json.GetProperty("mails").EnumerateArray().ToList();
        Assert.Equal(["remind1 ninh-binh", "remind1 thanh-hoa"], mails.Select(m => m.GetProperty("kind").GetString() + " " + m.GetProperty("unitId").GetString())); // by kind, then unit
        var failed = Assert.Single(mails, m => m.GetProperty("state").GetString() == "failed");
        var sent = Assert.Single(mails, m => m.GetProperty("state").GetString() == "sent");
        Assert.Contains("500", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.False(failed.TryGetProperty("sentAt", out _));
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        Assert.Equal($"thiduakhenthuong@{sent.GetProperty("unitId").GetString()}.congan.gov.vn", sent.GetProperty("recipients")[0].GetString());
        Assert.Equal("2024-04-04T01:00:00Z", sent.GetProperty("sentAt").GetString());
        Assert.Equal(_sendGrid.Accepted.Single().LedgerKey, $"cum6-2024_2024-03/remind1_{sent.GetProperty("unitId").GetString()}");
    }

    [Fact]
    public async Task The_mail_ledger_is_for_admins_and_checks_the_compact_and_period()
    {
        await Run();

        Assert.Equal(403, (await MailLedger(Principals.ReporterOf(TestApp.Units[0]))).Status); // even the head's reporter
        Assert.Equal(404, (await MailLedger(Principals.Admin, compactId: "no-such-compact")).Status);
        Assert.Equal(400, (await MailLedger(Principals.Admin, period: "2023-12")).Status);
        Assert.Equal(400, (await MailLedger(Principals.Admin, period: "2024-3")).Status);
        Assert.Empty((await MailLedger(Principals.Admin, period: "2024-01")).Json.GetProperty("mails").EnumerateArray());
    }
}

namespace Compacts.Functions.Tests;

/// <summary>
/// Rows written by an earlier shape of the records (Fixtures/stored-rows.json: every stored entity type, with a property the
/// records no longer have in each JSON field and in each entity) still read back through the stores.
/// </summary>
public sealed class StoredRowsTests
{
    private const string CompactId = "fixture-2024";
    private const string Unit = "thanh-hoa";
    private static readonly Period March = new(2024, 3);

    [Fact]
    public void Storage_json_skips_a_field_the_record_no_longer_has_where_the_api_refuses_it()
    {
        const string json = """{"unitId":"thanh-hoa","role":"head","retiredField":1}""";
        Assert.Equal(new Member(Unit, MemberRole.Head), JsonSerializer.Deserialize<Member>(json, StorageJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Member>(json, Http.ApiJson.Options));
    }

    [Fact]
    public void Review_enums_are_written_in_camelCase_and_a_standing_row_keeps_its_review_state()
    {
        Assert.Equal("\"lockedCorrection\"", JsonSerializer.Serialize(Domain.Review.ReviewEventKind.LockedCorrection, Http.ApiJson.Options));
        Assert.Equal("\"return\"", JsonSerializer.Serialize(Domain.Review.ReviewDecision.Return, Http.ApiJson.Options));
        Assert.Equal("\"submitted\"", JsonSerializer.Serialize(Domain.Review.ReviewState.Submitted, Http.ApiJson.Options));
        Assert.Equal("\"deputy\"", JsonSerializer.Serialize(MemberRole.Deputy, Http.ApiJson.Options));
        var row = new Domain.Scoring.StandingRow(1, Unit, "Thanh Hóa", 100, 10, 10, 10, 0, 0, 0, 0, NotRanked: false,
            new Dictionary<string, decimal>(), Domain.Review.ReviewState.Confirmed);

        var json = JsonSerializer.Serialize(row, StorageJson.Options);

        Assert.Contains("\"reviewState\":\"confirmed\"", json, StringComparison.Ordinal);
        Assert.Equal(Domain.Review.ReviewState.Confirmed, JsonSerializer.Deserialize<Domain.Scoring.StandingRow>(json, StorageJson.Options)!.ReviewState);
    }

    [Fact]
    public async Task Every_stored_entity_type_written_by_the_previous_shape_reads_back()
    {
        await using var app = new TestApp();
        await InsertFixtureAsync(app);

        var compact = await app.Get<CompactStore>().GetAsync(CompactId, default, fresh: true);
        Assert.NotNull(compact);
        Assert.Equal("Giao ước thi đua mẫu", compact.Compact.Title);
        Assert.Equal(Unit, compact.Compact.HeadUnitId());
        Assert.Equal(0.5m, compact.Compact.Reporting.LatePenalty);
        Assert.Equal(120m, compact.Compact.AllCriteria().First().Targets![Unit].Target);
        Assert.Equal(ReviewSettings.Default, compact.Compact.Review); // written before review settings existed
        Assert.Null(compact.Compact.DeputyUnitId());
        var calendar = Assert.Single(await app.Get<CompactStore>().ListCalendarsAsync(default));
        Assert.Equal(new TimeOnly(17, 0), calendar.Calendar.Rules.DueTime);

        Assert.Equal(["thiduakhenthuong@thanh-hoa.congan.gov.vn"], (await app.Get<UnitStore>().GetAsync(Unit, default))!.Emails);
        Assert.Equal(Unit, (await app.Get<UserStore>().GetAsync("reporter@thanh-hoa.congan.gov.vn", default))!.UnitId);

        var reports = app.Get<ReportStore>();
        var current = await reports.GetCurrentAsync(CompactId, March, Unit, default);
        Assert.Equal(30m, current!.Value.Revision.Values["c1.1"].Number);
        Assert.True(current.Value.Revision.Values["c1.2"].Flag);
        Assert.Equal(1, Assert.Single(await reports.GetRevisionsAsync(CompactId, March, Unit, default)).Revision);
        var pointer = Assert.Single(await reports.GetPointersAsync(CompactId, March, March, default));
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 2, 0, 0, TimeSpan.Zero), pointer.FirstReceivedAt);
        var replay = await reports.SubmitAsync(
            CompactId, March, Unit, new RevisionDraft(current.Value.Revision.Values, null, app.Time.GetUtcNow(), "reporter@thanh-hoa.congan.gov.vn"),
            _ => false, null, new IdempotencyToken("fixture-key", "fixture-request-hash"), default);
        Assert.Equal(1, Assert.IsType<SubmitOutcome.Replayed>(replay).Revision.Revision); // the idempotency record reads back

        var standings = app.Get<StandingsStore>();
        var latest = await standings.GetLatestPointerAsync(CompactId, March, default);
        Assert.Equal(RunStatus.Final, latest!.Status);
        var run = await standings.GetRunAsync(CompactId, March, latest.RunId, default);
        var row = Assert.Single(run!.Rows);
        Assert.Equal(93.25m, row.Score);
        Assert.Equal(9.5m, row.Criteria["c1.1"]);
        Assert.Null(row.ReviewState); // written before review states existed
        Assert.Equal("timer", Assert.Single(await standings.ListRunsAsync(CompactId, March, default)).Trigger);

        var mail = Assert.Single(await app.Get<MailLedger>().ListAsync(CompactId, March, default));
        Assert.Equal(("sent", "fixture-message"), (mail.State, mail.MessageId));

        var scan = Assert.Single(await app.Get<ScanStore>().ListAsync(CompactId, Unit, default));
        Assert.Equal((1, 2048L), (scan.Version, scan.Size));
    }

    private static async Task InsertFixtureAsync(TestApp app)
    {
        var path = Path.Combine(TestApp.RepoRoot, "tests", "Compacts.Functions.Tests", "Fixtures", "stored-rows.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var tables = app.Get<Tables>();
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            var entity = new TableEntity(row.GetProperty("partitionKey").GetString(), row.GetProperty("rowKey").GetString());
            foreach (var property in row.GetProperty("properties").EnumerateObject())
            {
                entity[property.Name] = Value(property.Value);
            }

            var table = await tables.GetAsync(row.GetProperty("table").GetString()!);
            await table.AddEntityAsync(entity);
        }
    }

    private static object Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetInt32(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        JsonValueKind.Object when value.TryGetProperty("Int64", out var number) => number.GetInt64(),
        JsonValueKind.Object when value.TryGetProperty("DateTime", out var instant) => instant.GetDateTimeOffset(),
        _ => throw new InvalidDataException($"Unknown fixture value {value}."),
    };
}

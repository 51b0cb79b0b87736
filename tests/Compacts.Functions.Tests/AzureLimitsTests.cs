using System.Text.Json.Nodes;
using Azure;

namespace Compacts.Functions.Tests;

/// <summary>Azure Table limits that Azurite does not enforce: measured as Azure measures them, refused by the app with a 4xx.</summary>
public sealed class AzureLimitsTests : SeededAppTests
{
    [Fact]
    public void An_entity_is_measured_as_Azure_counts_it_in_UTF_16()
    {
        // 4 + 2 × (1 + 1) for the keys, 8 + 2 × 9 + 8 for Timestamp, 8 + 2 × 4 + (4 + 2 × 3) for Name, 8 + 2 × 1 + 4 for N.
        var entity = new TableEntity("p", "r") { ["Name"] = "abc", ["N"] = 7 };
        Assert.Equal(4 + 4 + 34 + 26 + 14, TableLimits.EntityBytes(entity));
        Assert.Null(TableLimits.Problem(entity));

        Assert.NotNull(TableLimits.Problem(new TableEntity("p", "r") { ["Text"] = new string('ệ', TableLimits.MaxStringChars + 1) }));
        var big = new TableEntity("p", "r");
        TableLimits.SetChunked(big, "Text", new string('a', 530_000)); // 530,000 characters: 1,060,000 bytes and more
        Assert.NotNull(TableLimits.Problem(big));
        Assert.Equal(530_000, TableLimits.GetChunked(big, "Text")!.Length);
        Assert.All(new[] { "a/b", "a\\b", "a#b", "a?b", "a\u0001b", "a\u0085b", new string('a', 513) },
            key => Assert.NotNull(TableLimits.KeyProblem("RowKey", key)));
        Assert.Null(TableLimits.KeyProblem("RowKey", "cum6-2024_2024-03"));
    }

    [Fact]
    public async Task A_compact_under_the_body_limit_whose_entity_Azure_would_refuse_is_400_and_nothing_is_stored()
    {
        // '&' is escaped as \u0026 in the stored JSON: 178 titles of 500 '&' are about 100 KB sent, about 550,000 characters stored (under the old cap of 600,000),
        // and Azure counts 2 bytes per character: over 1 MiB.
        var draft = JsonNode.Parse(JsonSerializer.Serialize(TestApp.DemoCompactDraft(), ApiJson.Options))!;
        var criteria = new JsonArray([.. Enumerable.Range(1, 178).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"q{i}", ["title"] = new string('&', 500), ["type"] = "qualitative", ["maxPoints"] = 1,
        })]);
        draft["contents"]!.AsArray().Add(new JsonObject { ["id"] = "c-big", ["title"] = "Lớn", ["criteria"] = criteria });
        var body = draft.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }); // sent as raw &
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body), 1, 512 * 1024);
        var before = await App.DumpAsync();

        var put = await App.PutCompact(TestRequest.PutJson(Principals.Admin, body), "big-2024");

        Assert.Equal(400, put.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task The_recorder_sees_every_write_Azure_would_refuse()
    {
        var table = await App.Get<Tables>().GetAsync(Tables.UnitsName);
        var large = new TableEntity("unit", "large");
        TableLimits.SetChunked(large, "Text", new string('a', 530_000));
        async Task Try(Func<Task> write)
        {
            try
            {
                await write();
            }
            catch (RequestFailedException)
            {
                // Azurite may refuse some of these itself; the recorder saw them before they left.
            }
        }

        await Try(() => table.AddEntityAsync(new TableEntity("unit", "a/b")));
        await Try(() => table.UpsertEntityAsync(new TableEntity("unit", "long") { ["Text"] = new string('a', 40_000) }));
        await Try(() => table.AddEntityAsync(large));
        await Try(() => table.SubmitTransactionAsync([
            new(TableTransactionActionType.Add, new TableEntity("p1", "x")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "x"))]));

        var refusals = App.AzureRules.Refusals;
        App.AzureRules.Clear(); // these were sent on purpose

        Assert.Equal(4, refusals.Count);
        Assert.Contains(refusals, r => r.Contains("U+002F", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("40000 characters", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("the entity is", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.StartsWith("$batch:", StringComparison.Ordinal));
    }
}

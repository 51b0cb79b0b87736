namespace Compacts.Functions.Tests.Imports;

/// <summary>A cluster of 100 units imported at once: 300 rows in one partition, written in transactions of at most 100 operations.</summary>
public sealed class ImportBatchLimitTests : IAsyncLifetime
{
    private static readonly string[] Extra = [.. Enumerable.Range(1, 95).Select(i => $"don-vi-{i:D2}")];
    private readonly TestApp _app = new();

    public Task InitializeAsync()
    {
        var draft = TestApp.DemoCompactDraft();
        return _app.SeedAsync(draft with { Members = [.. draft.Members!, .. Extra.Select(u => new MemberDraft(u, "member"))] });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_import_of_100_reports_keeps_every_transaction_to_100_operations_and_moves_every_pointer_at_once()
    {
        var book = ImportCalls.Reports("2024-04-02 09:00");
        var row = 14;
        foreach (var unit in Extra)
        {
            book.Row(row++, ("A", TestWorkbook.Inline(unit)), ("B", TestWorkbook.Number("1")), ("C", TestWorkbook.Boolean(true)), ("D", TestWorkbook.Boolean(false)),
                ("E", TestWorkbook.Boolean(true)), ("I", TestWorkbook.Number("0")), ("J", TestWorkbook.Boolean(true)), ("L", TestWorkbook.Inline("2024-04-02 10:00")));
        }

        _app.AzureRules.Clear();
        var response = await _app.ImportReports(book.Build(), "2024-03");

        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(100, response.Json.GetProperty("imported").GetInt32());
        Assert.Empty(_app.AzureRules.BatchViolations);
        var batches = _app.AzureRules.Batches;
        Assert.Equal([100, 100, 100], batches.Select(b => b.Operations).ToArray()); // 200 revisions and events, then 100 pointers
        Assert.All(batches[2].RowKeys, key => Assert.StartsWith("cur_", key, StringComparison.Ordinal));
        Assert.Equal(100, (await _app.GetPeriod(Principals.Admin, "2024-03")).Json.GetProperty("reports").GetArrayLength());
    }
}

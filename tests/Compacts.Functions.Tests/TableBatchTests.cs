namespace Compacts.Functions.Tests;

/// <summary>Azurite accepts transactions Azure refuses; the guard refuses them before they leave the process.</summary>
public sealed class TableBatchTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<TableClient> Table() => await _app.Get<Tables>().GetAsync(Tables.ReportsName);

    [Fact]
    public async Task A_transaction_across_two_partitions_is_refused()
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new(TableTransactionActionType.Add, new TableEntity("b", "1")),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await TableBatch.SubmitAsync(await Table(), actions, default));
        Assert.Empty(_app.AzureRules.Batches);
    }

    [Fact]
    public async Task A_transaction_of_101_operations_is_refused_and_100_are_accepted()
    {
        List<TableTransactionAction> Actions(int n) => Enumerable.Range(0, n)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}")))
            .ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await TableBatch.SubmitAsync(await Table(), Actions(101), default));
        await TableBatch.SubmitAsync(await Table(), Actions(100), default);

        var batch = Assert.Single(_app.AzureRules.Batches);
        Assert.Equal(100, batch.Operations);
        Assert.Empty(_app.AzureRules.BatchViolations);
    }
}

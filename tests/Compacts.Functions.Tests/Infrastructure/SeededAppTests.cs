namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>A test class on its own app over the seeded demo compact (a fresh table prefix per class instance).</summary>
public abstract class SeededAppTests(DateTimeOffset? now = null) : IAsyncLifetime
{
    protected TestApp App { get; } = new(now);

    public Task InitializeAsync() => App.SeedAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

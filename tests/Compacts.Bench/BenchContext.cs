using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Compacts.Functions;
using Compacts.Functions.Compacts;
using Compacts.Functions.Units;
using Compacts.Functions.Users;
using Microsoft.Extensions.Configuration;

namespace Compacts.Bench;

/// <summary>
/// What every benchmark shares: the storage to run against, the options of the run, the demo compact and its units, and
/// the app's services on a prefix of their own.
/// </summary>
/// <param name="Connection">The storage connection string (COMPACTS_BENCH_STORAGE).</param>
/// <param name="Quick">`--quick`: smaller sizes.</param>
/// <param name="InProcessHost">`--in-process-host`: the development host in this process rather than its own.</param>
internal sealed record BenchContext(string Connection, bool Quick, bool InProcessHost)
{
    public static readonly string Admin = ClientPrincipal.Encode("thu-ky@cum6.bocongan.vn", ClientPrincipal.AdminRole);

    public static readonly string[] Units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];

    private readonly string _demo = File.ReadAllText(Path.Combine(RepoRoot(), "demo", "cum6-2024.compact.json"));

    /// <summary>"local Azurite", "account NAME", or a phrase when the account's name cannot be read.</summary>
    public string StorageName =>
        Connection.Contains("127.0.0.1", StringComparison.Ordinal) || Connection.Contains("UseDevelopmentStorage", StringComparison.Ordinal)
            ? "local Azurite"
            : Regex.Match(Connection, "AccountName=([^;]+)").Groups[1].Value is { Length: > 0 } account ? $"account {account}" : "the account in COMPACTS_BENCH_STORAGE";

    /// <summary>The app's services on tables and queues named with <paramref name="prefix"/>, every storage request counted.</summary>
    public App CreateApp(string prefix, Counter counter, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Connection,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:QueuePrefix"] = $"{prefix}-",
            ["Scans:Container"] = $"{prefix}-scans",
            ["Evidence:Container"] = $"{prefix}-evidence",
            ["SendGrid:OutboxPath"] = Path.Combine(Path.GetTempPath(), $"{prefix}-outbox"),
        }).Build());
        services.AddLogging();
        services.AddCompactsApp();
        services.AddSingleton(time);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        services.AddSingleton(tableOptions);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        services.AddSingleton(queueOptions);
        return new App(services.BuildServiceProvider(), prefix);
    }

    /// <summary>Stores the units with a reporter each, and the compact: the demo one, a small one over the units, or none.</summary>
    public async Task SeedAsync(IServiceProvider services, string[] unitIds, string? compactId = "cum6-2024")
    {
        foreach (var unit in unitIds)
        {
            await services.GetRequiredService<UnitStore>().PutAsync(new Unit(unit, unit, [$"vp@{unit}.vn"]), default);
            await services.GetRequiredService<UserStore>().PutAsync(new User($"can-bo@{unit}.vn", unit, ""), default);
        }

        if (compactId == "cum6-2024")
        {
            var (compact, _) = CompactValidator.Validate(JsonSerializer.Deserialize<CompactDraft>(_demo, ApiJson.Options)!);
            await services.GetRequiredService<CompactStore>().PutAsync(compactId, compact!, null, false, default);
        }
        else if (compactId is not null)
        {
            await services.GetRequiredService<CompactStore>().PutAsync(compactId, Fixtures.SmallCompact(unitIds), null, false, default);
        }
    }

    /// <summary>The repository's root (where Serverless.sln is).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from the repository.");
    }
}

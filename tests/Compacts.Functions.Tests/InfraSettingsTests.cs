using System.Reflection;
using System.Text.RegularExpressions;

namespace Compacts.Functions.Tests;

/// <summary>The app settings in infra/ and local.settings.sample.json match what the app binds, so the two cannot drift.</summary>
public partial class InfraSettingsTests
{
    /// <summary>Bound by the app but deliberately not set in Azure.</summary>
    private static readonly Dictionary<string, string> LocalOnly = new()
    {
        ["Storage__ConnectionString"] = "Azurite only; in Azure the app reaches storage with its managed identity",
        ["SendGrid__OutboxPath"] = "where mails go without an API key, on a developer's machine",
        ["Telemetry__Console"] = "spans on the console for a developer; in Azure they go to Application Insights",
        ["Storage__QueuePrefix"] = "isolates the work queues of tests and development hosts; the Functions host listens on the literal names",
    };

    /// <summary>Set in Azure only: the identity-based endpoints have no meaning for Azurite.</summary>
    private static readonly HashSet<string> AzureOnly =
        ["Storage__TableServiceUri", "Storage__BlobServiceUri", "Storage__QueueServiceUri", "Storage__ClientId"];

    /// <summary>Every <c>Section__Property</c> of the options classes (those with a <c>SectionName</c> constant).</summary>
    private static HashSet<string> BoundOptions() =>
        typeof(AppServices).Assembly.GetTypes()
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null)
            .SelectMany(t => t.Type.GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => $"{t.Section}__{p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>%Setting%</c> expressions and connection names of the triggers in functions.metadata.</summary>
    private static (HashSet<string> Expressions, HashSet<string> Connections) TriggerSettings()
    {
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement;
        var expressions = new HashSet<string>(StringComparer.Ordinal);
        var connections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in metadata.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray()))
        {
            foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                if (Expression().Match(property.Value.GetString()!) is { Success: true } match)
                {
                    expressions.Add(match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal));
                }
            }

            if (binding.GetProperty("type").GetString() == "queueTrigger")
            {
                connections.Add(binding.TryGetProperty("connection", out var c) && c.GetString() is { Length: > 0 } name ? name : "AzureWebJobsStorage");
            }
        }

        return (expressions, connections);
    }

    private static HashSet<string> BicepObjectKeys(string file, string variable)
    {
        var text = File.ReadAllText(Path.Combine(TestApp.RepoRoot, "infra", file));
        var start = text.IndexOf($"var {variable} = {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{file} has no 'var {variable}'");
        var end = text.IndexOf("\n}", start, StringComparison.Ordinal);
        return BicepKey().Matches(text[start..end]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_setting_the_app_binds_is_an_app_setting_in_the_Bicep()
    {
        var appSettings = BicepObjectKeys("main.bicep", "appSettings");
        var hostSettings = BicepObjectKeys(Path.Combine("modules", "functionapp.bicep"), "hostStorage");
        var (expressions, connections) = TriggerSettings();

        var missing = BoundOptions().Concat(expressions).Distinct().Where(s => !LocalOnly.ContainsKey(s) && !appSettings.Contains(s)).ToList();
        Expect.Equal(0, missing.Count, $"not set in infra/main.bicep: {string.Join(", ", missing)}");
        Assert.All(connections, c => Assert.Contains($"{c}__queueServiceUri", hostSettings));
        Assert.Contains("AzureWebJobsStorage__credential", hostSettings);
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", hostSettings);
    }

    [Fact]
    public void Every_app_setting_in_the_Bicep_is_one_the_app_reads()
    {
        var read = BoundOptions().Concat(TriggerSettings().Expressions).ToHashSet(StringComparer.Ordinal);

        var stale = BicepObjectKeys("main.bicep", "appSettings").Where(s => !read.Contains(s)).ToList();

        Expect.Equal(0, stale.Count, $"set in infra/main.bicep but read by nothing: {string.Join(", ", stale)}");
        Assert.DoesNotContain(LocalOnly.Keys, BicepObjectKeys("main.bicep", "appSettings").Contains);
    }

    [Fact]
    public void Every_queue_trigger_listens_on_a_literal_queue_that_the_Bicep_creates()
    {
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement;
        var triggerQueues = metadata.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "queueTrigger")
            .Select(b => b.GetProperty("queueName").GetString()!)
            .ToList();
        var bicep = File.ReadAllText(Path.Combine(TestApp.RepoRoot, "infra", "main.bicep"));

        Assert.Equal(Storage.QueueNames.All.Order(), triggerQueues.Order());
        Assert.All(triggerQueues, q => Assert.DoesNotContain("%", q, StringComparison.Ordinal)); // the Flex scale controller reads the name as is
        Assert.All(triggerQueues, q => Assert.Contains($"'{q}'", bicep, StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_local_settings_list_every_setting_read_locally()
    {
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestApp.RepoRoot, "local.settings.sample.json")))
            .RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var (expressions, connections) = TriggerSettings();

        var missing = BoundOptions().Concat(expressions).Concat(connections).Where(s => !AzureOnly.Contains(s) && !sample.Contains(s)).ToList();

        Expect.Equal(0, missing.Count, $"not in local.settings.sample.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_azd_environment_value_the_parameters_read_reaches_the_deploy_job()
    {
        var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestApp.RepoRoot, "infra", "main.parameters.json")))
            .RootElement.GetProperty("parameters").EnumerateObject().ToList();
        var bicep = File.ReadAllText(Path.Combine(TestApp.RepoRoot, "infra", "main.bicep"));
        var azureYaml = File.ReadAllText(Path.Combine(TestApp.RepoRoot, "azure.yaml"));
        var pipeline = PipelineEntry().Matches(azureYaml[azureYaml.IndexOf("\npipeline:", StringComparison.Ordinal)..])
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var workflow = File.ReadAllText(Path.Combine(TestApp.RepoRoot, ".github", "workflows", "azure-dev.yml"));
        string[] setByAzd = ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_PRINCIPAL_ID"];

        var names = parameters.Select(p => EnvironmentValue().Match(p.Value.GetProperty("value").GetString()!))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Except(setByAzd).ToList();

        Assert.All(parameters, p => Assert.Contains($"param {p.Name} ", bicep, StringComparison.Ordinal));
        Assert.True(names.Count >= 6, $"only {names.Count} environment values in main.parameters.json");
        var notInPipeline = names.Where(n => n != "AZURE_PRINCIPAL_TYPE" && !pipeline.Contains(n)).ToList();
        Expect.Equal(0, notInPipeline.Count, $"not under azure.yaml's pipeline variables/secrets (azd pipeline config would not set them): {string.Join(", ", notInPipeline)}");
        var notPassed = names.Where(n => !Regex.IsMatch(workflow, $@"^\s+{n}: ", RegexOptions.Multiline)).ToList();
        Expect.Equal(0, notPassed.Count, $"not passed to azd in the workflow: {string.Join(", ", notPassed)}");
    }

    [GeneratedRegex(@"^\$\{([A-Z0-9_]+)(=[^}]*)?\}\z")]
    private static partial Regex EnvironmentValue();

    [GeneratedRegex(@"^    - ([A-Z0-9_]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PipelineEntry();

    [GeneratedRegex(@"^%([^%]+)%\z")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", RegexOptions.Multiline)]
    private static partial Regex BicepKey();
}

using System.Text.RegularExpressions;

namespace Compacts.Functions.Tests;

/// <summary>
/// The API version of every resource in infra/ is pinned here, so the Bicep linter's date-dependent rule
/// (use-recent-api-versions) can stay off and a lint result never changes with the calendar. Moving a type to a newer
/// version is a deliberate change of the Bicep and of this table together; `bash scripts/bicep.sh --newest-api-versions`
/// lists what the Bicep CLI's type index has that is newer.
/// </summary>
public partial class InfraApiVersionsTests
{
    /// <summary>
    /// Every resource type the Bicep declares, with the API version it must use: the newest that the type index of the
    /// pinned Bicep CLI (infra/tools/BicepCli.csproj) knows, except diagnosticSettings (noted below). Older than two years
    /// but kept on purpose because nothing newer is released: Insights/components 2020-02-02, Authorization/roleAssignments
    /// 2022-04-01, Insights/webtests 2022-06-15, Insights/actionGroups 2023-01-01.
    /// </summary>
    private static readonly Dictionary<string, string> Pinned = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Resources/resourceGroups"] = "2025-04-01",
        ["Microsoft.OperationalInsights/workspaces"] = "2026-03-01",
        ["Microsoft.Insights/components"] = "2020-02-02",
        ["Microsoft.Insights/actionGroups"] = "2023-01-01",
        ["Microsoft.Insights/webtests"] = "2022-06-15",
        ["Microsoft.Insights/metricAlerts"] = "2026-01-01",
        ["Microsoft.Insights/scheduledQueryRules"] = "2026-03-01",
        // The only GA version is 2016-09-01, which predates category groups and storage service scopes; the preview is the
        // version Azure Monitor documents for diagnostic settings.
        ["Microsoft.Insights/diagnosticSettings"] = "2021-05-01-preview",
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = "2024-11-30",
        ["Microsoft.Storage/storageAccounts"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/blobServices"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/blobServices/containers"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/tableServices"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/tableServices/tables"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/queueServices"] = "2026-09-01",
        ["Microsoft.Storage/storageAccounts/queueServices/queues"] = "2026-09-01",
        ["Microsoft.Security/defenderForStorageSettings"] = "2025-06-01",
        ["Microsoft.KeyVault/vaults"] = "2026-05-15",
        ["Microsoft.KeyVault/vaults/secrets"] = "2026-05-15",
        ["Microsoft.Authorization/roleAssignments"] = "2022-04-01",
        ["Microsoft.Web/serverfarms"] = "2025-03-01",
        ["Microsoft.Web/sites"] = "2025-03-01",
        ["Microsoft.Web/sites/config"] = "2025-03-01",
        ["Microsoft.Web/staticSites"] = "2025-03-01",
    };

    /// <summary>Each resource declaration (new or existing) in infra/**/*.bicep: file, type and API version.</summary>
    private static List<(string File, string Type, string Version)> Declarations() =>
        Directory.EnumerateFiles(Path.Combine(TestApp.RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => ResourceDeclaration().Matches(File.ReadAllText(file))
                .Select(m => (Path.GetRelativePath(TestApp.RepoRoot, file), m.Groups[1].Value, m.Groups[2].Value)))
            .ToList();

    [Fact]
    public void Every_resource_uses_the_API_version_pinned_for_its_type()
    {
        var declarations = Declarations();

        var wrong = declarations
            .Where(d => !Pinned.TryGetValue(d.Type, out var pinned) || pinned != d.Version)
            .Select(d => $"{d.File}: {d.Type}@{d.Version} (pinned: {Pinned.GetValueOrDefault(d.Type, "none")})")
            .ToList();

        Assert.True(declarations.Count > 20, $"only {declarations.Count} resource declarations found in infra/");
        Expect.Equal(0, wrong.Count, "API versions that differ from the pinned ones:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_pinned_type_is_still_declared_so_the_table_stays_the_Bicep_s_own()
    {
        var declared = Declarations().Select(d => d.Type).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = Pinned.Keys.Where(t => !declared.Contains(t)).ToList();

        Expect.Equal(0, unused.Count, $"pinned but declared nowhere in infra/: {string.Join(", ", unused)}");
    }

    [Fact]
    public void The_date_dependent_lint_rule_stays_off()
    {
        var config = File.ReadAllText(Path.Combine(TestApp.RepoRoot, "infra", "bicepconfig.json"));

        Assert.Matches(@"""use-recent-api-versions""\s*:\s*\{\s*""level""\s*:\s*""off""", config);
    }

    [GeneratedRegex(@"^\s*resource\s+\w+\s+'([^'@]+)@([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ResourceDeclaration();
}

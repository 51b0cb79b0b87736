using System.Reflection;
using NetArchTest.Rules;

namespace Compacts.Functions.Tests;

/// <summary>
/// Dependencies run one way: Domain ← JSON plumbing ← storage ← application services (auth, reports, standings, reminders, scans) ←
/// HTTP endpoints (Http, Functions, the composition root). A type that reaches up a layer, or two services that use each other,
/// fail here.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly App = typeof(AppServices).Assembly;

    private static readonly string[] RootTypes = App.GetTypes()
        .Where(t => t.Namespace == "Compacts.Functions").Select(t => t.FullName!).ToArray();

    /// <summary>The layers, lowest first; the last one also holds the root namespace's types (<see cref="RootTypes"/>).</summary>
    private static readonly string[][] Layers =
    [
        ["Compacts.Functions.Json"],
        ["Compacts.Functions.Storage"],
        ["Compacts.Functions.Auth", "Compacts.Functions.Reports", "Compacts.Functions.Standings", "Compacts.Functions.Reminders", "Compacts.Functions.Scans"],
        ["Compacts.Functions.Http", "Compacts.Functions.Functions"],
    ];

    public static TheoryData<string> LowerNamespaces() => [.. Layers[..^1].SelectMany(l => l)];

    public static TheoryData<string, string> ServicePairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var (a, b) in from a in Layers[2] from b in Layers[2] where string.CompareOrdinal(a, b) < 0 select (a, b))
        {
            pairs.Add(a, b);
        }

        return pairs;
    }

    [Fact]
    public void The_domain_uses_nothing_of_the_function_app_nor_Azure()
    {
        var result = Types.InAssembly(typeof(Domain.Compact).Assembly)
            .ShouldNot().HaveDependencyOnAny("Compacts.Functions", "Azure", "Microsoft.AspNetCore")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Theory]
    [MemberData(nameof(LowerNamespaces))]
    public void A_layer_uses_nothing_above_it(string space)
    {
        var index = Array.FindIndex(Layers, l => l.Contains(space));
        var above = Layers[(index + 1)..].SelectMany(l => l).Concat(RootTypes).ToArray();
        var result = Types.InAssembly(App).That().ResideInNamespace(space).ShouldNot().HaveDependencyOnAny(above).GetResult();
        Assert.True(result.IsSuccessful, $"{space} uses a layer above it: {Failing(result)}");
    }

    [Theory]
    [MemberData(nameof(ServicePairs))]
    public void Two_services_do_not_use_each_other(string a, string b)
    {
        var aUsesB = !Types.InAssembly(App).That().ResideInNamespace(a).ShouldNot().HaveDependencyOnAny(b).GetResult().IsSuccessful;
        var bUsesA = !Types.InAssembly(App).That().ResideInNamespace(b).ShouldNot().HaveDependencyOnAny(a).GetResult().IsSuccessful;
        Assert.False(aUsesB && bUsesA, $"{a} and {b} use each other: a cycle.");
    }

    private static string Failing(TestResult result) =>
        string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []);
}

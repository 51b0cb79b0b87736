using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Mono.Cecil;
using NetArchTest.Rules;

namespace Compacts.Functions.Tests;

/// <summary>
/// Dependencies run one way: Domain ← JSON, office-document and stream plumbing ← shared storage plumbing ← features (their stores, services and options;
/// Auth counts as one) ← shared HTTP plumbing ← endpoints (the function classes in each feature's room, and the composition
/// root). A type that reaches up a layer, or two features that use each other, fail here.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string Root = "Compacts.Functions";

    private static readonly Assembly App = typeof(AppServices).Assembly;

    private static readonly string[] Features =
        [.. new[] { "Auth", "Compacts", "Units", "Users", "Reports", "Reviews", "Standings", "Scans", "Evidence", "Reminders", "Ballots", "Year", "Imports", "Service" }.Select(f => $"{Root}.{f}")];

    /// <summary>The top: every class with a [Function] method, and the root namespace's types (the composition root).</summary>
    private static readonly HashSet<string> Endpoints = App.GetTypes()
        .Where(t => !t.IsNested && (t.Namespace == Root || t.GetMethods().Any(m => m.IsDefined(typeof(FunctionAttribute)))))
        .Select(t => t.FullName!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The layers below the endpoints, lowest first; feature namespaces exclude their function classes.</summary>
    private static readonly string[][] Layers =
    [
        [$"{Root}.Json", $"{Root}.Office", $"{Root}.Streams"],
        [$"{Root}.Storage"],
        Features,
        [$"{Root}.Http"],
    ];

    public static TheoryData<string> LowerNamespaces() => [.. Layers.SelectMany(l => l)];

    public static TheoryData<string, string> FeaturePairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var (a, b) in from a in Features from b in Features where string.CompareOrdinal(a, b) < 0 select (a, b))
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

    [Fact]
    public void Every_feature_room_has_its_endpoints_and_the_layers_cover_every_namespace()
    {
        var spaces = App.GetTypes().Select(t => t.Namespace).Where(n => n is not null && n.StartsWith(Root, StringComparison.Ordinal)).ToHashSet();
        Assert.Empty(spaces.Except([Root, .. Layers.SelectMany(l => l)]));
        Assert.All(Features.Where(f => !f.EndsWith(".Auth", StringComparison.Ordinal)), f => Assert.Contains(Endpoints, e => e.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(LowerNamespaces))]
    public void A_layer_uses_nothing_above_it(string space)
    {
        var index = Array.FindIndex(Layers, l => l.Contains(space));
        var above = Layers[(index + 1)..].SelectMany(l => l).Concat(Endpoints).ToArray();
        var result = BelowEndpoints(space).ShouldNot().HaveDependencyOnAny(above).GetResult();
        Assert.True(result.IsSuccessful, $"{space} uses a layer above it: {Failing(result)}");
    }

    [Theory]
    [MemberData(nameof(FeaturePairs))]
    public void Two_features_do_not_use_each_other(string a, string b)
    {
        var aUsesB = !BelowEndpoints(a).ShouldNot().HaveDependencyOnAny(b).GetResult().IsSuccessful;
        var bUsesA = !BelowEndpoints(b).ShouldNot().HaveDependencyOnAny(a).GetResult().IsSuccessful;
        Assert.False(aUsesB && bUsesA, $"{a} and {b} use each other: a cycle.");
    }

    /// <summary>The types of a namespace, leaving out function classes and the types nested in them (lambdas, state machines).</summary>
    private static PredicateList BelowEndpoints(string space) =>
        Types.InAssembly(App).That().ResideInNamespace(space).And().MeetCustomRule(t => !Endpoints.Contains(Outermost(t).FullName));

    private static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static string Failing(TestResult result) =>
        string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []);
}

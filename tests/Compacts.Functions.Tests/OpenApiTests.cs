using System.Text.Json;
using System.Text.RegularExpressions;
using Compacts.Functions.Functions;
using Compacts.Functions.Tests.Infrastructure;

namespace Compacts.Functions.Tests;

/// <summary>GET /api/openapi.json describes exactly the routes the functions serve.</summary>
public sealed partial class OpenApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HashSet<string> FunctionRoutes() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray()
            .Select(f => f.GetProperty("bindings")[0])
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()} /{b.GetProperty("route").GetString()}"))
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task The_document_is_served_without_a_principal_and_lists_every_route_of_the_functions()
    {
        var response = await _app.SendAsync<ServiceFunctions>(TestRequest.Get(null), (f, req, _) => Task.FromResult(f.GetOpenApi(req)));

        Assert.Equal(200, response.Status);
        var document = response.Json;
        Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(FunctionRoutes().Order(), operations.Order());
    }

    [Fact]
    public void Every_path_parameter_is_declared_and_every_schema_reference_resolves()
    {
        var document = JsonDocument.Parse(Compacts.Functions.Http.OpenApi.Json).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToHashSet();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var declared = operation.Value.GetProperty("parameters").EnumerateArray()
                    .Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToHashSet();
                Assert.Equal(PathParameter().Matches(path.Name).Select(m => m.Groups[1].Value).ToHashSet(), declared);
            }
        }

        var references = Reference().Matches(document.GetRawText()).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, schemas));
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex("#/components/schemas/([A-Za-z]+)")]
    private static partial Regex Reference();
}

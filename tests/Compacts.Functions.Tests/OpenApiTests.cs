using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Compacts.Functions.Service;

namespace Compacts.Functions.Tests;

/// <summary>GET /api/openapi.json describes exactly the routes the functions serve, with schemas generated from the records they answer with.</summary>
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
        var document = JsonDocument.Parse(Http.OpenApi.Json).RootElement;
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

    private static JsonElement Document() => JsonDocument.Parse(OpenApi.Json).RootElement;

    private static JsonElement Schema(string name) => Document().GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static List<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_public_property_of_the_report_revision_is_in_the_revision_schema()
    {
        Assert.Equal(JsonNames(typeof(ReportRevision)), PropertyNames(Schema("Revision")));
    }

    [Fact]
    public void Every_record_the_api_reads_or_writes_has_exactly_its_public_properties_in_its_schema()
    {
        var records = OpenApi.Records.Where(r => !r.Type.IsAssignableTo(typeof(System.Collections.IEnumerable))).ToList();
        Assert.Contains(records, r => r.Type == typeof(CompactResponse));
        Assert.All(records, r => Assert.Equal(JsonNames(r.Type), PropertyNames(Schema(r.Name))));
    }

    private sealed record Probe(string Name, decimal Added, Period Period, DateTimeOffset At, TimeOnly Due, ReportValue Value, NumberLiteral? Written);

    [Fact]
    public void A_property_added_to_a_record_appears_in_its_schema_with_the_JSON_type_of_the_APIs_converters()
    {
        var properties = OpenApi.SchemaOf(typeof(Probe))["properties"]!.AsObject();

        Assert.Equal(["name", "added", "period", "at", "due", "value", "written"], properties.Select(p => p.Key));
        Assert.Equal("number", (string?)properties["added"]!["type"]);
        Assert.Equal("string", (string?)properties["period"]!["type"]);
        Assert.NotNull(properties["period"]!["pattern"]);
        Assert.Equal("date-time", (string?)properties["at"]!["format"]);
        Assert.NotNull(properties["due"]!["pattern"]);
        Assert.Equal(["number", "boolean"], properties["value"]!["oneOf"]!.AsArray().Select(s => (string?)s!["type"]));
        Assert.Equal("number", (string?)properties["written"]!["type"]);
        Assert.True((bool?)properties["written"]!["nullable"]);
    }

    [Fact]
    public void Dictionary_values_and_defaulted_parameters_of_converter_types_are_typed_too()
    {
        var values = Schema("Revision").GetProperty("properties").GetProperty("values").GetProperty("additionalProperties");
        Assert.Equal(["number", "boolean"], values.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        var criteria = Schema("StandingRow").GetProperty("properties").GetProperty("criteria").GetProperty("additionalProperties");
        Assert.Equal("number", criteria.GetProperty("type").GetString());
        var expires = Schema("Scan").GetProperty("properties").GetProperty("downloadExpiresAt"); // DateTimeOffset? … = null
        Assert.Equal("date-time", expires.GetProperty("format").GetString());
        Assert.DoesNotContain("note", Schema("Revision").GetProperty("required").EnumerateArray().Select(r => r.GetString())); // null is left out
    }

    [Fact]
    public void A_record_held_by_another_is_a_reference_to_its_own_schema()
    {
        var revisions = Schema("Revisions").GetProperty("properties").GetProperty("revisions");
        Assert.Equal("#/components/schemas/Revision", revisions.GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/Unit", Schema("UnitList").GetProperty("items").GetProperty("$ref").GetString());
        var body = Schema("CompactBody").GetRawText();
        Assert.Contains("\"leaderRelative\"", body, StringComparison.Ordinal); // a draft's text field lists the values its validator accepts
    }

    [Fact]
    public void A_property_that_may_be_absent_is_not_required_even_when_it_holds_a_record_or_any_JSON()
    {
        var summary = OpenApi.SchemaOf(typeof(Reports.ReviewSummary));
        var item = OpenApi.SchemaOf(typeof(Reviews.ReviewRequestItem));

        Assert.DoesNotContain("lastReview", summary["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(summary["properties"]!["lastReview"]!["nullable"]!.GetValue<bool>());
        Assert.Equal("#/components/schemas/Review", summary["properties"]!["lastReview"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Null(item["required"]); // a return's items carry only a comment; a confirm's value is optional too
    }

    [Fact]
    public void Entra_ID_bearer_is_the_security_scheme_of_every_route_but_health_and_the_document()
    {
        var document = Document();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var entra = schemes.GetProperty("entraId");
        Assert.Equal("http", entra.GetProperty("type").GetString());
        Assert.Equal("bearer", entra.GetProperty("scheme").GetString());
        Assert.Contains("removes any X-MS-CLIENT-PRINCIPAL header the client sent", entra.GetProperty("description").GetString(), StringComparison.Ordinal);
        var local = schemes.GetProperty("clientPrincipal");
        Assert.Equal("X-MS-CLIENT-PRINCIPAL", local.GetProperty("name").GetString());
        Assert.Equal("header", local.GetProperty("in").GetString());

        var everywhere = document.GetProperty("security");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var effective = operation.Value.TryGetProperty("security", out var own) ? own : everywhere;
                var names = effective.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
                if (path.Name is "/health" or "/openapi.json")
                {
                    Assert.Empty(names);
                }
                else
                {
                    Assert.Contains("entraId", names);
                    Assert.All(names, n => Assert.True(schemes.TryGetProperty(n, out _), $"{operation.Name} {path.Name} requires an undeclared scheme {n}"));
                }
            }
        }
    }

    [Fact]
    public void The_document_is_JSON_in_the_shape_of_OpenAPI_3_0()
    {
        var document = Document();
        Assert.Matches(@"^3\.0\.\d+$", document.GetProperty("openapi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("version").GetString()));
        var paths = document.GetProperty("paths").EnumerateObject().ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith("/", p.Name, StringComparison.Ordinal));
        Assert.All(paths.SelectMany(p => p.Value.EnumerateObject()), o => Assert.NotEmpty(o.Value.GetProperty("responses").EnumerateObject()));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(JsonValueKind.Object, document.GetProperty("components").GetProperty("securitySchemes").ValueKind);

        foreach (var schema in schemas.EnumerateObject())
        {
            AssertSchema(schema.Value, $"#/components/schemas/{schema.Name}", schemas);
        }
    }

    /// <summary>An OpenAPI 3.0 schema object: one type of the six (nullable, not a JSON Schema type list), references into components only.</summary>
    private static void AssertSchema(JsonElement schema, string at, JsonElement schemas)
    {
        Assert.True(schema.ValueKind == JsonValueKind.Object, $"{at} is not a schema object");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            Assert.StartsWith("#/components/schemas/", target, StringComparison.Ordinal);
            Assert.True(schemas.TryGetProperty(target["#/components/schemas/".Length..], out _), $"{at}: {target} does not resolve");
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            Assert.Contains(type.ValueKind == JsonValueKind.String ? type.GetString() : type.GetRawText(), new[] { "string", "number", "integer", "boolean", "array", "object" });
        }

        if (schema.TryGetProperty("items", out var items))
        {
            AssertSchema(items, $"{at}/items", schemas);
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                AssertSchema(property.Value, $"{at}/properties/{property.Name}", schemas);
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            AssertSchema(additional, $"{at}/additionalProperties", schemas);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            Assert.All(oneOf.EnumerateArray(), s => AssertSchema(s, $"{at}/oneOf", schemas));
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex("#/components/schemas/([A-Za-z]+)")]
    private static partial Regex Reference();
}

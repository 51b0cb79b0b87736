using Compacts.Functions.Json;

namespace Compacts.Functions.Http;

/// <summary>The one JSON shape of the API (camelCase, enums as camelCase strings, unknown fields rejected).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create() => DomainJsonConverters.Options(tolerant: false, options =>
    {
        options.PropertyNameCaseInsensitive = false;
        options.MaxDepth = 32;
        options.AllowDuplicateProperties = false;
    });
}

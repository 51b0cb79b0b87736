using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Compacts.Functions.Json;

namespace Compacts.Functions.Http;

/// <summary>The one JSON shape of the API (camelCase, enums as camelCase strings, unknown fields rejected).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            MaxDepth = 32,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // Vietnamese stays readable; <, >, & and quotes stay escaped
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        DomainJsonConverters.AddTo(options.Converters);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

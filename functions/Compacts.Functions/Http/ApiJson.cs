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

    /// <summary>
    /// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>, then every property name and string read
    /// once: text that is not Unicode (a lone surrogate escape such as <c>"\ud800"</c>) fails here as a <see cref="JsonException"/>,
    /// as it does inside <see cref="JsonSerializer"/>, rather than later wherever the string happens to be read.
    /// </summary>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(utf8, options); // the duplicate-property check reads names too
            ReadText(document.RootElement);
            return document;
        }
        catch (InvalidOperationException ex)
        {
            document?.Dispose();
            throw new JsonException("The text is not valid Unicode.", "$", null, null, ex);
        }
    }

    private static void ReadText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadText(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadText(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            default:
                break;
        }
    }

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

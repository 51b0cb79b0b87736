using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Compacts.Functions.Json;

namespace Compacts.Functions.Storage;

/// <summary>
/// The JSON of stored rows and queue messages. It writes what the API writes (camelCase, enums as camelCase strings, decimals as
/// numbers without trailing zeros) but reads tolerantly: a property that a record no longer has (removed or renamed since the row
/// was written) is skipped, so changing a record never makes stored rows or queued messages unreadable.
/// </summary>
public static class StorageJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
        DomainJsonConverters.AddTo(options.Converters);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

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

    private static JsonSerializerOptions Create() => DomainJsonConverters.Options(tolerant: true, _ => { });
}

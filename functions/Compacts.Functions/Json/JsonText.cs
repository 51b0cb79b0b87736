namespace Compacts.Functions.Json;

/// <summary>Parsing JSON text that a client sent (a request body, a principal header).</summary>
public static class JsonText
{
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
}

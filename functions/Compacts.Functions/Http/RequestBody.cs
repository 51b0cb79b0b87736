using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Http;

/// <summary>
/// A request body read whole, up to a limit, with its kind and hash (for idempotent replays). <paramref name="MediaType"/> is
/// the type as RFC 9110 compares it: type/subtype in lower case, and the multipart boundary; a charset (UTF-8 only) is left out.
/// </summary>
public sealed record RequestBody(BodyKind Kind, byte[] Bytes, string? Boundary, string MediaType)
{
    /// <summary>Bodies are decoded strictly: text that is not UTF-8 is refused, never replaced by U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>Reads the body, refusing what is too large (413) or of a type the route does not take (415).</summary>
    public static async Task<Checked<RequestBody>> ReadAsync(
        HttpRequest request, long maxBytes, bool allowForms, CancellationToken cancellationToken)
    {
        var kind = BodyKind.Json;
        string? boundary = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return new(Responses.Problem(415, "Unsupported media type.",
                allowForms
                    ? "Send application/json, application/x-www-form-urlencoded or multipart/form-data."
                    : "Send application/json."));
        }

        var media = mediaType.MediaType.Value?.ToLowerInvariant();
        if (media == "application/json" || (media?.StartsWith("application/", StringComparison.Ordinal) == true && media.EndsWith("+json", StringComparison.Ordinal)))
        {
            kind = BodyKind.Json;
        }
        else if (allowForms && media == "application/x-www-form-urlencoded")
        {
            kind = BodyKind.UrlEncodedForm;
        }
        else if (allowForms && media == "multipart/form-data")
        {
            kind = BodyKind.MultipartForm;
            boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            {
                return new(Responses.Problem(400, "Malformed multipart body.", "The multipart/form-data content type needs a boundary."));
            }
        }
        else
        {
            return new(Responses.Problem(415, "Unsupported media type.", $"'{Shorten(request.ContentType)}' is not accepted here."));
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value; // charset="utf-8" is the same parameter
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return new(Responses.Problem(415, "Unsupported media type.", "Bodies must be UTF-8."));
        }

        if (request.ContentLength > maxBytes)
        {
            return new(TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new(TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            return new(Responses.Problem(400, "The request body could not be read.", "The body ended early or was malformed."));
        }

        if (buffer.Length == 0)
        {
            return new(Responses.Problem(400, "The request body is empty.", "Send the resource in the body."));
        }

        var bytes = buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new(NotUtf8());
        }

        return new(new RequestBody(kind, bytes, boundary, boundary is null ? media! : $"{media}; boundary={boundary}"));
    }

    /// <summary>Reads a JSON-only body and parses it into <typeparamref name="T"/>: the value, or the 4xx answer.</summary>
    public static async Task<Checked<T>> ReadJsonAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadAsync(request, maxBytes, allowForms: false, cancellationToken);
        return body.Failed ? new(body.Problem) : body.Value.ParseJson<T>();
    }

    private static ApiResult NotUtf8() =>
        Responses.Problem(400, "The request body is not UTF-8.", "Bodies must be UTF-8 text (no invalid bytes, no encoded surrogates); nothing was stored.");

    public static ApiResult TooLarge(long maxBytes) =>
        Responses.Problem(413, "The request body is too large.", $"At most {maxBytes} bytes are accepted here.");

    /// <summary>Parses a JSON body into <typeparamref name="T"/>, mapping every parse problem to a field path.</summary>
    public Checked<T> ParseJson<T>() where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(Bytes, ApiJson.Options);
            return value is null
                ? new(Responses.Validation("$", "The body must be a JSON object."))
                : new(value);
        }
        catch (JsonException ex)
        {
            return new(JsonProblem(ex));
        }
    }

    public static ApiResult JsonProblem(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
        var message = ex.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-", StringComparison.Ordinal)
            ? "Text must be valid Unicode: UTF-8, and no lone surrogate (such as \\ud800) in a JSON escape."
            : ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "Unknown field: the contract has no such field."
            : ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
                ? "A field is given more than once."
                : ex.LineNumber is null
                    ? "The value has the wrong type."
                    : $"Not valid JSON, or a value of the wrong type (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
        return Responses.Validation(new Dictionary<string, string[]> { [path] = [message] });
    }

    /// <summary>Form fields of an urlencoded or multipart body; file parts are refused.</summary>
    public async Task<Checked<Dictionary<string, string>>> ReadFormAsync(CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (Kind == BodyKind.UrlEncodedForm)
            {
                foreach (var pair in Encoding.UTF8.GetString(Bytes).Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var key = FormDecode(equals < 0 ? pair : pair[..equals]);
                    if (!fields.TryAdd(key, equals < 0 ? "" : FormDecode(pair[(equals + 1)..])))
                    {
                        return new(Responses.Validation(key, "A field is given more than once."));
                    }
                }

                return new(fields);
            }

            var multipart = new MultipartReader(Boundary!, new MemoryStream(Bytes)) { HeadersCountLimit = 16, HeadersLengthLimit = 4096 };
            while (await multipart.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition())
                {
                    return new(Responses.Problem(400, "Malformed multipart body.", "Each part needs a form-data Content-Disposition."));
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                using var text = new StreamReader(section.Body, StrictUtf8);
                var value = await text.ReadToEndAsync(cancellationToken);
                if (!fields.TryAdd(name, value))
                {
                    return new(Responses.Validation(name, "A field is given more than once."));
                }
            }

            return new(fields);
        }
        catch (DecoderFallbackException)
        {
            return new(NotUtf8());
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            return new(Responses.Problem(400, "Malformed form body.", "The form body is truncated or not well formed."));
        }
    }

    /// <summary>One urlencoded name or value: '+' and %XX decoded to bytes, then read as UTF-8 strictly (%FF or an encoded surrogate throws).</summary>
    private static string FormDecode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return StrictUtf8.GetString(System.Net.WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";
}

namespace Compacts.Functions.Http;

/// <summary>
/// A response that writes itself: status, headers and a body serialized with <see cref="ApiJson.Options"/>.
/// It needs no MVC services, so the Functions host, the development host and unit tests execute it alike.
/// </summary>
public sealed class ApiResult(int statusCode, object? body = null, string contentType = "application/json; charset=utf-8") : IActionResult
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public int StatusCode { get; } = statusCode;

    public object? Body { get; } = body;

    public string ContentType { get; } = contentType;

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public ApiResult WithHeader(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _headers.Add(new(name, value));
        }

        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        response.Headers.CacheControl = "no-store";
        switch (Body)
        {
            case null:
                return;
            case byte[] bytes:
                response.ContentType = ContentType;
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
                return;
            case Stream stream:
                // A file written to disk first (a large workbook): copied out, then closed (a temporary file is deleted on close).
                await using (stream)
                {
                    response.ContentType = ContentType;
                    response.ContentLength = stream.CanSeek ? stream.Length - stream.Position : null;
                    await stream.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
                }

                return;
            default:
                // Serialized whole, so the answer goes out with a Content-Length in one write rather than chunked.
                var json = JsonSerializer.SerializeToUtf8Bytes(Body, Body.GetType(), ApiJson.Options);
                response.ContentType = ContentType;
                response.ContentLength = json.Length;
                await response.Body.WriteAsync(json, context.HttpContext.RequestAborted);
                return;
        }
    }
}

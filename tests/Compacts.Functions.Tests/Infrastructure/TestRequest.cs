using Microsoft.AspNetCore.Http;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>A request to hand to a function: method, headers and body on a real <see cref="DefaultHttpContext"/>.</summary>
public sealed record TestRequest(string Method, string? Principal, byte[]? Body = null, string? ContentType = null)
{
    public Dictionary<string, string> Headers { get; init; } = [];

    public static TestRequest Get(string? principal) => new("GET", principal);

    public static TestRequest Delete(string? principal) => new("DELETE", principal);

    public static TestRequest PutJson(string? principal, object body) =>
        new("PUT", principal, body is string text ? Encoding.UTF8.GetBytes(text) : JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json");

    public static TestRequest Put(string? principal, byte[] body, string contentType) => new("PUT", principal, body, contentType);

    /// <summary>A PUT of one multipart/form-data part named <paramref name="field"/>.</summary>
    public static TestRequest Multipart(string? principal, string field, string? fileName, string partType, byte[] content)
    {
        var head = Encoding.UTF8.GetBytes(
            $"--XyZ\r\nContent-Disposition: form-data; name=\"{field}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\nContent-Type: {partType}\r\n\r\n");
        var tail = "\r\n--XyZ--\r\n"u8.ToArray();
        return Put(principal, [.. head, .. content, .. tail], "multipart/form-data; boundary=XyZ");
    }

    public TestRequest With(string header, string value) => this with { Headers = new(Headers) { [header] = value } };

    public HttpContext ToHttpContext(IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = Method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        if (Principal is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = Principal;
        }

        foreach (var (name, value) in Headers)
        {
            context.Request.Headers[name] = value;
        }

        if (Body is not null)
        {
            context.Request.Body = new MemoryStream(Body);
            context.Request.ContentLength = Body.Length;
            context.Request.ContentType = ContentType;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }
}

public sealed record TestResponse(int Status, IHeaderDictionary Headers, string Body)
{
    /// <summary>The body's bytes as sent (a binary body, e.g. a workbook, does not survive <see cref="Body"/>'s decoding).</summary>
    public byte[] Bytes { get; init; } = Encoding.UTF8.GetBytes(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ETag => Headers.ETag.Count > 0 ? Headers.ETag.ToString() : null;

    public string ContentType => Headers.ContentType.ToString();

    public IReadOnlyCollection<string> ErrorFields =>
        Json.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToArray() : [];

    public override string ToString() => $"{Status} {Body}";
}

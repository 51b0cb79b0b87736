using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Http;

/// <summary>
/// Receives an uploaded file (the raw body, or the one multipart part named <c>file</c>) as a stream: its first bytes are read to
/// recognise its type, the rest is left to the store (<see cref="UploadedFile"/>).
/// </summary>
public static class FileUpload
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FileFormat.Pdf] = "PDF",
        [FileFormat.Jpeg] = "JPEG",
        [FileFormat.Png] = "PNG",
        [FileFormat.Tiff] = "TIFF",
        [FileFormat.Docx] = "Word (.docx)",
        [FileFormat.Xlsx] = "Excel (.xlsx)",
    };

    /// <summary>
    /// Receives one file of an <paramref name="accepted"/> type and at most <paramref name="maxBytes"/> bytes and hands it to
    /// <paramref name="store"/>: 415 for a type not accepted or a declared type that is not the file's, 400 for an empty or broken
    /// body, 413 as soon as the body passes the limit (<see cref="BodyTooLargeException"/> thrown by the store's reads, with the limit it passed).
    /// </summary>
    public static async Task<IActionResult> ReceiveAsync(
        HttpRequest req, IReadOnlySet<string> accepted, long maxBytes, Func<UploadedFile, Task<IActionResult>> store, CancellationToken cancellationToken)
    {
        if (req.ContentLength > maxBytes + (64 * 1024))
        {
            return RequestBody.TooLarge(maxBytes);
        }

        try
        {
            var opened = await OpenAsync(req, accepted, cancellationToken);
            return opened.Failed ? opened.Problem : await store(opened.Value);
        }
        catch (BodyTooLargeException ex)
        {
            return RequestBody.TooLarge(ex.Limit);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            return Responses.Problem(400, "The upload ended early or is malformed.", "Nothing was stored.");
        }
    }

    /// <summary>415: the stored file's bytes are not of the type it was declared as, or not an accepted type at all.</summary>
    public static ApiResult Mismatch(string? declared, string? actual, IReadOnlySet<string> accepted) => actual is null
        ? NotAccepted(accepted)
        : Responses.Problem(415, "The declared type does not match the file.",
            $"The body is declared as {declared} but its bytes are {actual}. Nothing was stored.");

    private static async Task<Checked<UploadedFile>> OpenAsync(HttpRequest req, IReadOnlySet<string> accepted, CancellationToken cancellationToken)
    {
        var (content, declared, problem) = await OpenContentAsync(req, accepted, cancellationToken);
        if (content is null)
        {
            return new(problem!);
        }

        var head = new byte[FileFormat.SniffLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            return new(Responses.Problem(400, "The file is empty.", "Send the file's bytes. Nothing was stored."));
        }

        var detected = FileFormat.Detect(head.AsSpan(0, headLength));
        var zipAccepted = accepted.Any(FileFormat.IsOoxml);
        if (detected is null || (detected == FileFormat.Zip ? !zipAccepted : !accepted.Contains(detected)))
        {
            return new(NotAccepted(accepted));
        }

        if (declared is not null && (detected == FileFormat.Zip ? !FileFormat.IsOoxml(declared) : declared != detected))
        {
            return new(Mismatch(declared, detected == FileFormat.Zip ? "a ZIP archive" : detected, accepted));
        }

        return new(new UploadedFile(head[..headLength], content, detected, declared));
    }

    /// <summary>The file's bytes: the raw body, or the part named <c>file</c> of a multipart form, read as a stream.</summary>
    private static async Task<(Stream? Content, string? Declared, ApiResult? Problem)> OpenContentAsync(
        HttpRequest req, IReadOnlySet<string> accepted, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(req.ContentType, out var media))
        {
            return (null, null, UnsupportedType(accepted));
        }

        var type = media.MediaType.Value?.ToLowerInvariant() ?? "";
        if (accepted.Contains(type))
        {
            return (req.Body, type, null);
        }

        if (type != "multipart/form-data")
        {
            return (null, null, UnsupportedType(accepted));
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return (null, null, Responses.Problem(400, "Malformed multipart body.", "The multipart/form-data content type needs a boundary."));
        }

        var reader = new MultipartReader(boundary, req.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        if (section is null
            || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !(disposition.IsFormDisposition() || disposition.IsFileDisposition())
            || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
        {
            return (null, null, Responses.Validation("file", "Send one form field named 'file' holding the file."));
        }

        var partType = MediaTypeHeaderValue.TryParse(section.ContentType, out var part) ? part.MediaType.Value?.ToLowerInvariant() : null;
        return (section.Body, partType is not null && accepted.Contains(partType) ? partType : null, null);
    }

    private static ApiResult NotAccepted(IReadOnlySet<string> accepted) => Responses.Problem(415, $"Not a {Listed(accepted, "or")} file.",
        "The file's own bytes are not of an accepted type. Nothing was stored.");

    private static ApiResult UnsupportedType(IReadOnlySet<string> accepted) => Responses.Problem(415, "Unsupported media type.",
        $"Send the file as {string.Join(", ", FileFormat.Extensions.Keys.Where(accepted.Contains))}, or as multipart/form-data with a field 'file'.");

    private static string Listed(IReadOnlySet<string> accepted, string conjunction)
    {
        var names = Names.Where(n => accepted.Contains(n.Key)).Select(n => n.Value).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} {conjunction} {names[^1]}";
    }
}

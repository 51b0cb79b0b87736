namespace Compacts.Functions.Http;

/// <summary>The <c>Idempotency-Key</c> request header of the writes that honour it (report PUTs, reviews, explanations).</summary>
public static class IdempotencyHeader
{
    /// <summary>The client's key ("" when none was sent), or 400: two keys (two headers, or two joined by a comma on the way) name no one request.</summary>
    public static Checked<string> Read(HttpRequest req)
    {
        var keys = req.Headers["Idempotency-Key"];
        var key = keys.ToString();
        return keys.Count > 1 || (key.Length > 0 && !ReportReceipt.IsValidIdempotencyKey(key))
            ? new(Responses.Validation("Idempotency-Key", $"One key of 1 to {ReportReceipt.MaxIdempotencyKeyLength} visible ASCII characters other than ','."))
            : new(key);
    }
}

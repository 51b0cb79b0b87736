namespace Compacts.Functions.Http;

/// <summary>A report PUT body, from JSON or from an HTML form, before its values are checked against the compact.</summary>
public sealed record ReportRequest(
    IReadOnlyDictionary<string, InputValue> Values,
    string? Note,
    DateTimeOffset? ReceivedAt,
    bool FromForm)
{
    private static readonly HashSet<string> ReservedFields = ["note", "receivedAt"];

    public static async Task<Checked<ReportRequest>> ParseAsync(RequestBody body, CancellationToken cancellationToken)
    {
        if (body.Kind == BodyKind.Json)
        {
            return ParseJson(body.Bytes);
        }

        var form = await body.ReadFormAsync(cancellationToken);
        if (form.Failed)
        {
            return new(form.Problem);
        }

        var fields = form.Value;
        var errors = new ValidationErrors();
        var receivedAt = ParseReceivedAt(fields.GetValueOrDefault("receivedAt") is { Length: > 0 } text ? text : null, errors);
        var values = fields
            .Where(f => !ReservedFields.Contains(f.Key))
            .ToDictionary(f => f.Key, f => (InputValue)new TextInput(f.Value, FromForm: true), StringComparer.Ordinal);
        return errors.IsEmpty
            ? new(new ReportRequest(values, fields.GetValueOrDefault("note") is { Length: > 0 } note ? note : null, receivedAt, true))
            : new(Responses.Validation(errors.ToDictionary()));
    }

    private static Checked<ReportRequest> ParseJson(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = Json.JsonText.ParseDocument(bytes, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return new(RequestBody.JsonProblem(ex));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(Responses.Validation("$", "The body must be a JSON object with 'values'."));
            }

            var errors = new ValidationErrors();
            var values = new Dictionary<string, InputValue>(StringComparer.Ordinal);
            string? note = null;
            DateTimeOffset? receivedAt = null;
            var sawValues = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "values" when property.Value.ValueKind == JsonValueKind.Object:
                        sawValues = true;
                        foreach (var value in property.Value.EnumerateObject())
                        {
                            values[value.Name] = ReviewRequest.ToInput(value.Value);
                        }

                        break;
                    case "values":
                        errors.Add("values", "'values' must be an object from criterion id to value.");
                        sawValues = true;
                        break;
                    case "note" when property.Value.ValueKind is JsonValueKind.String:
                        note = property.Value.GetString();
                        break;
                    case "note" when property.Value.ValueKind is JsonValueKind.Null:
                        break;
                    case "note":
                        errors.Add("note", "The note must be a string.");
                        break;
                    case "receivedAt" when property.Value.ValueKind is JsonValueKind.String:
                        receivedAt = ParseReceivedAt(property.Value.GetString(), errors);
                        break;
                    case "receivedAt" when property.Value.ValueKind is JsonValueKind.Null:
                        break;
                    case "receivedAt":
                        errors.Add("receivedAt", "receivedAt must be a date-time string with a UTC offset.");
                        break;
                    default:
                        errors.Add(property.Name.Length <= 64 ? property.Name : property.Name[..64], "Unknown field: a report has 'values', 'note' and 'receivedAt'.");
                        break;
                }
            }

            if (!sawValues)
            {
                errors.Add("values", "'values' is required.");
            }

            return errors.IsEmpty
                ? new(new ReportRequest(values, note, receivedAt, false))
                : new(Responses.Validation(errors.ToDictionary()));
        }
    }

    private static DateTimeOffset? ParseReceivedAt(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        var value = OffsetInstant.TryParse(text);
        if (value is null)
        {
            errors.Add("receivedAt", $"receivedAt must be an ISO 8601 date-time with a UTC offset, e.g. {OffsetInstant.Example}.");
        }

        return value;
    }
}

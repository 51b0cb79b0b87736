using Compacts.Domain.Review;

namespace Compacts.Functions.Http;

/// <summary>The JSON bodies of a review and of an explanation, read into the domain's inputs (their rules check them).</summary>
public static class ReviewRequest
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public static Checked<ReviewInput> ParseReview(byte[] bytes) => Parse(bytes, "'revision', 'decision', 'comment' and 'items'", (root, errors) =>
    {
        int? revision = null;
        string? decision = null, comment = null;
        Dictionary<string, ReviewItemInput>? items = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "revision":
                    revision = Revision(property.Value, errors);
                    break;
                case "decision":
                    decision = Text(property, errors);
                    break;
                case "comment":
                    comment = Text(property, errors);
                    break;
                case "items":
                    items = Items(property, errors, (path, item) => Item(path, item, errors));
                    break;
                default:
                    Unknown(property, errors, "a review has 'revision', 'decision', 'comment' and 'items'");
                    break;
            }
        }

        return new ReviewInput(revision, decision, comment, items);
    });

    public static Checked<ExplanationInput> ParseExplanation(byte[] bytes) => Parse(bytes, "'revision', 'comment' and 'items'", (root, errors) =>
    {
        int? revision = null;
        string? comment = null;
        Dictionary<string, InputValue>? items = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "revision":
                    revision = Revision(property.Value, errors);
                    break;
                case "comment":
                    comment = Text(property, errors);
                    break;
                case "items":
                    items = Items(property, errors, (_, item) => ToInput(item));
                    break;
                default:
                    Unknown(property, errors, "an explanation has 'revision', 'comment' and 'items'");
                    break;
            }
        }

        return new ExplanationInput(revision, comment, items);
    });

    private static Checked<T> Parse<T>(byte[] bytes, string fields, Func<JsonElement, ValidationErrors, T> read)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = Json.JsonText.ParseDocument(bytes, Strict);
        }
        catch (JsonException ex)
        {
            return new(RequestBody.JsonProblem(ex));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(Responses.Validation("$", $"The body must be a JSON object with {fields}."));
            }

            var errors = new ValidationErrors();
            var value = read(document.RootElement, errors);
            return errors.IsEmpty ? new(value) : new(Responses.Validation(errors.ToDictionary()));
        }
    }

    private static int? Revision(JsonElement value, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var revision) && revision >= 1)
        {
            return revision;
        }

        errors.Add("revision", "revision is the whole number (1 or more) of the revision this answers.");
        return null;
    }

    private static string? Text(JsonProperty property, ValidationErrors errors)
    {
        if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
        {
            return property.Value.GetString();
        }

        errors.Add(property.Name, $"{property.Name} must be a string.");
        return null;
    }

    private static Dictionary<string, TItem>? Items<TItem>(JsonProperty property, ValidationErrors errors, Func<string, JsonElement, TItem> item)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("items", "items must be an object from criterion id to item.");
            return null;
        }

        var items = new Dictionary<string, TItem>(StringComparer.Ordinal);
        foreach (var entry in property.Value.EnumerateObject())
        {
            items[entry.Name] = item($"items.{Clip(entry.Name)}", entry.Value);
        }

        return items;
    }

    private static ReviewItemInput Item(string path, JsonElement item, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "An item is an object with 'value' and/or 'comment'.");
            return new ReviewItemInput(false, null, null);
        }

        var hasValue = false;
        InputValue? value = null;
        string? comment = null;
        foreach (var field in item.EnumerateObject())
        {
            switch (field.Name)
            {
                case "value":
                    hasValue = true;
                    value = ToInput(field.Value);
                    break;
                case "comment" when field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    comment = field.Value.GetString();
                    break;
                case "comment":
                    errors.Add($"{path}.comment", "The comment must be a string.");
                    break;
                default:
                    errors.Add($"{path}.{Clip(field.Name)}", "Unknown field: an item has 'value' and 'comment'.");
                    break;
            }
        }

        return new ReviewItemInput(hasValue, value, comment);
    }

    private static void Unknown(JsonProperty property, ValidationErrors errors, string has) =>
        errors.Add(Clip(property.Name), $"Unknown field: {has}.");

    private static string Clip(string name) => name.Length <= 64 ? name : name[..64];

    /// <summary>A JSON value as the domain's input: a number as written, a boolean, a string, or the kind of anything else.</summary>
    public static InputValue ToInput(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => new NumberInput(element.GetRawText()),
        JsonValueKind.True => new BooleanInput(true),
        JsonValueKind.False => new BooleanInput(false),
        JsonValueKind.String => new TextInput(element.GetString() ?? "", FromForm: false),
        _ => new OtherInput(element.ValueKind.ToString()),
    };
}

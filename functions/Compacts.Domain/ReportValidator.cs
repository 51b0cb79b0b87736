using System.Globalization;

namespace Compacts.Domain;

/// <summary>Checks a unit's monthly values against the compact's criteria (docs/api.md, "Monthly reports").</summary>
public static class ReportValidator
{
    public const int MaxNoteLength = FreeText.MaxLength;
    public const decimal MaxQuantity = 1_000_000_000_000;
    public const decimal MaxCount = 1_000_000_000;

    public static (IReadOnlyDictionary<string, ReportValue> Values, ValidationErrors Errors) Validate(
        Compact compact, string unitId, IReadOnlyDictionary<string, InputValue> input, bool fromForm)
    {
        var errors = new ValidationErrors();
        var values = new Dictionary<string, ReportValue>(StringComparer.Ordinal);
        var criteria = compact.AllCriteria().ToDictionary(c => c.Id, StringComparer.Ordinal);

        foreach (var id in input.Keys.Where(k => !criteria.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"values.{Shorten(id)}", "Unknown criterion id: the compact has no such criterion.");
        }

        foreach (var criterion in criteria.Values)
        {
            var path = $"values.{criterion.Id}";
            input.TryGetValue(criterion.Id, out var raw);
            if (raw is TextInput { FromForm: true } blank && string.IsNullOrWhiteSpace(blank.Value) && criterion.Type != CriterionType.Qualitative)
            {
                raw = null;
            }

            if (!criterion.IsAssignedTo(unitId))
            {
                if (raw is not null)
                {
                    errors.Add(path, $"This criterion is not assigned to unit '{unitId}' (it has no target for it).");
                }

                continue;
            }

            if (raw is null)
            {
                switch (criterion.Type)
                {
                    case CriterionType.Adjustment:
                        break;
                    case CriterionType.Qualitative when fromForm:
                        values[criterion.Id] = ReportValue.Of(false); // an unticked checkbox sends nothing
                        break;
                    default:
                        errors.Add(path, "A value is required for this criterion.");
                        break;
                }

                continue;
            }

            var (value, message) = ParseValue(criterion, raw);
            if (message is not null)
            {
                errors.Add(path, message);
            }
            else
            {
                values[criterion.Id] = value;
            }
        }

        return (values, errors);
    }

    public static void ValidateNote(string? note, ValidationErrors errors)
    {
        if (note is not null && FreeText.Problem(note, "The note") is { } problem)
        {
            errors.Add("note", problem);
        }
    }

    /// <summary>
    /// One value checked against its criterion's type under the number rules (a report's value, or a reviewer's corrected one):
    /// the value, or why it is refused.
    /// </summary>
    public static (ReportValue Value, string? Problem) ParseValue(Criterion criterion, InputValue raw) => criterion.Type switch
    {
        CriterionType.Qualitative => ParseBoolean(raw),
        CriterionType.Quantitative => ParseNumber(raw, 0, MaxQuantity, wholeOnly: false,
            "A quantitative value must be a number from 0 to 10^12."),
        CriterionType.Occurrence => ParseNumber(raw, 0, MaxCount, wholeOnly: true,
            "An occurrence value must be a whole number from 0 to 10^9."),
        _ => ParseNumber(raw, criterion.Min!.Value, criterion.Max!.Value, wholeOnly: false,
            string.Create(CultureInfo.InvariantCulture, $"An adjustment must be a number from {criterion.Min} to {criterion.Max}.")),
    };

    private static (ReportValue, string?) ParseBoolean(InputValue raw) => raw switch
    {
        BooleanInput b => (ReportValue.Of(b.Value), null),
        TextInput { FromForm: true } t when t.Value.Trim().ToUpperInvariant() is "TRUE" or "ON" => (ReportValue.Of(true), null),
        TextInput { FromForm: true } t when t.Value.Trim().ToUpperInvariant() is "FALSE" or "OFF" or "" => (ReportValue.Of(false), null),
        _ => (default, "A qualitative value must be true or false."),
    };

    private static (ReportValue, string?) ParseNumber(InputValue raw, decimal min, decimal max, bool wholeOnly, string message)
    {
        var text = raw switch
        {
            NumberInput n => n.Text,
            TextInput { FromForm: true } t => t.Value,
            _ => null,
        };
        if (text is null)
        {
            return (default, message);
        }

        if (!ExactNumbers.TryParse(text, out var number, out var problem))
        {
            return (default, problem == ExactNumbers.PrecisionMessage ? problem : message);
        }

        if (number < min || number > max || (wholeOnly && decimal.Truncate(number) != number))
        {
            return (default, message);
        }

        return (ReportValue.Of(number), null);
    }

    /// <summary>An id as an error's field path shows it: at most 64 characters and an ellipsis.</summary>
    internal static string Shorten(string id) => id.Length <= 64 ? id : id[..64] + "…";
}

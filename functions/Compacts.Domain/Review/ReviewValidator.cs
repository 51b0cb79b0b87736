namespace Compacts.Domain.Review;

/// <summary>
/// Checks a review or an explanation against the compact and, for a review, the reviewed revision's values (docs/review.md,
/// "Bodies"). Errors are keyed by field path: <c>revision</c>, <c>decision</c>, <c>comment</c>, <c>items</c>,
/// <c>items.{criterionId}</c>, <c>items.{criterionId}.value</c>, <c>items.{criterionId}.comment</c>.
/// Free text follows <see cref="FreeText"/>; a blank comment counts as none (so a required one is missing).
/// </summary>
public static class ReviewValidator
{
    public static (ReviewBody? Body, ValidationErrors Errors) Validate(
        Compact compact, string unitId, ReviewInput input, IReadOnlyDictionary<string, ReportValue> reported)
    {
        var errors = new ValidationErrors();
        var revision = CheckRevision(input.Revision, errors);
        ReviewDecision? decision = input.Decision switch
        {
            "confirm" => ReviewDecision.Confirm,
            "return" => ReviewDecision.Return,
            _ => null,
        };
        if (decision is null)
        {
            errors.Add("decision", "The decision is required: 'confirm' or 'return'.");
        }

        var isReturn = decision == ReviewDecision.Return;
        var comment = Text(input.Comment, "comment", required: isReturn, "A return needs a comment saying what is wrong (1 to 4000 characters).", errors);
        if (isReturn && (input.Items is null || input.Items.Count == 0))
        {
            errors.Add("items", "A return names at least one criterion, each with its reason.");
        }

        var items = new Dictionary<string, ReviewItem>(StringComparer.Ordinal);
        foreach (var (id, item) in Ordered(input.Items))
        {
            var path = $"items.{id}";
            if (AssignedCriterion(compact, unitId, id, errors) is not { } criterion)
            {
                continue;
            }

            if (item is null)
            {
                errors.Add(path, "An item must be an object.");
                continue;
            }

            items[id] = decision switch
            {
                ReviewDecision.Return => ReturnItem(item, path, errors),
                ReviewDecision.Confirm => ConfirmItem(criterion, item, reported, path, errors),
                _ => new ReviewItem(Text(item.Comment, $"{path}.comment", required: false, "", errors), false, null),
            };
        }

        return errors.IsEmpty ? (new ReviewBody(revision, decision!.Value, comment ?? "", items), errors) : (null, errors);
    }

    /// <summary>
    /// An explanation keeps the figures and says why they stand: a text per criterion (assigned to the unit), and a comment.
    /// Choice: the comment may be left out when at least one criterion is explained; with no items it is required.
    /// </summary>
    public static (ExplanationBody? Body, ValidationErrors Errors) ValidateExplanation(Compact compact, string unitId, ExplanationInput input)
    {
        var errors = new ValidationErrors();
        var revision = CheckRevision(input.Revision, errors);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in Ordered(input.Items))
        {
            var path = $"items.{id}";
            if (AssignedCriterion(compact, unitId, id, errors) is null)
            {
                continue;
            }

            if (value is not TextInput text)
            {
                errors.Add(path, "An explanation of a criterion is text (1 to 4000 characters).");
                continue;
            }

            if (Text(text.Value, path, required: true, "An explanation of a criterion is text (1 to 4000 characters).", errors) is { } written)
            {
                items[id] = written;
            }
        }

        var comment = Text(input.Comment, "comment", required: input.Items is null || input.Items.Count == 0,
            "An explanation needs a comment (1 to 4000 characters), or a text for at least one criterion.", errors);
        return errors.IsEmpty ? (new ExplanationBody(revision, comment ?? "", items), errors) : (null, errors);
    }

    private static ReviewItem ReturnItem(ReviewItemInput item, string path, ValidationErrors errors)
    {
        if (item.HasValue)
        {
            errors.Add($"{path}.value", "A return carries no values; say in the comment what is wrong, and the unit answers.");
        }

        var comment = Text(item.Comment, $"{path}.comment", required: true, "Each returned criterion needs a comment with the reason (1 to 4000 characters).", errors);
        return new ReviewItem(comment, Corrects: false, Value: null);
    }

    private static ReviewItem ConfirmItem(
        Criterion criterion, ReviewItemInput item, IReadOnlyDictionary<string, ReportValue> reported, string path, ValidationErrors errors)
    {
        ReportValue? value = null;
        var valid = true;
        var was = reported.TryGetValue(criterion.Id, out var reportedValue) ? reportedValue : (ReportValue?)null;
        if (!item.HasValue)
        {
            if (string.IsNullOrWhiteSpace(item.Comment))
            {
                errors.Add(path, "An item needs a corrected value or a comment.");
            }
        }
        else if (IsNull(item.Value))
        {
            if (criterion.Type != CriterionType.Adjustment)
            {
                errors.Add($"{path}.value", "Only an adjustment may be removed with null; give a value of the criterion's type.");
                valid = false;
            }
        }
        else
        {
            var (parsed, problem) = ReportValidator.ParseValue(criterion, item.Value!);
            if (problem is not null)
            {
                errors.Add($"{path}.value", problem);
                valid = false;
            }

            value = parsed;
        }

        // A value equal to the reported one (or null where nothing was reported) is no correction.
        var corrects = valid && item.HasValue && value != was;
        var comment = Text(item.Comment, $"{path}.comment", required: corrects, "A corrected value needs a comment saying why (1 to 4000 characters).", errors);
        return new ReviewItem(comment, corrects, value);
    }

    /// <summary>An explicit JSON null: no value object, or the kind the HTTP layer gives a null token.</summary>
    private static bool IsNull(InputValue? value) =>
        value is null || (value is OtherInput other && other.Kind.Equals("null", StringComparison.OrdinalIgnoreCase));

    private static int CheckRevision(int? revision, ValidationErrors errors)
    {
        if (revision is not { } number || number < 1)
        {
            errors.Add("revision", "The revision is required: the whole number (from 1) of the revision this answers.");
            return 0;
        }

        return number;
    }

    /// <summary>The criterion an item names, or null with the error at <c>items.{id}</c> when the compact has none or the unit is not assigned it.</summary>
    private static Criterion? AssignedCriterion(Compact compact, string unitId, string id, ValidationErrors errors)
    {
        var criterion = compact.AllCriteria().FirstOrDefault(c => c.Id == id);
        if (criterion is null)
        {
            errors.Add($"items.{ReportValidator.Shorten(id)}", "Unknown criterion id: the compact has no such criterion.");
        }
        else if (!criterion.IsAssignedTo(unitId))
        {
            errors.Add($"items.{id}", $"This criterion is not assigned to unit '{unitId}' (it has no target for it).");
            return null;
        }

        return criterion;
    }

    /// <summary>
    /// Free text at <paramref name="path"/>: null when absent or blank (then <paramref name="missing"/> is added when it is
    /// <paramref name="required"/>) or when it breaks <see cref="FreeText"/>; otherwise the text as written.
    /// </summary>
    private static string? Text(string? value, string path, bool required, string missing, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(path, missing);
            }

            return null;
        }

        if (FreeText.Problem(value, "The text") is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }

        return value;
    }

    private static IEnumerable<KeyValuePair<string, T>> Ordered<T>(IReadOnlyDictionary<string, T>? items) =>
        items?.OrderBy(i => i.Key, StringComparer.Ordinal) ?? Enumerable.Empty<KeyValuePair<string, T>>();
}

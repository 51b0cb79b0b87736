namespace Compacts.Domain;

/// <summary>A reported value: a number (quantitative, occurrence, adjustment) or a yes/no (qualitative).</summary>
public readonly record struct ReportValue(decimal? Number, bool? Flag)
{
    public static ReportValue Of(decimal number) => new(number, null);

    public static ReportValue Of(bool flag) => new(null, flag);
}

/// <summary>A value as it arrived, before it is checked against its criterion's type.</summary>
public abstract record InputValue;

/// <summary>A JSON number token, as written.</summary>
public sealed record NumberInput(string Text) : InputValue;

public sealed record BooleanInput(bool Value) : InputValue;

/// <summary>Text: a form field (parsed by the criterion's type) or a JSON string (a type error).</summary>
public sealed record TextInput(string Value, bool FromForm) : InputValue;

/// <summary>Anything else JSON can hold: null, an object, an array.</summary>
public sealed record OtherInput(string Kind) : InputValue;

/// <summary>One stored revision of a unit's monthly report. Revisions are never edited or deleted.</summary>
public sealed record ReportRevision(
    string CompactId,
    Period Period,
    string UnitId,
    int Revision,
    DateTimeOffset ReceivedAt,
    bool Late,
    IReadOnlyDictionary<string, ReportValue> Values,
    string? Note,
    string SubmittedBy);

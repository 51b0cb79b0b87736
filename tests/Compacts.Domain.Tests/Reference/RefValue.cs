namespace Compacts.Domain.Tests.Reference;

/// <summary>A reported value: a number (quantity, count, adjustment) or a boolean (qualitative).
/// Exactly one of Number and Flag is set.</summary>
public sealed record RefValue
{
    private RefValue(BigRational? number, bool? flag)
    {
        Number = number;
        Flag = flag;
    }

    public BigRational? Number { get; }

    public bool? Flag { get; }

    public static RefValue Of(BigRational number) => new(number, null);

    public static RefValue Of(bool flag) => new(null, flag);

    public override string ToString() => Number?.ToString() ?? (Flag == true ? "true" : "false");
}

using System.Globalization;

namespace Compacts.Domain;

/// <summary>
/// A number exactly as a client wrote it (a JSON number token or a form field), so that the precision rules are checked on
/// the decimal digits written, not on the nearest binary double. <see cref="ExactNumbers"/> turns it into a decimal.
/// </summary>
public readonly record struct NumberLiteral(string Text)
{
    public static implicit operator NumberLiteral(decimal value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static implicit operator NumberLiteral(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Text;
}

using System.Diagnostics.CodeAnalysis;

namespace Compacts.Domain;

/// <summary>
/// The number rules of the scoring rules ("Numbers and instants, exactly"): every number in a compact or a report is a decimal
/// of at most 15 significant digits and at most 6 digits after the point, read from its written digits, never through a double.
/// </summary>
public static class ExactNumbers
{
    public const int MaxSignificantDigits = 15;
    public const int MaxFractionDigits = 6;

    /// <summary>The largest power of ten a literal's digits may be shifted by (15 digits × 10^13 still fits a decimal; every bound is far below).</summary>
    private const int MaxExponent = 13;

    public const string PrecisionMessage = "At most 15 significant digits and at most 6 digits after the decimal point.";

    /// <summary>
    /// Reads <paramref name="text"/> (<c>-?digits[.digits][(e|E)[+-]digits]</c>, white space around it ignored) as an exact decimal.
    /// Returns false with a reason when it is not such a number or breaks the precision rule.
    /// </summary>
    public static bool TryParse(string? text, out decimal value, [NotNullWhen(false)] out string? problem)
    {
        value = 0;
        problem = "Not a number.";
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is '-' or '+')
        {
            negative = s[i] == '-';
            i++;
        }

        Span<char> digits = s.Length <= 128 ? stackalloc char[s.Length] : new char[s.Length];
        var count = 0;
        var intDigits = ReadDigits(s, ref i, digits, ref count);
        if (intDigits == 0)
        {
            return false;
        }

        var fractionDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fractionDigits = ReadDigits(s, ref i, digits, ref count);
            if (fractionDigits == 0)
            {
                return false;
            }
        }

        long exponent = 0;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            var exponentNegative = false;
            if (i < s.Length && s[i] is '-' or '+')
            {
                exponentNegative = s[i] == '-';
                i++;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start < 9)
                {
                    exponent = (exponent * 10) + (s[i] - '0');
                }
                else
                {
                    exponent = 1_000_000_000; // far past any bound; the digits tell whether the value is zero
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            exponent = exponentNegative ? -exponent : exponent;
        }

        if (i != s.Length)
        {
            return false;
        }

        // value = D × 10^(exponent − fractionDigits), with D the written digits without leading and trailing zeros.
        var written = digits[..count];
        var lead = 0;
        while (lead < written.Length && written[lead] == '0')
        {
            lead++;
        }

        if (lead == written.Length)
        {
            return Done(0, out value, out problem);
        }

        var trail = written.Length;
        while (trail > lead && written[trail - 1] == '0')
        {
            trail--;
        }

        var scale = exponent - fractionDigits + (written.Length - trail);
        var significant = written[lead..trail];
        problem = PrecisionMessage;
        if (significant.Length > MaxSignificantDigits || scale < -MaxFractionDigits)
        {
            return false;
        }

        if (scale > MaxExponent)
        {
            problem = "The number is out of range.";
            return false;
        }

        var units = long.Parse(significant, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var magnitude = new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, false, (byte)Math.Max(0, -scale));
        for (var k = 0; k < scale; k++)
        {
            magnitude *= 10;
        }

        return Done(negative ? -magnitude : magnitude, out value, out problem);
    }

    /// <summary>Whether a decimal from elsewhere (an Excel cell, a stored value) meets the precision rule.</summary>
    public static bool IsWithinPrecision(decimal value)
    {
        var normal = Normalize(value);
        var scale = normal.Scale;
        if (scale > MaxFractionDigits)
        {
            return false;
        }

        var mantissa = decimal.Abs(normal);
        for (var k = 0; k < scale; k++)
        {
            mantissa *= 10;
        }

        while (mantissa != 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
        }

        return mantissa < 1_000_000_000_000_000m;
    }

    /// <summary>The same value without trailing zeros after the point (1.50 → 1.5, 100.00 → 100).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static bool Done(decimal result, out decimal value, out string? problem)
    {
        value = Normalize(result);
        problem = null;
        return true;
    }

    private static int ReadDigits(ReadOnlySpan<char> s, ref int i, Span<char> digits, ref int count)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            digits[count++] = s[i++];
        }

        return i - start;
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;

namespace Compacts.Domain.Tests.Reference;

/// <summary>
/// An exact rational number: numerator / denominator with BigInteger parts, always normalised
/// (denominator &gt; 0, gcd(|numerator|, denominator) = 1, zero is 0/1). Written for the reference
/// standings only: plain and slow, never a double anywhere.
/// </summary>
public readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>, IComparable
{
    private readonly BigInteger numerator;
    private readonly BigInteger denominatorMinusOne; // default(BigRational) is then 0/1

    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number's denominator may not be zero.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        if (numerator.IsZero)
        {
            denominator = BigInteger.One;
        }

        this.numerator = numerator;
        denominatorMinusOne = denominator - BigInteger.One;
    }

    public BigRational(BigInteger wholeNumber)
        : this(wholeNumber, BigInteger.One)
    {
    }

    public static BigRational Zero => default;

    public static BigRational One => new(BigInteger.One);

    public BigInteger Numerator => numerator;

    public BigInteger Denominator => denominatorMinusOne + BigInteger.One;

    public int Sign => numerator.Sign;

    public bool IsInteger => Denominator.IsOne;

    public static implicit operator BigRational(int value) => new(value);

    public static implicit operator BigRational(long value) => new(value);

    /// <summary>Exact conversion of a decimal (its 96-bit integer and its scale), no rounding.</summary>
    public static BigRational FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = new BigInteger((uint)bits[0])
            | (new BigInteger((uint)bits[1]) << 32)
            | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = (bits[3] & int.MinValue) != 0;
        return new BigRational(negative ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>
    /// Parses a decimal string exactly: optional sign, digits with an optional fraction, optional
    /// exponent ("-12.345", "+3", ".5", "1e3", "2.5E-2"). Anything else throws <see cref="FormatException"/>.
    /// </summary>
    public static BigRational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var digits = new StringBuilder();
        var fractionDigits = 0;
        var sawDigit = false;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            digits.Append(s[i++]);
            sawDigit = true;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                digits.Append(s[i++]);
                fractionDigits++;
                sawDigit = true;
            }
        }

        if (!sawDigit)
        {
            throw new FormatException($"'{text}' is not a decimal number.");
        }

        var exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            var exponentStart = i;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            var exponentDigitsStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == exponentDigitsStart)
            {
                throw new FormatException($"'{text}' has an exponent without digits.");
            }

            exponent = int.Parse(s[exponentStart..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (i != s.Length)
        {
            throw new FormatException($"'{text}' is not a decimal number.");
        }

        var magnitude = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        var power = exponent - fractionDigits;
        var value = power >= 0
            ? new BigRational(magnitude * BigInteger.Pow(10, power))
            : new BigRational(magnitude, BigInteger.Pow(10, -power));
        return negative ? -value : value;
    }

    public static BigRational operator +(BigRational a, BigRational b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static BigRational operator -(BigRational a, BigRational b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static BigRational operator -(BigRational a) => new(-a.Numerator, a.Denominator);

    public static BigRational operator *(BigRational a, BigRational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static BigRational operator /(BigRational a, BigRational b)
    {
        if (b.Numerator.IsZero)
        {
            throw new DivideByZeroException("Division of a rational number by zero.");
        }

        return new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);

    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);

    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;

    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    public static BigRational Min(BigRational a, BigRational b) => a <= b ? a : b;

    public static BigRational Max(BigRational a, BigRational b) => a >= b ? a : b;

    public static BigRational Clamp(BigRational value, BigRational low, BigRational high) => Min(Max(value, low), high);

    public static BigRational Add(BigRational a, BigRational b) => a + b;

    public static BigRational Subtract(BigRational a, BigRational b) => a - b;

    public static BigRational Multiply(BigRational a, BigRational b) => a * b;

    public static BigRational Divide(BigRational a, BigRational b) => a / b;

    public static BigRational Negate(BigRational a) => -a;

    public BigRational Abs() => Sign < 0 ? -this : this;

    /// <summary>
    /// Rounds to 2 decimals, an exact midpoint away from zero (0.525 -> 0.53, -0.135 -> -0.14).
    /// Works on the magnitude: floor(|x| * 100 + 1/2) / 100, then the sign back.
    /// </summary>
    public BigRational Round2()
    {
        var scaled = Abs() * 100 + new BigRational(BigInteger.One, 2);
        var floor = BigInteger.Divide(scaled.Numerator, scaled.Denominator); // both non-negative: truncation is floor
        var rounded = new BigRational(floor, 100);
        return Sign < 0 ? -rounded : rounded;
    }

    public bool Equals(BigRational other) =>
        Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is BigRational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(BigRational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        BigRational other => CompareTo(other),
        _ => throw new ArgumentException("Not a BigRational.", nameof(obj)),
    };

    /// <summary>
    /// The exact decimal expansion when the denominator has no prime factor but 2 and 5
    /// ("0.3", "-12.345", "20"); otherwise "numerator/denominator".
    /// </summary>
    public override string ToString()
    {
        var denominator = Denominator;
        var rest = denominator;
        var places = 0;
        while (!rest.IsOne)
        {
            if ((rest % 10).IsZero)
            {
                rest /= 10;
            }
            else if ((rest % 2).IsZero)
            {
                rest /= 2;
            }
            else if ((rest % 5).IsZero)
            {
                rest /= 5;
            }
            else
            {
                return string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{denominator}");
            }

            places++;
        }

        // 10^places is a multiple of the denominator, so the value has at most that many decimals.
        var scaled = BigInteger.Abs(Numerator) * BigInteger.Pow(10, places) / denominator;
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var text = places == 0 ? digits : $"{digits[..^places]}.{digits[^places..]}".TrimEnd('0').TrimEnd('.');
        return Sign < 0 ? "-" + text : text;
    }
}

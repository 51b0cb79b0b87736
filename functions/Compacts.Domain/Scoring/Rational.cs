using System.Numerics;

namespace Compacts.Domain.Scoring;

/// <summary>
/// An exact fraction in lowest terms with a positive denominator: the engine's arithmetic (no rounding until round2). Values whose
/// numerator and denominator fit a <see cref="long"/> (nearly all of them) are computed in 64-bit integers with overflow checks and
/// no allocation; an operation that would overflow falls back to <see cref="BigInteger"/>. <c>default</c> is zero.
/// </summary>
internal readonly struct Rational : IComparable<Rational>, IEquatable<Rational>
{
    public static readonly Rational Zero = new(0, 1, null);
    public static readonly Rational One = new(1, 1, null);

    private readonly long _numerator;
    private readonly long _denominatorMinusOne; // so that default(Rational) is 0/1
    private readonly Big? _big;

    private Rational(long numerator, long denominator, Big? big)
    {
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
        _big = big;
    }

    public BigInteger Numerator => _big?.Numerator ?? _numerator;

    public BigInteger Denominator => _big?.Denominator ?? Denominator64;

    public int Sign => _big?.Numerator.Sign ?? Math.Sign(_numerator);

    private long Denominator64 => _denominatorMinusOne + 1;

    public static Rational Of(long numerator, long denominator) => Reduce(numerator, denominator);

    public static Rational Of(long value) => new(value, 1, null);

    public static Rational Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && bits[1] >= 0 && scale <= 18)
        {
            var mantissa = ((long)bits[1] << 32) | (uint)bits[0];
            return Reduce(value < 0 ? -mantissa : mantissa, Pow10(scale));
        }

        var big = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return Reduce(value < 0 ? -big : big, BigInteger.Pow(10, scale));
    }

    public static Rational operator +(Rational a, Rational b)
    {
        if (a._big is null && b._big is null)
        {
            if (a.Denominator64 == b.Denominator64 && TryAdd(a._numerator, b._numerator, out var sum))
            {
                return Reduce(sum, a.Denominator64);
            }

            if (TryMultiply(a._numerator, b.Denominator64, out var left) && TryMultiply(b._numerator, a.Denominator64, out var right)
                && TryAdd(left, right, out var numerator) && TryMultiply(a.Denominator64, b.Denominator64, out var denominator))
            {
                return Reduce(numerator, denominator);
            }
        }

        // Knuth's addition: over lcm(b, d), and only a factor of g = gcd(b, d) can divide the sum, so no gcd of the large result.
        var (aDenominator, bDenominator) = (a.Denominator, b.Denominator);
        var g = BigInteger.GreatestCommonDivisor(aDenominator, bDenominator);
        var total = (a.Numerator * (bDenominator / g)) + (b.Numerator * (aDenominator / g));
        var g2 = BigInteger.GreatestCommonDivisor(total, g);
        return Lowest(total / g2, aDenominator / g * (bDenominator / g2));
    }

    public static Rational operator -(Rational a) => a._big is null && a._numerator != long.MinValue
        ? new(-a._numerator, a.Denominator64, null)
        : Reduce(-a.Numerator, a.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + (-b);

    public static Rational operator *(Rational a, Rational b) =>
        a._big is null && b._big is null
            && TryMultiply(a._numerator, b._numerator, out var numerator) && TryMultiply(a.Denominator64, b.Denominator64, out var denominator)
            ? Reduce(numerator, denominator)
            : Product(a.Numerator, a.Denominator, b.Numerator, b.Denominator);

    public static Rational operator /(Rational a, Rational b)
    {
        if (b.Sign == 0)
        {
            throw new DivideByZeroException();
        }

        return a._big is null && b._big is null
            && TryMultiply(a._numerator, b.Denominator64, out var numerator) && TryMultiply(a.Denominator64, b._numerator, out var denominator)
            ? Reduce(numerator, denominator)
            : Product(a.Numerator, a.Denominator, b.Denominator, b.Numerator);
    }

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public static Rational Clamp(Rational value, Rational min, Rational max) => Max(min, Min(value, max));

    public int CompareTo(Rational other) =>
        _big is null && other._big is null
            && TryMultiply(_numerator, other.Denominator64, out var left) && TryMultiply(other._numerator, Denominator64, out var right)
            ? left.CompareTo(right)
            : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Rational other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>Round half away from zero to 2 decimals, exactly (0.525 → 0.53, −0.135 → −0.14); the result without trailing zeros.</summary>
    public decimal Round2()
    {
        if (_big is null && _numerator != long.MinValue && TryMultiply(Math.Abs(_numerator), 100, out var scaled))
        {
            var (quotient, remainder) = Math.DivRem(scaled, Denominator64);
            return Hundredths(quotient + (remainder >= Denominator64 - remainder ? 1 : 0), Sign < 0);
        }

        var bigQuotient = BigInteger.DivRem(BigInteger.Abs(Numerator) * 100, Denominator, out var bigRemainder);
        var result = (decimal)(bigQuotient + (bigRemainder * 2 >= Denominator ? 1 : 0)) / 100m;
        return ExactNumbers.Normalize(Sign < 0 ? -result : result);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>hundredths / 100 as a decimal without trailing zeros (1250 → 12.5, 1200 → 12), with no decimal division.</summary>
    private static decimal Hundredths(long hundredths, bool negative)
    {
        byte scale = 2;
        while (scale > 0 && hundredths % 10 == 0)
        {
            hundredths /= 10;
            scale--;
        }

        return new decimal((int)(hundredths & 0xFFFFFFFF), (int)(hundredths >> 32), 0, negative && hundredths != 0, scale);
    }

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static Rational Reduce(long numerator, long denominator)
    {
        if (numerator == long.MinValue || denominator == long.MinValue)
        {
            return Reduce((BigInteger)numerator, (BigInteger)denominator);
        }

        if (denominator < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var gcd = (long)Gcd((ulong)Math.Abs(numerator), (ulong)denominator);
        return gcd > 1 ? new(numerator / gcd, denominator / gcd, null) : new(numerator, denominator, null);
    }

    /// <summary>(n1/d1)·(n2/d2) in lowest terms by cancelling across first (Knuth), so the large product needs no gcd.</summary>
    private static Rational Product(BigInteger n1, BigInteger d1, BigInteger n2, BigInteger d2)
    {
        if (d2.Sign < 0)
        {
            (n2, d2) = (-n2, -d2);
        }

        var g1 = BigInteger.GreatestCommonDivisor(n1, d2);
        var g2 = BigInteger.GreatestCommonDivisor(n2, d1);
        if (g1.IsZero || g2.IsZero)
        {
            return Zero;
        }

        return Lowest(n1 / g1 * (n2 / g2), d1 / g2 * (d2 / g1));
    }

    /// <summary>A fraction already in lowest terms with a positive denominator, kept in 64 bits when it fits.</summary>
    private static Rational Lowest(BigInteger numerator, BigInteger denominator) =>
        numerator >= long.MinValue + 1 && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new((long)numerator, (long)denominator, null)
            : new(0, 1, new Big(numerator, denominator));

    private static Rational Reduce(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        return numerator >= long.MinValue + 1 && numerator <= long.MaxValue && denominator <= long.MaxValue
            ? new((long)numerator, (long)denominator, null)
            : new(0, 1, new Big(numerator, denominator));
    }

    /// <summary>Binary GCD (Stein's algorithm): shifts and subtractions, no division.</summary>
    private static ulong Gcd(ulong a, ulong b)
    {
        if (a == 0)
        {
            return b;
        }

        if (b == 0)
        {
            return a;
        }

        var shift = BitOperations.TrailingZeroCount(a | b);
        a >>= BitOperations.TrailingZeroCount(a);
        do
        {
            b >>= BitOperations.TrailingZeroCount(b);
            if (a > b)
            {
                (a, b) = (b, a);
            }

            b -= a;
        }
        while (b != 0);

        return a << shift;
    }

    private static bool TryMultiply(long a, long b, out long product)
    {
        if (IsInt32(a) && IsInt32(b))
        {
            product = a * b; // |a·b| < 2^62: no overflow, no 128-bit product needed
            return true;
        }

        var high = Math.BigMul(a, b, out product);
        return high == product >> 63;
    }

    private static bool IsInt32(long value) => (ulong)(value + int.MaxValue) <= 2UL * int.MaxValue;

    private static bool TryAdd(long a, long b, out long sum)
    {
        sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) >= 0;
    }

    private sealed record Big(BigInteger Numerator, BigInteger Denominator);
}

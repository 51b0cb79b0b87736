using System.Text.RegularExpressions;

namespace Compacts.Domain;

/// <summary>
/// Identifier rules of the HTTP contract: ids are 1..64 of [a-z0-9-]; user ids are lower-case ASCII e-mail addresses.
/// Patterns end in <c>\z</c>: in .NET, <c>$</c> also matches before a final line feed.
/// </summary>
public static partial class Identifiers
{
    public const int MaxIdLength = 64;
    public const int MaxUserIdLength = 254;

    public static bool IsValidId(string? value) =>
        value is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(value);

    /// <summary>Lower-case addresses only, and no characters Table Storage forbids in keys.</summary>
    public static bool IsValidUserId(string? value) =>
        value is { Length: > 0 and <= MaxUserIdLength } && UserIdPattern().IsMatch(value);

    public static bool IsValidEmail(string? value) =>
        value is { Length: > 0 and <= MaxUserIdLength } && EmailPattern().IsMatch(value);

    /// <summary>
    /// Lower-cases A-Z only. Full Unicode case mapping would turn e.g. the Kelvin sign (U+212A) into 'k', so that a
    /// principal "\u212Ae-toan@…" acted as "ke-toan@…"; with ASCII mapping such an id stays non-ASCII and is refused.
    /// </summary>
    public static string ToLowerAscii(string value) => string.Create(value.Length, value, static (chars, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] | 0x20) : text[i];
        }
    });

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}

using System.Text.RegularExpressions;

namespace Compacts.Domain;

/// <summary>Identifier rules of the HTTP contract: ids are 1..64 of [a-z0-9-]; user ids are lower-case e-mail addresses.</summary>
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

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}

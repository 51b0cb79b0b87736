namespace Compacts.Domain;

/// <summary>The rule for free text a person writes (a report's note, a reviewer's comment, an explanation).</summary>
public static class FreeText
{
    public const int MaxLength = 4000;

    /// <summary>Why <paramref name="text"/> is refused (<paramref name="what"/> names it: "The note"), or null when it is acceptable.</summary>
    public static string? Problem(string text, string what)
    {
        if (text.Length > MaxLength)
        {
            return $"{what} has at most {MaxLength} characters.";
        }

        return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? $"{what} may not contain control characters other than line breaks and tabs."
            : null;
    }
}

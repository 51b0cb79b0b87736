namespace Compacts.Functions.Http;

/// <summary>Checks the identifiers a route carries before anything touches storage.</summary>
public static class RouteValues
{
    public static ApiResult? CheckIds(params (string Name, string? Value)[] ids)
    {
        var errors = new ValidationErrors();
        foreach (var (name, value) in ids)
        {
            if (!Identifiers.IsValidId(value))
            {
                errors.Add(name, $"{name} must be 1 to 64 characters of a-z, 0-9 and '-'.");
            }
        }

        return errors.IsEmpty ? null : Responses.Validation(errors.ToDictionary());
    }

    public static ApiResult? CheckUserId(string? userId) =>
        Identifiers.IsValidUserId(userId)
            ? null
            : Responses.Validation("userId", "A user id is the user's lower-case e-mail address.");

    public static Checked<Period> ParsePeriod(string? text) =>
        Period.TryParse(text, out var period)
            ? new(period)
            : new(Responses.Validation("period", "The period is a month written YYYY-MM."));
}

namespace Compacts.Functions.Auth;

/// <summary>
/// Why a caller may not go on: <paramref name="SignInRequired"/> when no trusted, known principal came with the request (the
/// HTTP layer answers 401), otherwise the caller is known but not allowed (403).
/// </summary>
public sealed record Denial(bool SignInRequired, string Detail)
{
    public static Denial Unauthenticated(string detail) => new(true, detail);

    public static Denial Forbidden(string detail) => new(false, detail);
}

using Compacts.Functions.Users;
using Microsoft.Extensions.Configuration;

namespace Compacts.Functions.Auth;

/// <summary>Turns the request's principal into a <see cref="Caller"/>, or the <see cref="Denial"/> the HTTP layer answers 401/403.</summary>
public sealed class CallerResolver(UserStore users, IOptions<AuthOptions> options, IConfiguration configuration)
{
    private bool EasyAuthMissing =>
        options.Value.ExpectEasyAuth && !string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public async Task<Resolved> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (EasyAuthMissing)
        {
            return new(Denial.Unauthenticated("Authentication is not in front of this app, so no client principal can be trusted."));
        }

        if (!request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var header) || string.IsNullOrWhiteSpace(header))
        {
            return new(Denial.Unauthenticated("Sign in: the request carries no client principal."));
        }

        if (header.Count != 1 || !ClientPrincipal.TryParse(header[0], out var principal) || principal is null)
        {
            return new(Denial.Unauthenticated("The client principal header is not valid base64 JSON with claims."));
        }

        if (principal.UserId is { } id && !Ascii.IsValid(id))
        {
            // User ids are ASCII e-mail addresses; a look-alike letter (e.g. the Kelvin sign for 'k') names no one here.
            return new(Denial.Forbidden("The principal's user name is not an ASCII e-mail address."));
        }

        if (principal.IsAdmin)
        {
            // Admins may do all that reporters may; they need no registration.
            return new(new Caller(principal.UserId ?? "admin", true, null));
        }

        if (principal.UserId is null || !Identifiers.IsValidUserId(principal.UserId))
        {
            return new(Denial.Forbidden("The principal has no e-mail or preferred_username claim this service knows."));
        }

        var user = await users.GetAsync(principal.UserId, cancellationToken);
        return user is null
            ? new Resolved(Denial.Forbidden($"'{principal.UserId}' is not registered as a reporter of any unit."))
            : new Resolved(new Caller(principal.UserId, false, user.UnitId));
    }

    public async Task<Resolved> ResolveAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(request, cancellationToken);
        if (resolved.Caller is { IsAdmin: false })
        {
            return new(Denial.Forbidden($"Only a secretariat admin (role {ClientPrincipal.AdminRole}) may do this."));
        }

        return resolved;
    }
}

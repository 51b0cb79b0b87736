using System.Text;
using Compacts.Domain;
using Compacts.Functions.Storage;
using Compacts.Functions.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Auth;

/// <summary>Turns the request's principal into a <see cref="Caller"/>, or the <see cref="Denial"/> the HTTP layer answers 401/403.</summary>
public sealed class CallerResolver(UserStore users, IOptions<AuthOptions> options, IConfiguration configuration)
{
    private bool EasyAuthMissing =>
        options.Value.ExpectEasyAuth && !string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public async Task<(Caller? Caller, Denial? Denied)> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (EasyAuthMissing)
        {
            return (null, Denial.Unauthenticated("Authentication is not in front of this app, so no client principal can be trusted."));
        }

        if (!request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var header) || string.IsNullOrWhiteSpace(header))
        {
            return (null, Denial.Unauthenticated("Sign in: the request carries no client principal."));
        }

        if (header.Count != 1 || !ClientPrincipal.TryParse(header[0], out var principal) || principal is null)
        {
            return (null, Denial.Unauthenticated("The client principal header is not valid base64 JSON with claims."));
        }

        if (principal.UserId is { } id && !Ascii.IsValid(id))
        {
            // User ids are ASCII e-mail addresses; a look-alike letter (e.g. the Kelvin sign for 'k') names no one here.
            return (null, Denial.Forbidden("The principal's user name is not an ASCII e-mail address."));
        }

        if (principal.IsAdmin)
        {
            // Admins may do all that reporters may; they need no registration.
            return (new Caller(principal.UserId ?? "admin", true, null), null);
        }

        if (principal.UserId is null || !Identifiers.IsValidUserId(principal.UserId))
        {
            return (null, Denial.Forbidden("The principal has no e-mail or preferred_username claim this service knows."));
        }

        var user = await users.GetAsync(principal.UserId, cancellationToken);
        return user is null
            ? (null, Denial.Forbidden($"'{principal.UserId}' is not registered as a reporter of any unit."))
            : (new Caller(principal.UserId, false, user.UnitId), null);
    }

    public async Task<(Caller? Caller, Denial? Denied)> ResolveAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, denied) = await ResolveAsync(request, cancellationToken);
        if (caller is { IsAdmin: false })
        {
            return (null, Denial.Forbidden($"Only a secretariat admin (role {ClientPrincipal.AdminRole}) may do this."));
        }

        return (caller, denied);
    }
}

using Compacts.Domain;
using Compacts.Functions.Auth;
using Microsoft.AspNetCore.Http;

namespace Compacts.Functions.Http;

/// <summary>The check every route outside <c>/compacts/{compactId}</c> starts with: the caller, or the 401/403 answer.</summary>
public sealed class CallerGuard(CallerResolver resolver)
{
    public async Task<Checked<Caller>> CallerAsync(HttpRequest req, CancellationToken cancellationToken) =>
        Answer(await resolver.ResolveAsync(req, cancellationToken));

    public async Task<Checked<Caller>> AdminAsync(HttpRequest req, CancellationToken cancellationToken) =>
        Answer(await resolver.ResolveAdminAsync(req, cancellationToken));

    private static Checked<Caller> Answer(Resolved resolved) =>
        resolved.Refused ? new(Responses.Denied(resolved.Denied)) : new(resolved.Caller);
}

using Compacts.Functions.Auth;

namespace Compacts.Functions.Http;

/// <summary>The check every route outside <c>/compacts/{compactId}</c> starts with: the caller, or the 401/403 answer.</summary>
public sealed class CallerGuard(CallerResolver resolver)
{
    public async Task<Checked<Caller>> CallerAsync(HttpRequest req, CancellationToken cancellationToken) =>
        Answer(await resolver.ResolveAsync(req, cancellationToken));

    /// <summary>A read of one record: the caller (401/403), then the route's ids (<paramref name="badId"/>, 400).</summary>
    public async Task<Checked<Caller>> CallerAsync(HttpRequest req, ApiResult? badId, CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(req, cancellationToken);
        return caller.Failed || badId is null ? caller : new(badId);
    }

    public async Task<Checked<Caller>> AdminAsync(HttpRequest req, CancellationToken cancellationToken) =>
        Answer(await resolver.ResolveAdminAsync(req, cancellationToken));

    /// <summary>An admin's write: the caller (401/403), then the route's ids (<paramref name="badId"/>, 400), then the JSON body.</summary>
    public async Task<Checked<T>> AdminBodyAsync<T>(HttpRequest req, ApiResult? badId, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var admin = await AdminAsync(req, cancellationToken);
        return admin.Failed ? new(admin.Problem)
            : badId is not null ? new(badId)
            : await RequestBody.ReadJsonAsync<T>(req, maxBytes, cancellationToken);
    }

    private static Checked<Caller> Answer(Resolved resolved) =>
        resolved.Refused ? new(Responses.Denied(resolved.Denied)) : new(resolved.Caller);
}

using Compacts.Functions.Auth;
using Compacts.Functions.Units;

namespace Compacts.Functions.Compacts;

public sealed class CompactsFunctions(CallerGuard callers, CompactStore compacts, UnitStore units, IOptions<CompactOptions> options)
{
    private const int MaxBodyBytes = 512 * 1024;
    private const int NextYearMaxBodyBytes = 16 * 1024;

    [Function(nameof(PutCompact))]
    public async Task<IActionResult> PutCompact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}")] HttpRequest req, string compactId, CancellationToken cancellationToken)
    {
        var body = await callers.AdminBodyAsync<CompactDraft>(req, RouteValues.CheckIds(("compactId", compactId)), MaxBodyBytes, cancellationToken);
        if (body.Failed)
        {
            return body.Problem;
        }

        var draft = body.Value;

        var (compact, errors) = CompactValidator.Validate(draft, options.Value.DefaultTimeZone);
        if (compact is not null)
        {
            var known = (await units.ListAsync(cancellationToken)).Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < compact.Members.Count; i++)
            {
                if (!known.Contains(compact.Members[i].UnitId))
                {
                    errors.Add($"members[{i}].unitId", $"There is no unit '{compact.Members[i].UnitId}'; create it first with PUT /api/units/{compact.Members[i].UnitId}.");
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return Responses.Validation(errors.ToDictionary());
        }

        // A conditional PUT is evaluated here against the current ETag, and the write is then guarded by that ETag (or is
        // create-only), so a change in between is a 412 too; the store never sees a client's header. A draft is guarded the same way:
        // an active compact never turns back into a draft (it may hold reports, runs and ballots).
        string? ifMatch = null;
        var createOnly = false;
        var conditions = Preconditions.From(req);
        if (conditions.Any || compact!.IsDraft())
        {
            var stored = await compacts.GetAsync(compactId, cancellationToken, fresh: true);
            var current = stored?.ETag;
            if (!conditions.HoldFor(current))
            {
                return Responses.PreconditionFailed(
                    $"Compact '{compactId}' does not meet If-Match/If-None-Match (it has changed, does not exist, or exists); GET it again. Nothing was stored.");
            }

            if (compact!.IsDraft() && stored is not null && !stored.Compact.IsDraft())
            {
                return Responses.Problem(409, "The compact is active.",
                    $"Compact '{compactId}' is active: it accepts reports and may hold them, so it cannot return to draft. Nothing was stored.");
            }

            (ifMatch, createOnly) = (current, current is null);
        }

        var (outcome, etag) = await compacts.PutAsync(compactId, compact!, ifMatch, createOnly, cancellationToken);
        var response = CompactResponse.From(compactId, compact!);
        return outcome switch
        {
            PutOutcome.Created => Responses.Created(response, etag, $"/api/compacts/{compactId}"),
            PutOutcome.Replaced => Responses.Ok(response, etag),
            PutOutcome.TooLarge => Responses.Validation("$", "The compact is too large to store; split it or shorten its texts."),
            _ => Responses.PreconditionFailed(createOnly
                ? $"Compact '{compactId}' was created meanwhile; GET it again. Nothing was stored."
                : $"Compact '{compactId}' has changed meanwhile; GET it again. Nothing was stored."),
        };
    }

    [Function(nameof(PostNextCompact))]
    public async Task<IActionResult> PostNextCompact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/next")] HttpRequest req, string compactId, CancellationToken cancellationToken)
    {
        var body = await callers.AdminBodyAsync<NextYearDraft>(req, RouteValues.CheckIds(("compactId", compactId)), NextYearMaxBodyBytes, cancellationToken);
        if (body.Failed)
        {
            return body.Problem;
        }

        if (await compacts.GetAsync(compactId, cancellationToken, fresh: true) is not { } source)
        {
            return Responses.NotFound($"There is no compact '{compactId}'.");
        }

        if (source.Compact.IsDraft())
        {
            return Responses.Problem(409, "The compact is a draft.",
                $"'{compactId}' is a draft: its next year is made once it is signed and active. Nothing was stored.");
        }

        var (next, errors) = NextYear.Derive(compactId, source.Compact, body.Value);
        if (next is null)
        {
            return Responses.Validation(errors.ToDictionary());
        }

        var nextId = body.Value.CompactId!;
        var (outcome, etag) = await compacts.PutAsync(nextId, next, ifMatch: null, ifNoneMatchAny: true, cancellationToken); // create-only
        return outcome switch
        {
            PutOutcome.Created => Responses.Created(CompactResponse.From(nextId, next), etag, $"/api/compacts/{nextId}"),
            PutOutcome.TooLarge => Responses.Validation("$", "The compact is too large to store; split it or shorten its texts."),
            _ => Responses.Problem(409, "The compact exists.", $"There is a compact '{nextId}' already; choose another compactId. Nothing was stored."),
        };
    }

    [Function(nameof(GetCompacts))]
    public async Task<IActionResult> GetCompacts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts")] HttpRequest req, CancellationToken cancellationToken)
    {
        var resolved = await callers.CallerAsync(req, cancellationToken);
        return await resolved.ThenAsync(async caller =>
        {
            var visible = (await compacts.ListAsync(cancellationToken))
                .Where(s => Access.CanReadCompact(caller, s.Compact))
                .Select(s => new CompactSummary(s.CompactId, s.Compact.Title, s.Compact.Cluster, s.Compact.Year, s.Compact.Status, s.Compact.Members))
                .ToList();
            return Responses.Ok(visible);
        });
    }

    /// <summary>
    /// The members with their units' names, for every reader of the compact: a unit's users may read only their own unit's record,
    /// yet the pages they read (the review queue, the ballots, a report of another member) name the other members.
    /// </summary>
    [Function(nameof(GetCompactMembers))]
    public async Task<IActionResult> GetCompactMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/members")] HttpRequest req, string compactId,
        CancellationToken cancellationToken)
    {
        var resolved = await callers.CallerAsync(req, RouteValues.CheckIds(("compactId", compactId)), cancellationToken);
        return await resolved.ThenAsync(async caller =>
        {
            var stored = await compacts.GetAsync(compactId, cancellationToken);
            if (stored is null)
            {
                return Responses.NotFound($"There is no compact '{compactId}'.");
            }

            if (!Access.CanReadCompact(caller, stored.Compact))
            {
                return Responses.Forbidden("Only the compact's members and admins may read it.");
            }

            var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
            return Responses.Ok(new CompactMembersResponse(compactId,
                [.. stored.Compact.Members.Select(m => new CompactMember(m.UnitId, names.GetValueOrDefault(m.UnitId), m.Role))]));
        });
    }

    [Function(nameof(GetCompact))]
    public async Task<IActionResult> GetCompact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}")] HttpRequest req, string compactId, CancellationToken cancellationToken)
    {
        var resolved = await callers.CallerAsync(req, RouteValues.CheckIds(("compactId", compactId)), cancellationToken);
        return await resolved.ThenAsync(async caller =>
        {
            var stored = await compacts.GetAsync(compactId, cancellationToken);
            if (stored is null)
            {
                return Responses.NotFound($"There is no compact '{compactId}'.");
            }

            return Access.CanReadCompact(caller, stored.Compact)
                ? Responses.Ok(CompactResponse.From(compactId, stored.Compact), stored.ETag)
                : Responses.Forbidden("Only the compact's members and admins may read it.");
        });
    }
}

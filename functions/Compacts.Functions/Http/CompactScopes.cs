using Compacts.Functions.Auth;
using Compacts.Functions.Compacts;

namespace Compacts.Functions.Http;

/// <summary>
/// The checks every route under <c>/compacts/{compactId}</c> starts with, in one order: the caller (401/403), the ids and the
/// period's form (400), the compact (404), that the caller may read it (403), the period in the compact's year (400), the unit
/// a member (404).
/// </summary>
public sealed class CompactScopes(CallerResolver callers, CompactStore compacts)
{
    public async Task<Checked<CompactScope>> OpenAsync(
        HttpRequest req, string compactId, string? period, string? unitId, CancellationToken cancellationToken)
    {
        var resolved = await callers.ResolveAsync(req, cancellationToken);
        if (resolved.Refused)
        {
            return new(Responses.Denied(resolved.Denied));
        }

        var caller = resolved.Caller;
        var badId = unitId is null
            ? RouteValues.CheckIds(("compactId", compactId))
            : RouteValues.CheckIds(("compactId", compactId), ("unitId", unitId));
        if (badId is not null)
        {
            return new(badId);
        }

        var parsed = default(Period);
        if (period is not null)
        {
            var checkedPeriod = RouteValues.ParsePeriod(period);
            if (checkedPeriod.Failed)
            {
                return new(checkedPeriod.Problem);
            }

            parsed = checkedPeriod.Value;
        }

        var stored = await compacts.GetAsync(compactId, cancellationToken);
        if (stored is null)
        {
            return new(Responses.NotFound($"There is no compact '{compactId}'."));
        }

        if (!Access.CanReadCompact(caller, stored.Compact))
        {
            return new(Responses.Forbidden("Only the compact's members and admins may use it."));
        }

        var calendar = new CompactCalendar(stored.Compact);
        if (period is not null && !calendar.IsInYear(parsed))
        {
            return new(Responses.Validation("period", $"The period must be a month of the compact's year {stored.Compact.Year}."));
        }

        if (unitId is not null && !stored.Compact.IsMember(unitId))
        {
            return new(Responses.NotFound($"Unit '{unitId}' is not a member of compact '{compactId}'."));
        }

        return new(new CompactScope(caller, compactId, stored.Compact, calendar, parsed));
    }
}

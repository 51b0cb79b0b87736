namespace Compacts.Functions.Units;

/// <summary>Units (member organisations): admin manages; a reporter may read its own unit.</summary>
public sealed class UnitsFunctions(CallerGuard callers, UnitStore units)
{
    private const int MaxBodyBytes = 16 * 1024;

    [Function(nameof(PutUnit))]
    public async Task<IActionResult> PutUnit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "units/{unitId}")] HttpRequest req, string unitId, CancellationToken cancellationToken)
    {
        var body = await callers.AdminBodyAsync<UnitBody>(req, RouteValues.CheckIds(("unitId", unitId)), MaxBodyBytes, cancellationToken);
        if (body.Failed)
        {
            return body.Problem;
        }

        var draft = body.Value;

        var errors = new ValidationErrors();
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            errors.Add("name", "The unit's name is required: 1 to 200 characters, no control characters.");
        }

        var emails = new List<string>();
        var list = draft.Emails ?? [];
        if (list.Count > 20)
        {
            errors.Add("emails", "At most 20 addresses.");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                var email = list[i] is { } given ? Identifiers.ToLowerAscii(given.Trim()) : null;
                if (!Identifiers.IsValidEmail(email))
                {
                    errors.Add($"emails[{i}]", "Not a valid e-mail address.");
                }
                else if (!emails.Contains(email!))
                {
                    emails.Add(email!);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return Responses.Validation(errors.ToDictionary());
        }

        var unit = new Unit(unitId, name!, emails);
        var created = await units.PutAsync(unit, cancellationToken);
        return created ? Responses.Created(unit, location: $"/api/units/{unitId}") : Responses.Ok(unit);
    }

    [Function(nameof(GetUnits))]
    public async Task<IActionResult> GetUnits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units")] HttpRequest req, CancellationToken cancellationToken)
    {
        var admin = await callers.AdminAsync(req, cancellationToken);
        return admin.Failed ? admin.Problem : Responses.Ok(await units.ListAsync(cancellationToken));
    }

    [Function(nameof(GetUnit))]
    public async Task<IActionResult> GetUnit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unitId}")] HttpRequest req, string unitId, CancellationToken cancellationToken)
    {
        var resolved = (await callers.CallerAsync(req, RouteValues.CheckIds(("unitId", unitId)), cancellationToken))
            .Require(caller => caller.IsAdmin || caller.IsReporterOf(unitId), "A reporter may read only its own unit.");
        return await resolved.ThenAsync(async caller =>
        {
            return await units.GetAsync(unitId, cancellationToken) is { } unit
                ? Responses.Ok(unit)
                : Responses.NotFound($"There is no unit '{unitId}'.");
        });
    }
}

using Compacts.Functions.Units;

namespace Compacts.Functions.Users;

/// <summary>Reporters: admin registers each user for one unit; a user may read its own record.</summary>
public sealed class UsersFunctions(CallerGuard callers, UserStore users, UnitStore units)
{
    [Function(nameof(PutUser))]
    public async Task<IActionResult> PutUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "users/{userId}")] HttpRequest req, string userId, CancellationToken cancellationToken)
    {
        var body = await callers.AdminBodyAsync<UserBody>(req, RouteValues.CheckUserId(userId), 16 * 1024, cancellationToken);
        if (body.Failed)
        {
            return body.Problem;
        }

        var draft = body.Value;

        var errors = new ValidationErrors();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length > 200 || name.Any(char.IsControl))
        {
            errors.Add("name", "At most 200 characters, no control characters.");
        }

        if (!Identifiers.IsValidId(draft.UnitId))
        {
            errors.Add("unitId", "unitId is required: 1 to 64 characters of a-z, 0-9 and '-'.");
        }
        else if (await units.GetAsync(draft.UnitId!, cancellationToken) is null)
        {
            errors.Add("unitId", $"There is no unit '{draft.UnitId}'; create it first with PUT /api/units/{draft.UnitId}.");
        }

        if (!errors.IsEmpty)
        {
            return Responses.Validation(errors.ToDictionary());
        }

        var user = new User(userId, draft.UnitId!, name);
        var created = await users.PutAsync(user, cancellationToken);
        return created ? Responses.Created(user, location: $"/api/users/{userId}") : Responses.Ok(user);
    }

    [Function(nameof(GetUser))]
    public async Task<IActionResult> GetUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}")] HttpRequest req, string userId, CancellationToken cancellationToken)
    {
        var resolved = (await callers.CallerAsync(req, RouteValues.CheckUserId(userId), cancellationToken))
            .Require(caller => caller.IsAdmin || caller.UserId == userId, "A reporter may read only its own user record.");
        return await resolved.ThenAsync(async caller =>
        {
            return await users.GetAsync(userId, cancellationToken) is { } user
                ? Responses.Ok(user)
                : Responses.NotFound($"There is no user '{userId}'.");
        });
    }

    [Function(nameof(DeleteUser))]
    public async Task<IActionResult> DeleteUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}")] HttpRequest req, string userId, CancellationToken cancellationToken)
    {
        var admin = await callers.AdminAsync(req, cancellationToken);
        if (admin.Failed)
        {
            return admin.Problem;
        }

        if (RouteValues.CheckUserId(userId) is { } badId)
        {
            return badId;
        }

        return await users.DeleteAsync(userId, cancellationToken)
            ? Responses.NoContent()
            : Responses.NotFound($"There is no user '{userId}'.");
    }
}

namespace Compacts.Functions.Auth;

/// <summary>The principal App Service Authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c> (base64 of JSON).</summary>
public sealed record ClientPrincipal(string? UserId, IReadOnlySet<string> Roles)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    public const string AdminRole = "Compacts.Admin";
    private const int MaxHeaderLength = 16 * 1024;

    private static readonly string[] UserIdClaimTypes =
    [
        "preferred_username",
        "email",
        "emails",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    private static readonly string[] RoleClaimTypes =
    [
        "roles",
        "role",
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    ];

    public bool IsAdmin => Roles.Contains(AdminRole);

    public static bool TryParse(string? header, out ClientPrincipal? principal)
    {
        principal = null;
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return false;
        }

        try
        {
            var json = Convert.FromBase64String(header.Trim());
            using var document = Json.JsonText.ParseDocument(json, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            var values = new List<(string Type, string Value)>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                    && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
                {
                    values.Add((typ.GetString()!, val.GetString()!));
                }
            }

            var roles = values
                .Where(c => (roleType is not null && c.Type == roleType) || RoleClaimTypes.Contains(c.Type))
                .Select(c => c.Value)
                .ToHashSet(StringComparer.Ordinal);

            var userId = UserIdClaimTypes
                .Select(type => values.FirstOrDefault(c => c.Type == type).Value)
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
                ?.Trim();
            userId = userId is null ? null : Domain.Identifiers.ToLowerAscii(userId); // ASCII mapping: the Kelvin sign does not become 'k'

            principal = new ClientPrincipal(userId, roles);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Builds the header value (used by tests, demo data and the documentation).</summary>
    public static string Encode(string userId, params string[] roles)
    {
        var claims = new List<object> { new { typ = "preferred_username", val = userId } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}

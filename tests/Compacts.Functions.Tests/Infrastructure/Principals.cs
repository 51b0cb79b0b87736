namespace Compacts.Functions.Tests.Infrastructure;

public static class Principals
{
    public const string AdminUser = "thu-ky@cum6.bocongan.vn";

    public static string Admin { get; } = ClientPrincipal.Encode(AdminUser, ClientPrincipal.AdminRole);

    public static string ReporterOf(string unitId) => ClientPrincipal.Encode(ReporterId(unitId));

    public static string ReporterId(string unitId) => $"can-bo@{unitId}.congan.gov.vn";

    public static string Unregistered { get; } = ClientPrincipal.Encode("nguoi-la@example.com");
}

namespace Compacts.DevHost;

public static class AppSettings
{
    /// <summary>A binding expression <c>%Name%</c> is the app setting Name (<c>Section:Key</c> for <c>Section__Key</c>), as the host resolves it.</summary>
    public static string Resolve(string value, IConfiguration configuration) =>
        value.Length > 2 && value[0] == '%' && value[^1] == '%'
            ? configuration[value[1..^1]] ?? throw new InvalidOperationException($"The setting '{value[1..^1]}' is not set.")
            : value;
}

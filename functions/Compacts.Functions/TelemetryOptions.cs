namespace Compacts.Functions;

/// <summary>Section <c>Telemetry</c>. In Azure the traces go to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Write every finished span to the console (a developer's machine).</summary>
    public bool Console { get; set; }
}

namespace Compacts.Functions.Compacts;

/// <summary>Compacts (giao ước): admin creates and replaces them; members read them.</summary>
/// <summary>Section <c>Compacts</c>.</summary>
public sealed class CompactOptions
{
    public const string SectionName = "Compacts";

    /// <summary>The time zone of a compact that names none (IANA).</summary>
    public string DefaultTimeZone { get; set; } = CompactValidator.DefaultTimeZone;
}

using Compacts.Domain;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Compacts;

/// <summary>Compacts (giao ước): admin creates and replaces them; members read them.</summary>
/// <summary>Section <c>Compacts</c>.</summary>
public sealed class CompactOptions
{
    public const string SectionName = "Compacts";

    /// <summary>The time zone of a compact that names none (IANA).</summary>
    public string DefaultTimeZone { get; set; } = CompactValidator.DefaultTimeZone;
}

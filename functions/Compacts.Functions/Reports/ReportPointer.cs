using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;

namespace Compacts.Functions.Reports;

/// <summary>A report's current revision with the time its first revision was received (which decides lateness).</summary>
public sealed record ReportPointer(ReportRevision Current, DateTimeOffset FirstReceivedAt);

using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Compacts.Functions.Storage;

namespace Compacts.Functions.Reminders;

/// <summary>A requested reminder run as the API shows it: how many compacts were planned and are done, and the mails so far.</summary>
public sealed record ReminderRun(
    string RunId, DateTimeOffset RequestedAt, string RequestedBy, string Status, int Planned, int Done, int Owed, int Sent, int Failed, int Skipped,
    IReadOnlyList<ReminderRunCompact> Compacts);
